async () => {
  const r = await codemode.listOrders({ pageSize: 100 });
  const units = new Map<string, number>();
  for (const o of r.items) for (const it of o.items) units.set(it.sku, (units.get(it.sku) || 0) + it.qty);
  const top = Array.from(units).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return top.slice(0, 5).map(([sku, n]) => `${sku}×${n}`);
}
