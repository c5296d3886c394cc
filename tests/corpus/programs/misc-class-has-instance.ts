async () => {
  const products = await codemode.listProducts();
  class InStock {
    static [Symbol.hasInstance](p: any) { return typeof p?.stock === 'number' && p.stock > 0; }
    constructor(public sku: string) {}
  }
  const available = products.filter((p) => p instanceof InStock).map((p) => p.sku);
  const marker = new InStock('SKU-999');
  return { available, marker: marker.sku };
}
