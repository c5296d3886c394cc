async () => {
  const cfg = await codemode.getConfig();
  const bad = { ...cfg, toString() { return {}; }, valueOf() { return {}; } };
  try { return `config: ${bad}`; } catch (e) { return `${(e as Error).name}: ${(e as Error).message}`; }
}
