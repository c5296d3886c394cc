async () => {
  const cfg = await codemode.getConfig();
  const { owner } = cfg;
  const { name } = owner;
  return name;
}
