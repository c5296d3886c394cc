async () => {
  const { lines } = await codemode.getLogs({});
  const levels = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
  const summary = Object.fromEntries(levels.map((l) => [l, 0])) as Record<(typeof levels)[number], number>;
  for (const l of lines) {
    const lvl = l.split(' ')[1] as (typeof levels)[number];
    if (lvl in summary) summary[lvl]++;
  }
  const first = lines.find((l) => l.includes(' ERROR '));
  return { summary, firstError: first?.slice(0, 19).replace('T', ' ') };
}
