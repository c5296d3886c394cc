async () => {
  const tmpl = 'Hello {{name}}, your order {{ order.id }} totals {{order.total}}. {{missing}}';
  const data: any = { name: 'Ada', order: { id: 'ord_1', total: '$12.00' } };
  return tmpl.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (m, path: string) => path.split('.').reduce((o, k) => o?.[k], data) ?? m);
}
