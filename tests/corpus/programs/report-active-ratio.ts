async () => {
  const { items, total } = await codemode.listUsers({ pageSize: 100 });
  const active = items.filter((u) => u.active).length;
  const pct = (active / total) * 100;
  return `${active} of ${total} users active (${pct.toFixed(1)}%)`;
}
