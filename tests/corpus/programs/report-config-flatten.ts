async () => {
  const cfg = await codemode.getConfig();
  const flat: Record<string, unknown> = {};
  const walk = (obj: any, prefix = '') => {
    for (const [k, v] of Object.entries(obj)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (v && typeof v === 'object' && !Array.isArray(v)) walk(v, key);
      else flat[key] = v;
    }
  };
  walk(cfg);
  return flat;
}
