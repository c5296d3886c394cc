async () => {
  const users = (await codemode.listUsers({ pageSize: 6 })).items;
  const byPlan = new Map<string, string[]>();
  users.forEach((u) => byPlan.set(u.plan, [...(byPlan.get(u.plan) ?? []), u.name.split(' ')[0]]));
  function* ids() { for (const u of users) yield u.id; }
  const range = { from: 1, to: 5, [Symbol.iterator]() { let c = this.from; const t = this.to; return { next: () => (c <= t ? { value: c++, done: false } : { value: undefined, done: true }), [Symbol.iterator]() { return this; } }; } };
  function args(..._a: unknown[]) { return [arguments.length, [...arguments].join('|'), Array.prototype.slice.call(arguments, 1)]; }
  const out = {
    mapSpread: [...byPlan], keys: [...byPlan.keys()], vals: [...byPlan.values()].flat(),
    setSpread: [...new Set(users.map((u) => u.country))], str: [...'héllo'], gen: [...ids()], range: [...range],
    max: Math.max(...ids()), args: args(...'xyz', ...[1, 2]), objSpread: { ...'ab', ...[9], ...null, ...undefined, ...{ a: 1 }, ...true },
    arrFromMap: Array.from(byPlan, ([k, v]) => `${k}:${v.length}`), fromLike: Array.from({ length: 3, 0: 'a', 2: 'c' }), fromSet: Array.from(new Set('aab')),
    destr: (([a, ...b]) => ({ a, b }))(new Set([3, 2, 1])), nestedSpread: [...[...'ab'].entries()],
    objOrder: Object.keys({ b: 1, 2: 'x', a: 2, 1: 'y', ...{ '-1': 0, '01': 1, 10: 2 } }),
    getterSpread: { ...{ get g() { return 'evaluated'; } } },
  };
  let err = '';
  try { [...({} as any)]; } catch (e) { err = `${(e as Error).name}: ${(e as Error).message}`; }
  let err2 = '';
  try { Math.max(...(123 as any)); } catch (e) { err2 = (e as Error).name; }
  console.log(out.mapSpread, out.range);
  return { ...out, err, err2 };
}
