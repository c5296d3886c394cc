async () => {
  const order = await codemode.getOrder({ id: 'ord_1007' });
  class Money {
    constructor(public amount: number, public currency: string) {}
    toJSON() { return `${this.amount.toFixed(2)} ${this.currency}`; }
  }
  const doc = {
    id: order.id, created: new Date(order.createdAt), total: new Money(order.total, order.currency),
    tags: new Set(['a', 'b']), meta: new Map([['k', 1]]), nothing: undefined, nan: NaN, negz: -0,
    nested: { list: [1, undefined, () => 1, Symbol('s')], deep: { ok: true } },
  };
  const compact = JSON.stringify(doc);
  const pretty = JSON.stringify({ id: doc.id, nested: doc.nested, empty: {}, emptyArr: [] }, null, '\t');
  const indented = JSON.stringify([{ a: 1, b: [1, 2] }, []], null, 12);
  const revived = JSON.parse(compact, function (key, value) {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(value);
    if (key === 'nan') return undefined;
    return value;
  });
  const order2 = JSON.parse('{"b":1,"a":2,"10":3,"2":4,"__proto__":{"x":1}}');
  const precise = JSON.parse('[0.1, 1e21, 1E-7, 123456789012345678901234567890, -0, 1.0, 5e-324]');
  console.log(pretty);
  console.log(indented);
  console.log(revived.created instanceof Date, revived.created.toISOString(), 'nan' in revived);
  return { compact, keys: Object.keys(order2), proto: Object.getPrototypeOf(order2) === Object.prototype, x: order2.x,
    precise, again: JSON.stringify(precise), esc: JSON.stringify('line\nbreak\u2028 "q" \\ \u0007 é 😀 \ud800') };
}
