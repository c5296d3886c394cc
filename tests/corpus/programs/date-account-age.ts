interface Age { years: number; months: number; days: number }

function diffYMD(fromIso: string, toIso: string): Age {
  const a = new Date(fromIso);
  const b = new Date(toIso);
  let years = b.getUTCFullYear() - a.getUTCFullYear();
  let months = b.getUTCMonth() - a.getUTCMonth();
  let days = b.getUTCDate() - a.getUTCDate();
  if (days < 0) {
    months--;
    days += new Date(Date.UTC(b.getUTCFullYear(), b.getUTCMonth(), 0)).getUTCDate();
  }
  if (months < 0) {
    years--;
    months += 12;
  }
  return { years, months, days };
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

function humanize(a: Age): string {
  const parts = [a.years && plural(a.years, 'year'), a.months && plural(a.months, 'month'), a.days && plural(a.days, 'day')].filter(Boolean);
  return parts.length ? parts.join(', ') : 'today';
}

async () => {
  const { items } = await codemode.listUsers({ pageSize: 10 });
  const asOf = '2024-06-17T12:00:00.000Z';
  const rows = items.map((u: any) => {
    const age = diffYMD(u.createdAt, asOf);
    const hours = Math.floor((Date.parse(asOf) - Date.parse(u.createdAt)) / 3_600_000);
    return { name: u.name, since: u.createdAt.slice(0, 10), age: humanize(age), hours, anniversary: u.createdAt.slice(5, 10) === asOf.slice(5, 10) };
  });
  rows.sort((a: any, b: any) => b.hours - a.hours);
  const edge = [diffYMD('2024-01-31T00:00:00Z', '2024-03-01T00:00:00Z'), diffYMD('2023-02-28T00:00:00Z', '2024-02-29T00:00:00Z'), diffYMD('2024-06-17T00:00:00Z', '2024-06-17T00:00:00Z')].map(humanize);
  rows.slice(0, 3).forEach((r: any) => console.log(`${r.name.padEnd(18, '.')} ${r.age}`));
  return { rows, edge };
}
