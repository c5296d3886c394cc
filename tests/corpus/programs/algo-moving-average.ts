async () => {
  const pts = await codemode.getMetrics({ service: 'search', points: 12 });
  const w = 3;
  const ma = pts.map((_, i) => (i < w - 1 ? null : +(pts.slice(i - w + 1, i + 1).reduce((s, p) => s + p.p50, 0) / w).toFixed(2)));
  return ma;
}
