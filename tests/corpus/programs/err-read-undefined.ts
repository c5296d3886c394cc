async () => {
  const cfg: any = await codemode.getConfig();
  const n = cfg.limits.rpm;
  return cfg.owner.name + n;
}
