async () => {
  const products = await codemode.listProducts();
  const { items: orders } = await codemode.listOrders({ pageSize: 40 });
  const stock = new Map(products.map((p) => [p.sku, p.stock]));
  const demand = new Map<string, number>();
  for (const o of orders) for (const it of o.items) demand.set(it.sku, (demand.get(it.sku) ?? 0) + it.qty);
  const short = new Set<string>();
  for (const [sku, need] of demand) if ((stock.get(sku) ?? 0) < need) short.add(sku);
  const visited: string[] = [];
  const m = new Map([['a', 1], ['b', 2], ['c', 3]]);
  for (const [k] of m) { visited.push(k); if (k === 'a') { m.delete('b'); m.set('d', 4); m.set('a', 9); } }
  const s = new Set([1, 2, 3]);
  const seenS: number[] = [];
  s.forEach((v) => { seenS.push(v); if (v === 1) { s.delete(1); s.add(1); } if (seenS.length > 10) s.clear(); });
  const keysObj = new Map<any, string>([[{}, 'obj'], [NaN, 'nan'], [0, 'zero']]);
  keysObj.set(-0, 'negzero');
  const chained = new Map().set('x', 1).set('y', 2);
  const setOps = (a: Set<string>, b: Set<string>) => ({
    union: [...new Set([...a, ...b])].sort(), inter: [...a].filter((x) => b.has(x)).sort(), diff: [...a].filter((x) => !b.has(x)).sort(),
  });
  const tagsA = new Set(products.slice(0, 6).flatMap((p) => p.tags));
  const tagsB = new Set(products.slice(6).flatMap((p) => p.tags));
  const ret = [m.delete('zzz'), s.add(5) === s, new Set('hello').size, new Map(Object.entries({ a: 1 })).get('a')];
  console.log([...short].sort().join(','), demand.size, stock.size);
  return { short: [...short].sort(), visited, after: [...m], seenS, keysObj: [...keysObj.values()], nanGet: keysObj.get(NaN), chained: Object.fromEntries(chained), ops: setOps(tagsA, tagsB), ret, top: [...demand].sort((a, b) => b[1] - a[1]).slice(0, 3) };
}
