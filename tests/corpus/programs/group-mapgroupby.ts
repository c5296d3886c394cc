async () => {
  const products = await codemode.listProducts({});
  const groupBy = typeof Map.groupBy === 'function'
    ? Map.groupBy
    : (xs: any[], f: (x: any) => string) => xs.reduce((m, x) => (m.has(f(x)) ? m.get(f(x)).push(x) : m.set(f(x), [x]), m), new Map());
  const m = groupBy(products, (p: any) => (p.price > 100 ? 'premium' : 'budget'));
  return [...m.keys()].map((k) => [k, m.get(k)!.map((p: any) => p.sku)]);
}
