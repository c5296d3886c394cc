async () => {
  const cfg = await codemode.getConfig();
  const regions = cfg.regions;
  return regions.mapp((r: string) => r.toUpperCase());
}
