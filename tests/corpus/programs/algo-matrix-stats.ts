async () => {
  const m = [[1, 2, 3], [4, 5, 6], [7, 8, 10]];
  const t = m[0].map((_, i) => m.map((r) => r[i]));
  const det = (a: number[][]): number => a.length === 1 ? a[0][0] : a[0].reduce((s, v, j) => s + (j % 2 ? -1 : 1) * v * det(a.slice(1).map((r) => r.filter((_, k) => k !== j))), 0);
  return { t, det: det(m), trace: m.reduce((s, r, i) => s + r[i], 0), flat: m.flat().filter((x) => x % 2) };
}
