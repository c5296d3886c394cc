async () => {
  const order = await codemode.getOrder({ id: 'ord_1003' });
  class Money {
    constructor(public amount: number, public currency: string) {}
    toJSON(key: string) { return `${this.amount.toFixed(2)} ${this.currency}${key ? ` (${key})` : ''}`; }
  }
  const doc = {
    id: order.id,
    total: new Money(order.total, order.currency),
    created: new Date(order.createdAt),
    tags: new Set(['a', 'b']),
    meta: new Map([['k', 1]]),
    nothing: undefined,
    fn() { return 1; },
    sym: Symbol('s'),
    nan: NaN, inf: -Infinity, neg0: -0,
    nested: { arr: [undefined, () => 1, Symbol('x'), null, new Money(1, 'EUR')], empty: {}, emptyArr: [] },
    date2: { toJSON() { return undefined; } },
  };
  const tab = JSON.stringify(doc, null, '\t');
  const wide = JSON.stringify(doc, null, 20);
  const custom = JSON.stringify(doc, null, '--> ');
  const picked = JSON.stringify(doc, ['id', 'total', 'nested', 'arr', 1, 'empty'] as any, 2);
  const seen: string[] = [];
  const repl = JSON.stringify({ a: { b: [1, { c: 2 }] } }, function (k, v) { seen.push(`${JSON.stringify(k)}:${Array.isArray(this) ? 'arr' : typeof this}`); return typeof v === 'number' ? v * 10 : v; });
  const prims = [JSON.stringify('he said "hi"\n\u2028'), JSON.stringify(undefined), JSON.stringify(() => 1), JSON.stringify(new Date(0)), JSON.stringify(Object('str')), JSON.stringify([new Number(3), new Boolean(false)]), JSON.stringify('\ud800'), JSON.stringify({ '\u0007': '\x1f' })];
  console.log(custom);
  console.log(picked);
  return { tab: tab.split('\n').length, wide: wide.split('\n')[1], picked, seen, repl, prims };
}
