async () => {
  const products = (await codemode.listProducts({})).filter((p) => p.stock > 0);
  const budget = 500;
  const items = products.map((p) => ({ name: p.name, cost: Math.round(p.price), value: Math.round(p.rating * 10) }));
  const dp: number[] = new Array(budget + 1).fill(0);
  const pick: string[][] = Array.from({ length: budget + 1 }, () => []);
  for (const it of items) for (let c = budget; c >= it.cost; c--) if (dp[c - it.cost] + it.value > dp[c]) { dp[c] = dp[c - it.cost] + it.value; pick[c] = [...pick[c - it.cost], it.name]; }
  return { value: dp[budget], items: pick[budget].sort() };
}
