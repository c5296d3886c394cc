type Tally = { count?: number; total?: number; label?: string | null; tags?: string[] };
async () => {
  const { items } = await codemode.listOrders({ pageSize: 30 });
  const tallies: Record<string, Tally> = {};
  for (const o of items) {
    const t = (tallies[o.status] ??= {});
    t.count = (t.count ?? 0) + 1;
    t.total ||= 0;
    t.total += o.total;
    t.label &&= t.label.toUpperCase();
    t.label ??= o.status === 'paid' ? null : o.status;
    (t.tags ??= []).push(o.currency);
  }
  let firstPair: [string, string] | null = null;
  search: for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (items[j].userId === items[i].userId) { firstPair = [items[i].id, items[j].id]; break search; }
      if (j - i > 10) continue search;
    }
  }
  let [a, b, c = 'def', ...others] = items.map((o) => o.id).slice(0, 5);
  [a, b] = [b, a];
  const { status: s1, items: [{ sku, qty: q = 0 } = { sku: '?' }], extra: { deep = 42 } = {} } = items[0] as any;
  const big = 1_000_000, mask = 0b1010_1010, hex = 0xff_ff, exp = 2 ** 10, prec = 10 ** -2;
  const counts = Object.entries(tallies).map(([k, v]) => `${k}:${v.count}:${v.total?.toFixed(2)}:${v.label}:${new Set(v.tags).size}`);
  const chained = items[0]?.items?.[0]?.unitPrice ?? 'none';
  const missing = (items as any)[99]?.items[0].sku ?? 'none';
  let n = 0;
  const comma = (n++, n++, n);
  const v = void 0;
  console.log(counts);
  return { counts, firstPair, a, b, c, others, s1, sku, q, deep, nums: [big, mask, hex, exp, prec], chained, missing, comma, v: v ?? 'void', typeofs: [typeof null, typeof [], typeof undefined, typeof (() => 1), typeof Symbol()] };
}
