async () => {
  const products = await codemode.listProducts({ category: 'hardware' });
  const lines = products.map((p) => `${p.name.padEnd(14, '.')}${('$' + p.price.toFixed(2)).padStart(10)}`);
  const total = products.reduce((s, p) => s + p.price, 0);
  lines.push('-'.repeat(24), `${'TOTAL'.padEnd(14)}${('$' + total.toFixed(2)).padStart(10)}`);
  console.log(lines.join('\n'));
  return lines;
}
