async () => {
  const events = await codemode.getEvents();
  const dtf = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  const parts = dtf.formatToParts(new Date(events[0].start));
  console.log(parts.map((p) => `${p.type}=${JSON.stringify(p.value)}`).join(' '));
  const get = (d: Date, type: string) => dtf.formatToParts(d).find((p) => p.type === type)?.value;
  const agenda: Record<string, string[]> = {};
  for (const e of events) {
    const d = new Date(e.start);
    const key = `${get(d, 'weekday')} ${get(d, 'month')} ${get(d, 'day')}`;
    (agenda[key] ??= []).push(`${get(d, 'hour')}:${get(d, 'minute')} ${e.title}`);
  }
  const iso = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
  const gb = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'full', timeStyle: 'short' });
  const us12 = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit', hour12: true });
  const h23 = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const mid = new Date('2024-06-17T00:05:00Z');
  const ro = dtf.resolvedOptions();
  return {
    agenda, iso: iso.format(mid), gb: gb.format(mid), us12: [us12.format(mid), us12.format(new Date('2024-06-17T12:30:00Z'))],
    h23: h23.format(mid), tz: ro.timeZone, cal: ro.calendar, era: new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', era: 'short', year: 'numeric' }).format(mid),
    fractional: new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 }).format(new Date('2024-06-17T10:11:12.345Z')),
  };
}
