async () => {
  const { items } = await codemode.listProducts({});
  return items.map((p: any) => p.name);
}
