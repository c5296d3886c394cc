async () => {
  const products = await codemode.listProducts({});
  const width = 10;
  const lines = products.map((p: { name: string; price: number }) =>
    p.name + ' ' + '.'.repeat(width - p.name.length) + ' ' + p.price.toFixed(2));
  console.log(lines.join('\n'));
  return lines.length;
}
