async () => {
  const csv = await codemode.getSalesCsv();
  const extra = '\n2024-05-01,North,"Quote ""Special""",2,15.50\n2024-05-02,East,"Multi\nLine",1,5\n2024-05-03,West,,0,0';
  const text = csv + extra;
  const field = /(?:"((?:[^"]|"")*)"|([^,\n]*))(,|\n|$)/y;
  const rows: string[][] = [];
  let row: string[] = [];
  field.lastIndex = 0;
  while (field.lastIndex < text.length) {
    const start = field.lastIndex;
    const m = field.exec(text);
    if (!m) throw new SyntaxError(`bad csv at ${start}`);
    row.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
    if (m[3] !== ',') { rows.push(row); row = []; }
    if (m[3] === '' ) break;
  }
  const [header, ...data] = rows;
  const recs = data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  const byProduct = new Map<string, { units: number; revenue: number }>();
  for (const r of recs) {
    const cur = byProduct.get(r.product) ?? { units: 0, revenue: 0 };
    cur.units += Number(r.units);
    cur.revenue = Math.round((cur.revenue + Number(r.units) * Number(r.unit_price)) * 100) / 100;
    byProduct.set(r.product, cur);
  }
  const quoteOut = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const back = rows.map((r) => r.map(quoteOut).join(',')).join('\n');
  console.log([...byProduct].map(([p, s]) => `${JSON.stringify(p)} ${s.units} ${s.revenue.toFixed(2)}`).join('\n'));
  return { rows: rows.length, header, last: recs.at(-1), multi: recs.find((r) => r.product.includes('\n'))?.product, quoted: recs.find((r) => r.product.includes('"'))?.product, roundTrip: back === text, products: Object.fromEntries(byProduct) };
}
