async () => {
  const txs = await codemode.getTransactions({ account: 'joint' });
  const addMonths = (d: Date, n: number) => { const r = new Date(d); const day = r.getUTCDate(); r.setUTCDate(1); r.setUTCMonth(r.getUTCMonth() + n); const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate(); r.setUTCDate(Math.min(day, last)); return r; };
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const start = new Date('2024-01-31T00:00:00Z');
  const schedule = Array.from({ length: 14 }, (_, i) => iso(addMonths(start, i)));
  const naive = Array.from({ length: 4 }, (_, i) => { const d = new Date(start); d.setUTCMonth(d.getUTCMonth() + i); return iso(d); });
  const isLeap = (y: number) => new Date(Date.UTC(y, 1, 29)).getUTCMonth() === 1;
  const leaps = [1900, 2000, 2023, 2024, 2100].map((y) => [y, isLeap(y)]);
  const weekOf = (d: Date) => { const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())); const dow = t.getUTCDay() || 7; t.setUTCDate(t.getUTCDate() + 4 - dow); const y0 = new Date(Date.UTC(t.getUTCFullYear(), 0, 1)); return `${t.getUTCFullYear()}-W${String(Math.ceil(((t.getTime() - y0.getTime()) / 864e5 + 1) / 7)).padStart(2, '0')}`; };
  const weeks: Record<string, number> = {};
  for (const t of txs) { const w = weekOf(new Date(t.date + 'T00:00:00Z')); weeks[w] = Math.round(((weeks[w] ?? 0) + t.amount) * 100) / 100; }
  const d = new Date(Date.UTC(2024, 5, 17, 10, 30));
  const setters = [d.setUTCHours(48), d.toISOString(), d.setUTCMinutes(-1), d.toISOString(), d.setUTCFullYear(2023, 1, 29), d.toISOString(), d.setUTCSeconds(3600, 500), d.toISOString(), d.setTime(NaN), String(d.getUTCDate())];
  const diff = (a: string, b: string) => { const ms = Date.parse(b) - Date.parse(a); const s = Math.floor(ms / 1000); return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h ${Math.floor((s % 3600) / 60)}m ${s % 60}s`; };
  const durs = [diff('2024-02-28T23:00:00Z', '2024-03-01T01:02:03Z'), diff('2023-12-31T23:59:59Z', '2024-01-01T00:00:00Z')];
  const dows = ['2024-01-01', '2024-02-29', '2024-12-25', '1970-01-01', '2000-01-01'].map((s) => ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(s).getUTCDay()]);
  console.log(schedule.join(' '));
  return { schedule, naive, leaps, weeks, setters, durs, dows, doy: Math.floor((Date.UTC(2024, 5, 17) - Date.UTC(2024, 0, 0)) / 864e5) };
}
