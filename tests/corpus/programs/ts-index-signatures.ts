interface Counter { [key: string]: number }
interface Totals { [currency: string]: { count: number; sum: number } }
type StatusMap = Record<'paid' | 'refunded' | 'pending' | 'shipped', string[]>;
type Sparse = Partial<StatusMap>;
interface Flags { readonly [flag: string]: boolean; beta: boolean }

async () => {
  const orders: Array<{ id: string; status: string; currency: string; total: number; createdAt: string }> = [];
  for (let page = 1; ; page++) {
    const res = await codemode.listOrders({ page, pageSize: 20 });
    orders.push(...res.items);
    if (!res.nextPage) break;
  }
  const byMonth: Counter = {};
  const totals: Totals = {};
  const status: StatusMap = { paid: [], refunded: [], pending: [], shipped: [] };
  const firstSeen: Sparse = {};
  for (const o of orders) {
    const month = o.createdAt.slice(0, 7);
    byMonth[month] = (byMonth[month] || 0) + 1;
    const t = (totals[o.currency] ??= { count: 0, sum: 0 });
    t.count++;
    t.sum = Math.round((t.sum + o.total) * 100) / 100;
    const key = o.status as keyof StatusMap;
    status[key].push(o.id);
    firstSeen[key] ??= [o.id];
  }
  const cfg = await codemode.getConfig();
  const flags: Flags = { ...cfg.features, legacy: false };
  const enabled = Object.keys(flags).filter((k) => flags[k]);
  const numericKeys: { [n: number]: string } = { 10: 'ten', 2: 'two', 1.5: 'one and a half', [-1]: 'minus one' };
  console.log(Object.entries(byMonth).map(([m, n]) => `${m}:${n}`).join(' '));
  return {
    byMonth,
    totals,
    statusCounts: Object.fromEntries(Object.entries(status).map(([k, v]) => [k, v.length])),
    firstSeen,
    enabled,
    numericKeys: Object.keys(numericKeys),
    lookup: [numericKeys[2], numericKeys[1.5], numericKeys[-1], numericKeys[3]],
  };
}
