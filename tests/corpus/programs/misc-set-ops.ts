async () => {
  const [paid, shipped] = await Promise.all([codemode.listOrders({ status: 'paid', pageSize: 100 }), codemode.listOrders({ status: 'shipped', pageSize: 100 })]);
  const a = new Set(paid.items.map((o) => o.userId));
  const b = new Set(shipped.items.map((o) => o.userId));
  const both = [...a].filter((x) => b.has(x)).sort((x, y) => x - y);
  const onlyA = [...a].filter((x) => !b.has(x)).length;
  return { both, onlyA, union: new Set([...a, ...b]).size };
}
