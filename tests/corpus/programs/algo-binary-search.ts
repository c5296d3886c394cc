async () => {
  const pts = await codemode.getMetrics({ points: 24 });
  const sorted = pts.map((p) => p.requests).sort((a, b) => a - b);
  const lowerBound = (xs: number[], v: number) => { let lo = 0, hi = xs.length; while (lo < hi) { const mid = (lo + hi) >>> 1; if (xs[mid] < v) lo = mid + 1; else hi = mid; } return lo; };
  return [1000, 1200, 1250, 1499, 2000].map((v) => lowerBound(sorted, v));
}
