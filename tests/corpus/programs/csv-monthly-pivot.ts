async () => {
  const csv: string = await codemode.getSalesCsv();
  const rows = csv.trim().split('\n').slice(1).map((l) => {
    const m = l.match(/^(\d{4})-(\d{2})-\d{2},(\w+),("[^"]+"|[^,]+),(\d+),([\d.]+)$/);
    if (!m) throw new Error('bad line: ' + l);
    return { month: `${m[1]}-${m[2]}`, region: m[3], units: parseInt(m[5], 10) };
  });
  const regions = [...new Set(rows.map((r) => r.region))].sort();
  const months = [...new Set(rows.map((r) => r.month))];
  const table = months.map((m) => [m, ...regions.map((r) => rows.filter((x) => x.month === m && x.region === r).reduce((s, x) => s + x.units, 0))]);
  return [['month', ...regions], ...table];
}
