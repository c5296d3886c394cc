async () => {
  const { items } = await codemode.listUsers({ pageSize: 30 });
  const groups = items.reduce((acc, u) => {
    (acc[u.country] ??= []).push(u.name.split(' ')[0]);
    return acc;
  }, {} as Record<string, string[]>);
  return Object.keys(groups).sort().map((c) => `${c}: ${groups[c].sort().join(', ')}`);
}
