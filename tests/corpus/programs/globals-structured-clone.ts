async () => {
  const cfg = await codemode.getConfig();
  const copy = structuredClone(cfg);
  copy.limits.rpm = 1;
  return { original: cfg.limits.rpm, copy: copy.limits.rpm, same: copy === cfg };
}
