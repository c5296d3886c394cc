async () => {
  const csv = await codemode.getSalesCsv();
  const lines = csv.split(/\r?\n/).slice(1);
  const totals: Record<string, number> = {};
  for (const l of lines) {
    const cells = l.match(/("([^"]*)"|[^,]+)/g)!.map((c) => c.replace(/^"|"$/g, ''));
    const [, region, , units, price] = cells;
    totals[region] = (totals[region] ?? 0) + +units * +price;
  }
  return Object.entries(totals).map(([r, t]) => `${r}: $${t.toFixed(2)}`).sort();
}
