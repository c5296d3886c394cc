const HOLIDAYS = new Set(['2024-01-01', '2024-01-15', '2024-02-19', '2024-05-27', '2024-06-19', '2024-07-04']);

const iso = (d: Date) => d.toISOString().slice(0, 10);
const isBusinessDay = (d: Date) => d.getUTCDay() % 6 !== 0 && !HOLIDAYS.has(iso(d));

function businessDaysBetween(startIso: string, endIso: string): number {
  const d = new Date(startIso.slice(0, 10) + 'T00:00:00Z');
  const end = new Date(endIso.slice(0, 10) + 'T00:00:00Z');
  let n = 0;
  while (d < end) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isBusinessDay(d)) n++;
  }
  return n;
}

function addBusinessDays(startIso: string, n: number): string {
  const d = new Date(startIso.slice(0, 10) + 'T00:00:00Z');
  while (n > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isBusinessDay(d)) n--;
  }
  return iso(d);
}

async () => {
  const shipped = await codemode.listOrders({ status: 'shipped', pageSize: 20 });
  const pending = await codemode.listOrders({ status: 'pending', pageSize: 20 });
  const asOf = '2024-06-28';
  const sla = pending.items.map((o: any) => {
    const due = addBusinessDays(o.createdAt, 5);
    const open = businessDaysBetween(o.createdAt, asOf);
    return { id: o.id, created: o.createdAt.slice(0, 10), due, open, late: due < asOf };
  });
  const delivery = shipped.items.map((o: any) => ({
    id: o.id,
    weekday: new Date(o.createdAt).toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' }),
    eta: addBusinessDays(o.createdAt, 3),
  }));
  const late = sla.filter((s: any) => s.late).length;
  console.log(`${late} of ${sla.length} pending orders are past their 5-business-day SLA`);
  return { sla, delivery, checks: [businessDaysBetween('2024-06-14', '2024-06-24'), addBusinessDays('2024-07-03', 1), addBusinessDays('2023-12-29', 1)] };
}
