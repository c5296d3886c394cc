async () => {
  const u = await codemode.getUser({ id: 9 });
  const { items } = await codemode.listOrders({ userId: u.id, pageSize: 50 });
  const tag = (strings: TemplateStringsArray, ...vals: unknown[]) => strings.reduce((acc, s, i) => acc + s + (i < vals.length ? `[${vals[i]}]` : ''), '');
  return tag`User ${u.name} has ${items.length} orders on plan ${u.plan}`;
}
