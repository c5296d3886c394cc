async () => {
  const { lines } = await codemode.getLogs({});
  const ms = lines.map((l) => Number(/(\d+)ms/.exec(l)?.[1])).filter((n) => !Number.isNaN(n)).sort((a, b) => a - b);
  const pct = (p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)];
  return { n: ms.length, p50: pct(50), p90: pct(90), p99: pct(99), max: ms[ms.length - 1] };
}
