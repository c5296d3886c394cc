async () => {
  const { items: users } = await codemode.listUsers({ pageSize: 5 });
  const rows = await Promise.all(users.map(async (u) => {
    const { items, total } = await codemode.listOrders({ userId: u.id, pageSize: 100 });
    return { user: u.name, orders: total, spent: items.reduce((s, o) => s + o.total, 0).toFixed(2) };
  }));
  return rows.filter((r) => r.orders > 0);
}
