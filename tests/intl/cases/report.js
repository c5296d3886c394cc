// A code-mode style report: group sales, format currency, dates, percentages.
const sales = [
  { region: 'Nordics', amount: 12500.5, date: '2024-03-01T10:00:00Z', rep: 'Åsa' },
  { region: 'DACH', amount: 98765.43, date: '2024-03-15T16:30:00Z', rep: 'Jürgen' },
  { region: 'Nordics', amount: 4300, date: '2024-04-02T08:15:00Z', rep: 'Örjan' },
  { region: 'Iberia', amount: 55000.1, date: '2024-04-20T12:00:00Z', rep: 'Íñigo' },
  { region: 'DACH', amount: 1200.999, date: '2024-05-05T23:59:59Z', rep: 'Anja' },
];
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const pct = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const day = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric' });
const total = sales.reduce((s, x) => s + x.amount, 0);
const byRegion = {};
for (const s of sales) (byRegion[s.region] ||= []).push(s);
const rows = Object.entries(byRegion)
  .map(([region, list]) => ({ region, sum: list.reduce((a, b) => a + b.amount, 0), n: list.length, last: list.map((x) => x.date).sort().at(-1) }))
  .sort((a, b) => b.sum - a.sum);
console.log('| Region | Sales | Share | Deals | Last |');
for (const r of rows) console.log(`| ${r.region} | ${money.format(r.sum)} | ${pct.format(r.sum / total)} | ${r.n} | ${day.format(new Date(r.last))} |`);
console.log('Total:', money.format(total), '(' + new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(total) + ')');
console.log('Reps:', new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(sales.map((s) => s.rep).sort((a, b) => a.localeCompare(b))));
const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const now = Date.parse('2024-05-07T00:00:00Z');
for (const s of sales) console.log(s.rep, rtf.format(Math.round((Date.parse(s.date) - now) / 86400000), 'day'));
console.log(new Date(now).toLocaleDateString('de-DE', { dateStyle: 'full' }), '/', (total).toLocaleString('de-DE', { style: 'currency', currency: 'EUR' }));
