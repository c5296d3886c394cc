async () => {
  const sum = (...xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const pts = await codemode.getMetrics({ points: 8 });
  const errs = pts.map((p) => p.errors);
  const [head, ...tail] = errs;
  const merged = { ...{ a: 1, b: 2 }, ...{ b: 3 }, c: sum(...errs) };
  return { head, tail, max: Math.max(...errs), merged };
}
