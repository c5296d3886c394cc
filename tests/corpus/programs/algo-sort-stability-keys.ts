async () => {
  const users = (await codemode.listUsers({ pageSize: 30 })).items;
  const stable = users.map((u, i) => ({ i, plan: u.plan, country: u.country, active: u.active }));
  const byPlan = [...stable].sort((a, b) => a.plan.localeCompare(b.plan));
  const isStable = byPlan.every((x, k) => k === 0 || byPlan[k - 1].plan !== x.plan || byPlan[k - 1].i < x.i);
  const rank: Record<string, number> = { enterprise: 0, team: 1, pro: 2, free: 3 };
  const multi = [...stable].sort((a, b) => rank[a.plan] - rank[b.plan] || Number(b.active) - Number(a.active) || a.country.localeCompare(b.country)).map((x) => `${x.plan}/${x.active ? 'A' : '-'}/${x.country}/${x.i}`);
  const byActive = stable.toSorted((a, b) => Number(a.active) - Number(b.active)).map((x) => x.i);
  const mixed = [10, 9, 1, '10', 'b', 'B', undefined, null, 2, 'a', undefined, NaN, -1, [3], true] as any[];
  const defaultSort = [...mixed].sort();
  const numSort = [3, 1, undefined, 2, , 0] as any[];
  const sortedHoles = numSort.sort((a: number, b: number) => a - b);
  const nanCmp = [3, 1, 2].sort(() => NaN);
  const strs = ['b', 'a', 'C', 'ä', 'A', '_', '1', ' '].sort();
  const big = Array.from({ length: 40 }, (_, i) => ({ k: i % 3, i }));
  big.sort((a, b) => a.k - b.k);
  const bigStable = big.every((x, j) => j === 0 || big[j - 1].k < x.k || big[j - 1].i < x.i);
  const objs = [{ n: 'b' }, { n: 'a' }];
  const returned = objs.sort((x, y) => (x.n < y.n ? -1 : 1)) === objs;
  console.log(multi.slice(0, 6).join(' '));
  return { isStable, multi, byActive, defaultSort: defaultSort.map(String), sortedHoles: [sortedHoles.length, 4 in sortedHoles, 5 in sortedHoles, sortedHoles.map(String)], nanCmp, strs, bigStable, returned };
}
