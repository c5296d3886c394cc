async () => {
  interface Order { id: string; status: string; total: number; currency: string }
  const all: Order[] = [];
  let page: number | null = 1;
  while (page !== null) {
    const res = await codemode.listOrders({ page, pageSize: 20 });
    all.push(...res.items);
    page = res.nextPage;
  }
  const byStatus: Record<string, { count: number; revenue: number }> = {};
  for (const o of all) {
    const s = (byStatus[o.status] ??= { count: 0, revenue: 0 });
    s.count++;
    s.revenue += o.total;
  }
  for (const k of Object.keys(byStatus)) byStatus[k].revenue = Math.round(byStatus[k].revenue * 100) / 100;
  return { orders: all.length, byStatus };
}
