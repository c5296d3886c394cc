async () => {
  const text: string = await codemode.getSalesCsv();
  const parseLine = (line: string): string[] => {
    const out: string[] = [];
    let cur = '', quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) { out.push(cur); cur = ''; }
      else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const [header, ...rows] = text.trim().split('\n').map(parseLine);
  const records = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  const revenue = records.reduce((s, r) => s + Number(r.units) * Number(r.unit_price), 0);
  return { columns: header, rows: records.length, revenue: revenue.toFixed(2), third: records[2] };
}
