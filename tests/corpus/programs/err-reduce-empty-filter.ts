async () => {
  const { items } = await codemode.listOrders({ status: 'cancelled' });
  const totals = items.map((o: { total: number }) => o.total);
  const biggest = totals.reduce((a: number, b: number) => Math.max(a, b));
  return { biggest };
}
