async () => {
  const events = await codemode.getEvents();
  const minutes: Record<string, number> = {};
  for (const { start, end } of events) {
    const d = new Date(start);
    const key = d.toISOString().slice(0, 10);
    minutes[key] = (minutes[key] ?? 0) + (new Date(end).getTime() - d.getTime()) / 60_000;
  }
  const [day, total] = Object.entries(minutes).reduce((a, b) => (b[1] > a[1] ? b : a));
  return { day, hours: total / 60 };
}
