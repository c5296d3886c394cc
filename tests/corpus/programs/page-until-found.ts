async () => {
  let page = 1;
  while (true) {
    const r = await codemode.listOrders({ page, pageSize: 10 });
    const hit = r.items.find((o) => o.total > 700);
    if (hit) return { page, id: hit.id, total: hit.total };
    if (!r.nextPage) return null;
    page = r.nextPage;
  }
}
