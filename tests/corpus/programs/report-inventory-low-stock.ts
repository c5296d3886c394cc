async () => {
  const products: Array<{ sku: string; name: string; stock: number; price: number }> = await codemode.listProducts({});
  const low = products.filter((p) => p.stock < 15).sort((a, b) => a.stock - b.stock);
  const value = products.reduce((s, p) => s + p.stock * p.price, 0);
  return {
    lowStock: low.map((p) => `${p.sku} ${p.name} (${p.stock})`),
    inventoryValue: Math.round(value * 100) / 100,
  };
}
