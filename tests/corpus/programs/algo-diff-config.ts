async () => {
  const before = await codemode.getConfig();
  const after = { ...before, version: '2.5.0', limits: { ...before.limits, rpm: 1200 }, regions: [...before.regions, 'ap-south-1'] };
  const diff = (x: any, y: any, path = ''): string[] => {
    const keys = new Set([...Object.keys(x ?? {}), ...Object.keys(y ?? {})]);
    return [...keys].flatMap((k) => {
      const p = path ? `${path}.${k}` : k;
      const [vx, vy] = [x?.[k], y?.[k]];
      if (vx && vy && typeof vx === 'object' && typeof vy === 'object' && !Array.isArray(vx)) return diff(vx, vy, p);
      return JSON.stringify(vx) === JSON.stringify(vy) ? [] : [`${p}: ${JSON.stringify(vx)} -> ${JSON.stringify(vy)}`];
    });
  };
  return diff(before, after);
}
