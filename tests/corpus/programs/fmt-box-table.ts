type Align = 'left' | 'right';
interface Column<T> { title: string; value: (row: T) => string | number; align?: Align }

function renderTable<T>(rows: T[], cols: Column<T>[]): string {
  const cells = rows.map((r) => cols.map((c) => {
    const v = c.value(r);
    return typeof v === 'number' ? v.toFixed(2) : v;
  }));
  const widths = cols.map((c, i) => Math.max(c.title.length, ...cells.map((row) => row[i].length)));
  const line = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  const fmt = (vals: string[]) => '│' + vals.map((v, i) => ' ' + (cols[i].align === 'right' ? v.padStart(widths[i]) : v.padEnd(widths[i])) + ' ').join('│') + '│';
  return [line('┌', '┬', '┐'), fmt(cols.map((c) => c.title)), line('├', '┼', '┤'), ...cells.map(fmt), line('└', '┴', '┘')].join('\n');
}

async () => {
  const products = await codemode.listProducts({});
  const rows = products
    .filter((p: any) => p.stock < 30)
    .sort((a: any, b: any) => a.stock - b.stock || a.name.localeCompare(b.name));
  const table = renderTable(rows, [
    { title: 'SKU', value: (p: any) => p.sku },
    { title: 'Product', value: (p: any) => p.name },
    { title: 'Stock', value: (p: any) => String(p.stock), align: 'right' },
    { title: 'Price', value: (p: any) => p.price, align: 'right' },
    { title: 'Value', value: (p: any) => p.price * p.stock, align: 'right' },
    { title: '★', value: (p: any) => '★'.repeat(Math.round(p.rating)).padEnd(5, '☆') },
  ]);
  console.log(table);
  const total = rows.reduce((s: number, p: any) => s + p.price * p.stock, 0);
  const footer = `${rows.length} items`.padEnd(20, '.') + total.toFixed(2).padStart(12, '.');
  console.log(footer);
  return { lines: table.split('\n').length, width: table.split('\n')[0].length, footer };
}
