async () => {
  const products = await codemode.listProducts({});
  const partition = <T,>(xs: T[], pred: (x: T) => boolean): [T[], T[]] =>
    xs.reduce<[T[], T[]]>(([y, n], x) => (pred(x) ? [[...y, x], n] : [y, [...n, x]]), [[], []]);
  const [inStock, out] = partition(products, (p: any) => p.stock > 0);
  const [rated, unrated] = partition(inStock, (p: any) => p.rating >= 4);
  return { inStock: inStock.length, out: out.length, topRated: rated.map((p: any) => p.name), rest: unrated.length };
}
