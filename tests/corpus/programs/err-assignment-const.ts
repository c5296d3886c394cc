async () => {
  const total = 0;
  const { items } = await codemode.listOrders({});
  for (const o of items) total += o.total;
  return total;
}
