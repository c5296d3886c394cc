async () => {
  const { items } = await codemode.listUsers({ pageSize: 5 });
  const tagged = items.map((u) => ({ id: crypto.randomUUID(), user: u.id }));
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const ids = new Set(tagged.map((t) => t.id));
  return {
    unique: ids.size === tagged.length,
    shapes: tagged.every((t) => /^[0-9a-f-]{36}$/.test(t.id) && t.id[14] === '4'),
    hexLen: Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('').length,
  };
}
