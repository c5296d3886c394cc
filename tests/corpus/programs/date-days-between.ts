async () => {
  const { items } = await codemode.listUsers({ pageSize: 5 });
  const ref = new Date('2024-06-17T00:00:00Z');
  return items.map((u) => ({ name: u.name, days: Math.floor((ref.getTime() - new Date(u.createdAt).getTime()) / 86400000) }));
}
