async () => {
  const events = await codemode.getEvents();
  const zones = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Sydney'];
  const out: Record<string, string[]> = {};
  for (const tz of zones) {
    const fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, weekday: 'short', month: 'short', day: 'numeric',
      hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
    });
    out[tz] = events.slice(0, 3).map((e) => fmt.format(new Date(e.start)));
  }
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London', year: 'numeric', month: 'long', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(new Date(events[1].start));
  const byType = Object.fromEntries(parts.filter((p) => p.type !== 'literal').map((p) => [p.type, p.value]));
  console.log(byType);
  const styles = (['full', 'long', 'medium', 'short'] as const).map((s) =>
    new Intl.DateTimeFormat('en-US', { dateStyle: s, timeStyle: s === 'full' ? 'long' : s, timeZone: 'UTC' }).format(new Date(events[3].start)));
  return { out, styles };
}
