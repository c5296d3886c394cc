async () => {
  const thresholds = { warn: 250, crit: 450 } as const satisfies Record<string, number>;
  const pts = await codemode.getMetrics({ service: 'billing', points: 12 });
  const level = (v: number) => (v >= thresholds.crit ? 'crit' : v >= thresholds.warn ? 'warn' : 'ok');
  const counts = { ok: 0, warn: 0, crit: 0 };
  for (const p of pts) counts[level(p.p99)]++;
  return counts;
}
