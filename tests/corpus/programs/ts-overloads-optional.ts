async () => {
  function fmt(v: number): string;
  function fmt(v: string, upper?: boolean): string;
  function fmt(v: number | string, upper = false): string {
    return typeof v === 'number' ? v.toFixed(1) : upper ? v.toUpperCase() : v;
  }
  const cfg = await codemode.getConfig();
  return [fmt(cfg.limits.rpm), fmt(cfg.version), fmt(cfg.regions[0], true), cfg.features?.beta ?? 'none', cfg.missing?.deep?.x ?? 'dflt'];
}
