async () => {
  const all = [];
  for (let page = 1; page; ) {
    const r = await codemode.listOrders({ page, pageSize: 30 });
    all.push(...r.items);
    page = r.nextPage;
  }
  const months: Record<string, { n: number; total: number }> = {};
  for (const o of all) {
    const m = o.createdAt.slice(0, 7);
    months[m] ||= { n: 0, total: 0 };
    months[m].n++;
    months[m].total = Math.round((months[m].total + o.total) * 100) / 100;
  }
  return Object.entries(months).sort(([a], [b]) => (a < b ? -1 : 1));
}
