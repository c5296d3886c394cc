async () => {
  const a = await codemode.listUsers({ page: 1, pageSize: 50 });
  const counts = a.items.reduce((acc: Record<string, number>, u: any) => {
    acc[u.plan] = (acc[u.plan] || 0) + 1;
    return acc;
  }, {});
  const sorted = Object.entries(counts).sort(([, x], [, y]) => (y as number) - (x as number) || 0);
  return Object.fromEntries(sorted);
}
