async () => {
  const tx = await codemode.getTransactions({ account: 'savings' });
  const week = (d: string) => `W${Math.ceil(new Date(d + 'T00:00:00Z').getUTCDate() / 7)}`;
  const weeks: { [w: string]: number } = {};
  tx.forEach((t) => { weeks[week(t.date)] = +((weeks[week(t.date)] ?? 0) + t.amount).toFixed(2); });
  return weeks;
}
