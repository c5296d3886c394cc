async () => {
  const orders: any[] = [];
  for (let p = 1; ; p++) {
    const r = await codemode.listOrders({ page: p, pageSize: 25 });
    orders.push(...r.items);
    if (!r.nextPage) break;
  }
  const spend = new Map<number, number>();
  for (const o of orders.filter((o) => o.status !== 'refunded')) {
    spend.set(o.userId, (spend.get(o.userId) ?? 0) + o.total);
  }
  const top = [...spend.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
  const users = await Promise.all(top.map(([id]) => codemode.getUser({ id })));
  return top.map(([id, total], i) => ({ name: users[i].name, total: total.toFixed(2) }));
}
