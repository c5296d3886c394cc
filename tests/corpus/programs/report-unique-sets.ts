async () => {
  const { items: paid } = await codemode.listOrders({ status: 'paid', pageSize: 50 });
  const { items: shipped } = await codemode.listOrders({ status: 'shipped', pageSize: 50 });
  const paidUsers = new Set(paid.map((o) => o.userId));
  const shippedUsers = new Set(shipped.map((o) => o.userId));
  const both = new Set([...paidUsers].filter((id) => shippedUsers.has(id)));
  const onlyPaid = new Set([...paidUsers].filter((id) => !shippedUsers.has(id)));
  const union = new Set([...paidUsers, ...shippedUsers]);
  const skus = new Set(paid.flatMap((o) => o.items.map((i) => i.sku)));
  console.log('paid users:', paidUsers);
  console.log('shipped users:', shippedUsers);
  console.log('skus:', skus);
  console.log('both:', both, 'only paid:', onlyPaid.size);
  const isSubset = [...both].every((id) => union.has(id));
  return { paid: paidUsers.size, shipped: shippedUsers.size, both: [...both].sort((a, b) => a - b), onlyPaid: onlyPaid.size, union: union.size, skus: [...skus].sort(), isSubset };
}
