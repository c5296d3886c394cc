async () => {
  const rates = (await codemode.getExchangeRates({ base: 'GBP' })).rates;
  const byCode: Record<string, number> = {};
  for (const [k, v] of Object.entries(rates).sort((a, b) => b[1] - a[1])) byCode[k] = v;
  const numericKeys: Record<string, string> = { b: 'b', 10: 'ten', 2: 'two', a: 'a', '-1': 'neg', '1.5': 'frac', '01': 'lead', 4294967294: 'maxidx', 4294967295: 'over' };
  const order = Object.keys(numericKeys);
  const reAdd = { x: 1, y: 2, z: 3 } as Record<string, number>;
  delete reAdd.x; reAdd.x = 4;
  const assignOrder = Object.assign({ c: 1 }, { a: 2 }, { c: 3, b: 4 });
  const fromDup = Object.fromEntries([['k', 1], ['j', 2], ['k', 3]]);
  const jsonOrder = JSON.stringify(JSON.parse('{"z":1,"5":2,"a":3,"1":4}'));
  const protoKey = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}');
  const literalProto: any = { __proto__: { inherited: true }, own: 1 };
  const computedProto: any = { ['__proto__']: 'own value' };
  const sym = Symbol('s');
  const withSym = { [sym]: 1, b: 2, 1: 3 };
  const forIn: string[] = [];
  const child = Object.create({ parentKey: 1, 0: 'p' });
  child.own = 2; child[5] = 'c';
  for (const k in child) forIn.push(k);
  const mapOrder = [...new Map<any, number>([['b', 1], [2, 2], ['a', 3], [1, 4]]).keys()];
  console.log(byCode);
  return {
    byCode: Object.keys(byCode), order, reAdd: Object.keys(reAdd), assignOrder, fromDup, jsonOrder,
    protoKey: [Object.keys(protoKey), ({} as any).polluted, protoKey.__proto__?.polluted], literalProto: [Object.keys(literalProto), literalProto.inherited],
    computedProto: [Object.keys(computedProto), typeof computedProto.__proto__], withSym: Reflect.ownKeys(withSym).map(String), forIn, mapOrder,
    entriesArr: Object.entries(['x', 'y']), valuesStr: Object.values('hi'),
  };
}
