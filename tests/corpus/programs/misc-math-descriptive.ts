async () => {
  const pts = await codemode.getMetrics({ service: 'search', points: 24 });
  const xs = pts.map((p) => p.p99);
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  const sd = Math.sqrt(variance);
  const sorted = xs.toSorted((a, b) => a - b);
  const q = (p: number) => { const pos = (n - 1) * p; const lo = Math.floor(pos); return sorted[lo] + (sorted[Math.ceil(pos)] - sorted[lo]) * (pos - lo); };
  const geo = Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / n);
  const harm = n / xs.reduce((a, x) => a + 1 / x, 0);
  const ys = pts.map((p) => p.requests);
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const cov = xs.reduce((a, x, i) => a + (x - mean) * (ys[i] - my), 0) / (n - 1);
  const corr = cov / (sd * Math.sqrt(ys.reduce((a, y) => a + (y - my) ** 2, 0) / (n - 1)));
  const zs = xs.map((x) => (x - mean) / sd);
  const fns = [Math.sinh(1), Math.cosh(1), Math.tanh(0.5), Math.asinh(1), Math.acosh(2), Math.exp(1), Math.pow(2, 0.5), Math.sin(Math.PI), Math.cos(Math.PI / 3), Math.tan(Math.PI / 4), Math.atan(1) * 4, Math.asin(1), 10 ** -2, 2 ** -1074, Math.pow(-8, 1 / 3), Math.hypot(1e200, 1e200), Math.imul(0xffffffff, 5), Math.fround(0.1)];
  console.log(`mean=${mean.toFixed(3)} sd=${sd.toFixed(3)} p50=${q(0.5)} p90=${q(0.9).toFixed(2)} corr=${corr.toFixed(4)}`);
  return { mean, sd, q: [q(0.25), q(0.5), q(0.75), q(0.95)], geo, harm, corr, zmax: Math.max(...zs), fns, E: Math.E, LN2: Math.LN2, SQRT1_2: Math.SQRT1_2 };
}
