async () => {
  const products = await codemode.listProducts({});
  const index: Record<string, string[]> = {};
  for (const p of products) for (const t of p.tags) (index[t] ??= []).push(p.name);
  const untagged = products.filter((p) => !p.tags.length).length;
  return { index, untagged, tags: Object.keys(index).sort() };
}
