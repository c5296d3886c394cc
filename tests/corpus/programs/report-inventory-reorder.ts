interface Product { sku: string; name: string; category: string; price: number; stock: number; rating: number; tags: string[] }

async () => {
  const products: Product[] = await codemode.listProducts({});
  const orders: any[] = [];
  for (let page = 1; page; ) {
    const res = await codemode.listOrders({ page, pageSize: 25 });
    orders.push(...res.items);
    page = res.nextPage ?? 0;
  }
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const demand = new Map<string, { units: number; orders: number; revenue: number }>();
  for (const o of orders) {
    if (o.status === 'refunded') continue;
    for (const it of o.items) {
      const d = demand.get(it.sku) ?? { units: 0, orders: 0, revenue: 0 };
      d.units += it.qty;
      d.orders++;
      d.revenue = Math.round((d.revenue + it.qty * it.unitPrice) * 100) / 100;
      demand.set(it.sku, d);
    }
  }
  const WEEKS = 4;
  const plan = products.map((p) => {
    const d = demand.get(p.sku) ?? { units: 0, orders: 0, revenue: 0 };
    const weekly = d.units / WEEKS;
    const cover = weekly ? p.stock / weekly : Infinity;
    const reorder = cover < 4 ? Math.ceil(weekly * 8 - p.stock) : 0;
    return { sku: p.sku, name: p.name, stock: p.stock, weekly: Number(weekly.toFixed(2)), cover: Number.isFinite(cover) ? Number(cover.toFixed(1)) : null, reorder, cost: Number((reorder * p.price).toFixed(2)) };
  });
  const urgent = plan.filter((p) => p.reorder > 0).sort((a, b) => (a.cover ?? 0) - (b.cover ?? 0));
  const unknownSkus = [...demand.keys()].filter((s) => !bySku.has(s));
  const budget = urgent.reduce((s, p) => s + p.cost, 0);
  urgent.forEach((p) => console.log(`${p.sku} ${p.name.padEnd(14)} stock ${String(p.stock).padStart(2)} cover ${p.cover}w → order ${p.reorder}`));
  return { urgent, unknownSkus, budget: Math.round(budget * 100) / 100, neverOrdered: plan.filter((p) => p.weekly === 0).map((p) => p.sku) };
}
