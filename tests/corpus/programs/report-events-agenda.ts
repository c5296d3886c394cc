async () => {
  const events = await codemode.getEvents();
  const byDay = new Map<string, string[]>();
  for (const e of [...events].sort((a, b) => a.start.localeCompare(b.start))) {
    const day = e.start.slice(0, 10);
    const mins = (Date.parse(e.end) - Date.parse(e.start)) / 60000;
    if (!byDay.has(day)) byDay.set(day, []);
    byDay.get(day)!.push(`${e.start.slice(11, 16)} ${e.title} (${mins} min)`);
  }
  return Object.fromEntries(byDay);
}
