async () => {
  const cfg = await codemode.getConfig();
  const inputs = ['600', '-0x10', '0x1F', ' -0x2a ', '+0b11', String(cfg.limits.burst)];
  return inputs.map((s) => ({ s, n: Number(s), valid: !Number.isNaN(Number(s)) }));
}
