async () => {
  const r = await codemode.listOrders({ pageSize: 6 });
  return r.items.map((o) => new Intl.NumberFormat('en-US', { style: 'currency', currency: o.currency }).format(o.total));
}
