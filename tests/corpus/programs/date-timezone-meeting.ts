async () => {
  const events = await codemode.getEvents();
  const zones = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Sydney', 'America/Los_Angeles', 'UTC'];
  const fmt = (tz: string) => new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'short', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  const table = events.slice(0, 3).map((e) => {
    const d = new Date(e.start);
    return `${e.title.padEnd(14)} ` + zones.map((z) => fmt(z).format(d)).join(' | ');
  });
  table.forEach((r) => console.log(r));
  const offsetOf = (tz: string, d: Date) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(d);
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return (asUtc - d.getTime()) / 60000;
  };
  const winter = new Date('2024-01-15T12:00:00Z');
  const summer = new Date('2024-07-15T12:00:00Z');
  const offsets = zones.map((z) => [z, offsetOf(z, winter), offsetOf(z, summer)]);
  const longNames = ['America/New_York', 'Asia/Kolkata'].map((tz) => new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' }).formatToParts(summer).find((p) => p.type === 'timeZoneName')?.value);
  const localized = summer.toLocaleString('en-US', { timeZone: 'America/New_York' });
  const dateOnly = summer.toLocaleDateString('en-GB', { timeZone: 'Australia/Sydney' });
  const timeOnly = summer.toLocaleTimeString('en-US', { timeZone: 'Asia/Kolkata' });
  let bad = '';
  try { new Intl.DateTimeFormat('en-US', { timeZone: 'Mars/Olympus' }); } catch (e) { bad = `${(e as Error).name}: ${(e as Error).message}`; }
  const dst = ['2024-03-10T06:59:00Z', '2024-03-10T07:00:00Z', '2024-11-03T05:59:00Z', '2024-11-03T06:00:00Z'].map((s) => new Date(s).toLocaleTimeString('en-US', { timeZone: 'America/New_York', timeZoneName: 'short' }));
  return { table, offsets, longNames, localized, dateOnly, timeOnly, bad, dst, resolved: fmt('Asia/Kolkata').resolvedOptions().timeZone };
}
