async () => {
  const tx = await codemode.getTransactions({ account: 'checking' });
  const income = tx.filter((t) => t.amount > 0).reduce((s, t) => s + t.amount, 0);
  const spend: Record<string, number> = {};
  for (const t of tx) if (t.amount < 0) spend[t.category] = (spend[t.category] ?? 0) - t.amount;
  const rows = Object.entries(spend).sort((a, b) => b[1] - a[1])
    .map(([cat, amt]) => `${cat.padEnd(10)} ${amt.toFixed(2).padStart(10)} ${((amt / income) * 100).toFixed(1)}%`);
  rows.forEach((r) => console.log(r));
  return { income, categories: rows.length };
}
