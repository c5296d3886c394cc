async () => {
  const { items } = await codemode.listOrders({ pageSize: 25 });
  const stats = {
    orders: items,
    get count() { return this.orders.length; },
    get revenue() { return Math.round(this.orders.filter((o) => o.status !== 'refunded').reduce((s, o) => s + o.total, 0) * 100) / 100; },
    get avg() { return this.count ? +(this.revenue / this.count).toFixed(2) : 0; },
    _currency: 'USD',
    get currency() { return this._currency; },
    set currency(c: string) { if (!/^[A-Z]{3}$/.test(c)) throw new RangeError(`bad currency ${c}`); this._currency = c; },
    toString() { return `${this.count} orders, ${this.revenue} ${this.currency}`; },
  };
  let err = '';
  try { stats.currency = 'euro'; } catch (e) { err = (e as Error).message; }
  stats.currency = 'EUR';
  const desc = Object.getOwnPropertyDescriptor(stats, 'revenue')!;
  const view = Object.defineProperties({} as any, {
    hidden: { value: 'secret', enumerable: false },
    shown: { value: 'visible', enumerable: true },
    computed: { get: () => stats.count * 2, enumerable: true },
  });
  const frozen = Object.freeze({ a: 1, inner: { b: 2 } });
  (frozen.inner as any).b = 3;
  const sealed = Object.seal({ s: 1 }) as any;
  sealed.s = 2; delete sealed.s; sealed.t = 3;
  const { orders, ...summary } = stats;
  const json = JSON.parse(JSON.stringify({ ...summary }));
  console.log(`${stats}`, Object.keys(stats).length);
  console.log(view, Object.keys(view), JSON.stringify(view));
  return { summary: json, err, desc: { get: typeof desc.get, set: typeof desc.set, enumerable: desc.enumerable, configurable: desc.configurable }, frozen: [Object.isFrozen(frozen), Object.isFrozen(frozen.inner), frozen.inner.b], sealed: [sealed.s, sealed.t, Object.isSealed(sealed)], entries: Object.entries(view) };
}
