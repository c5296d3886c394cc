async () => {
  const users = (await codemode.listUsers({ pageSize: 6 })).items;
  const byCountry = new Map<string, typeof users>();
  for (const u of users) {
    if (!byCountry.has(u.country)) byCountry.set(u.country, []);
    byCountry.get(u.country)!.push(u);
  }
  console.log(byCountry);
  const counts = new Map([...byCountry].map(([k, v]) => [k, v.length]));
  console.log(counts, new Map(), new Set(), new Map([[{ id: 1 }, new Set(['a', 'b'])]]));
  const plans = new Set(users.map((u) => u.plan));
  console.log(plans, [plans], { plans });
  console.log(new Set(Array.from({ length: 120 }, (_, i) => i)));
  console.log(new Map(Array.from({ length: 5 }, (_, i) => [`key${i}`, { index: i, squares: [i, i * i] }])));
  const nested = { level1: { level2: { map: new Map([['a', { deep: true }]]), set: new Set([[1, 2]]) } } };
  console.log(nested);
  console.log(new WeakMap(), new WeakSet(), [new WeakMap([[{}, 1]])]);
  console.log(counts.keys(), counts.values(), counts.entries(), plans.values(), plans.entries());
  const it = counts.entries();
  it.next();
  console.log(it, [1, 2, 3][Symbol.iterator](), [1, 2].entries(), 'ab'[Symbol.iterator](), 'a1b2'.matchAll(/\d/g));
  class Registry extends Map<string, number> { label = 'reg'; }
  const r = new Registry([['x', 1]]);
  console.log(r, new (class Tags extends Set<string> {})(['t']));
  const m = new Map<any, any>([[NaN, 'nan'], [undefined, null], ['', 0], [-0, 'zero'], [[1], { a: 1 }]]);
  console.log(m, m.size);
  const big = new Map(users.map((u) => [u.id, u]));
  console.log(big.get(users[0].id), [...big.keys()]);
  return [...counts.entries()];
}
