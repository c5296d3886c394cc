// Log lines: parse ISO timestamps, show them in the reader's zones, group by day.
const raw = [
  '2024-03-10T06:59:59Z INFO start',
  '2024-03-10T07:00:00Z WARN dst-edge New York',
  '2024-03-31T00:59:59Z INFO before EU DST',
  '2024-03-31T01:00:00Z INFO after EU DST',
  '2024-10-27T00:30:00Z ERROR failover',
  '2024-11-03T05:30:00Z INFO fall back US',
  '2024-12-31T23:59:59Z INFO year end',
];
const zones = ['UTC', 'America/New_York', 'Europe/London', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney', 'America/Los_Angeles', 'America/Sao_Paulo'];
for (const line of raw) {
  const [ts, level, ...rest] = line.split(' ');
  const d = new Date(ts);
  const cols = zones.map((tz) => new Intl.DateTimeFormat('en-GB', { timeZone: tz, dateStyle: 'short', timeStyle: 'medium', hourCycle: 'h23' }).format(d));
  console.log(level.padEnd(5), rest.join(' ').padEnd(18), cols.join(' | '));
}
const byDay = {};
for (const line of raw) {
  const d = new Date(line.split(' ')[0]);
  const key = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  byDay[key] = (byDay[key] || 0) + 1;
}
console.log(JSON.stringify(byDay));
const d = new Date(Date.UTC(2024, 6, 4, 16, 5));
for (const tz of zones) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).formatToParts(d);
  console.log(tz, parts.map((p) => p.type + '=' + p.value).join(' '), new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone);
}
console.log(new Intl.DateTimeFormat('en-US', { timeZone: 'asia/KOLKATA' }).resolvedOptions().timeZone, new Intl.DateTimeFormat('en-US', { timeZone: 'Etc/GMT+5' }).format(d), new Intl.DateTimeFormat('en', { timeZone: 'Etc/UTC' }).resolvedOptions().timeZone);
console.log(d.toLocaleString('en-US', { timeZone: 'America/Chicago', weekday: 'short', hour: '2-digit', minute: '2-digit' }), d.toLocaleTimeString('de-DE', { timeZone: 'Europe/Berlin' }), d.toLocaleDateString('ja-JP', { timeZone: 'Asia/Tokyo', era: 'long' }));
