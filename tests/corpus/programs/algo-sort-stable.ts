async () => {
  const { items } = await codemode.listUsers({ pageSize: 23 });
  const sorted = [...items].sort((a, b) => a.country.localeCompare(b.country));
  return sorted.map((u) => `${u.country}:${u.id}`);
}
