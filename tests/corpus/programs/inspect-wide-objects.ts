async () => {
  const metrics = (await codemode.getMetrics({ service: 'api', points: 6 })) as any;
  const rec = { id: 1042, sku: 'SKU-1042', title: 'Ergonomic keyboard', price: 89.99, stock: 12 };
  console.log(rec);
  const rec2 = { id: 1042, sku: 'SKU-1042', title: 'Ergonomic keyboard w/ wrist rest', price: 89.99, stock: 12 };
  console.log(rec2);
  const widths = [60, 66, 70, 72, 74, 76, 78, 80, 82];
  for (const w of widths) {
    const o: Record<string, string> = {};
    let i = 0;
    while (JSON.stringify(o).length < w) o['k' + i] = 'v'.repeat(i++ % 5 + 1);
    console.log(o);
  }
  for (const n of [4, 5, 6, 7, 8, 16, 26, 27]) {
    console.log(Object.fromEntries(Array.from({ length: n }, (_, i) => [`field${i}`, i])));
  }
  console.log({ summary: { total: 1234, average: 56.78, min: 1, max: 999 }, items: [{ a: 1, b: 2 }, { a: 3, b: 4 }] });
  console.log({ a: 'x'.repeat(70) }, { short: 1, long: 'y'.repeat(75) });
  console.log([{ name: 'alpha', values: [1, 2, 3] }, { name: 'beta', values: [4, 5, 6] }, { name: 'gamma', values: [7, 8, 9] }]);
  console.log({ level1: { level2: { level3: { level4: 'too deep' } }, sibling: [1, 2, { x: [3] }] } });
  console.log({ matrix: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], labels: ['row1', 'row2', 'row3'] });
  console.log(Array.from({ length: 30 }, (_, i) => i * i * i));
  console.log(Array.from({ length: 30 }, (_, i) => (i % 4 === 0 ? 'x'.repeat(i) : i)));
  console.log(Array.from({ length: 10 }, (_, i) => 'word' + i).concat(['a much longer entry that breaks columns']));
  console.log(metrics);
  console.log({ text: 'multi\nline\nstring', arr: ['one\ntwo'] });
  console.log([{ id: 1, tags: ['a', 'b'], meta: { created: '2024-01-01', updated: null } }, { id: 2, tags: [], meta: {} }]);
  return Object.keys(metrics).length;
}
