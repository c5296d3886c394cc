async () => {
  const { items } = await codemode.listUsers({ pageSize: 8 });
  type Row = { name: string; plan: string; country: string };
  const rows: Row[] = items.map((u: any) => ({ name: u.name, plan: u.plan, country: u.country }));
  const cols = ['name', 'plan', 'country'] as const;
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(width[i])).join(' | ') + ' |';
  const out = [line([...cols]), '|' + width.map((w) => '-'.repeat(w + 2)).join('|') + '|'];
  for (const r of rows) out.push(line(cols.map((c) => r[c])));
  console.log(out.join('\n'));
  return out.length;
}
