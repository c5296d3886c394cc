async () => {
  const { items } = await codemode.listOrders({ pageSize: 3 });
  const total = items.reduce((s, o) => s + o.total, 0) * 1000;
  return `Total: ${total.toLocaleString()}`;
}
