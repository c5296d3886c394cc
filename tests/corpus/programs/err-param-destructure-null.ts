async () => {
  function summarize({ items, total }: { items: unknown[]; total: number }) {
    return `${items.length} of ${total}`;
  }
  const lines: string[] = [];
  for (const key of ['orders:page1', 'orders:page2']) {
    if (key.endsWith('1')) await codemode.kvSet({ key, value: await codemode.listOrders({ pageSize: 5 }) });
    const cached = await codemode.kvGet({ key });
    try { lines.push(`${key}: ${summarize(cached)}`); }
    catch (e) { lines.push(`${key}: ${(e as Error).message}`); }
  }
  return lines;
}
