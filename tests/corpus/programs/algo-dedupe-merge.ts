async () => {
  const [a, b] = await Promise.all([codemode.listUsers({ page: 1, pageSize: 12 }), codemode.listUsers({ page: 1, pageSize: 8 })]);
  const merged = [...new Map([...a.items, ...b.items].map((u) => [u.id, u])).values()];
  const emails = new Set(merged.map((u) => u.email.split('@')[1]));
  return { merged: merged.length, domains: [...emails] };
}
