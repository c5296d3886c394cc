async () => {
  const products = await codemode.listProducts({});
  const stats: Record<string, { n: number; min: number; max: number; avg: number }> = {};
  for (const p of products) {
    const s = stats[p.category] ?? { n: 0, min: Infinity, max: -Infinity, avg: 0 };
    s.n += 1;
    s.min = Math.min(s.min, p.price);
    s.max = Math.max(s.max, p.price);
    s.avg += p.price;
    stats[p.category] = s;
  }
  for (const s of Object.values(stats)) s.avg = +(s.avg / s.n).toFixed(2);
  return stats;
}
