const DAY = 86_400_000;

const ymd = (d: Date) => d.toISOString().slice(0, 10);
const monthEnd = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0));
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function lastBusinessDay(y: number, m: number): string {
  const d = monthEnd(y, m);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() - 1);
  return ymd(d);
}

function addMonthsClamped(iso: string, n: number): string {
  const d = new Date(iso);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  const end = monthEnd(target.getUTCFullYear(), target.getUTCMonth()).getUTCDate();
  target.setUTCDate(Math.min(day, end));
  return ymd(target);
}

const quarter = (d: Date) => `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;

async () => {
  const { items } = await codemode.listOrders({ pageSize: 60 });
  const months = [...new Set(items.map((o: any) => o.createdAt.slice(0, 7)))].sort() as string[];
  const table = months.map((m) => {
    const [y, mo] = m.split('-').map(Number);
    const end = monthEnd(y, mo - 1);
    return { month: m, days: end.getUTCDate(), end: ymd(end), lastBusiness: lastBusinessDay(y, mo - 1), quarter: quarter(end) };
  });
  const byQuarter: Record<string, number> = {};
  for (const o of items) {
    const q = quarter(new Date(o.createdAt));
    byQuarter[q] = Math.round(((byQuarter[q] ?? 0) + o.total) * 100) / 100;
  }
  const renewals = ['2024-01-31', '2024-03-31', '2023-12-29', '2024-02-29'].map((d) => [d, addMonthsClamped(d, 1), addMonthsClamped(d, 12), addMonthsClamped(d, -1)]);
  const overflow = [ymd(new Date(Date.UTC(2024, 12, 1))), ymd(new Date(Date.UTC(2024, 0, 0))), ymd(new Date(Date.UTC(2024, 1, 30))), ymd(new Date(Date.UTC(2023, -1, 15)))];
  const span = (new Date('2024-12-31').getTime() - new Date('2024-01-01').getTime()) / DAY + 1;
  table.forEach((r) => console.log(`${r.month} ends ${r.end} (${r.days}d), last business day ${r.lastBusiness}`));
  return { table, byQuarter, renewals, overflow, leap: [1900, 2000, 2023, 2024, 2100].map(isLeap), span };
}
