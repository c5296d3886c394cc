async () => {
  const pts = await codemode.getMetrics({ points: 5 });
  const nf = new Intl.NumberFormat('en', { notation: 'compact' });
  return pts.map((p) => nf.format(p.requests * 1234));
}
