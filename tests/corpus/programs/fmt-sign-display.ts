async () => {
  const txs = await codemode.getTransactions({ account: 'checking' });
  const byCat: Record<string, number> = {};
  for (const t of txs) byCat[t.category] = Math.round(((byCat[t.category] ?? 0) + t.amount) * 100) / 100;
  const acct = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', currencySign: 'accounting' });
  const signed = new Intl.NumberFormat('en-US', { signDisplay: 'exceptZero', minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const always = new Intl.NumberFormat('en-US', { signDisplay: 'always', style: 'percent', maximumFractionDigits: 1 });
  const never = new Intl.NumberFormat('en-US', { signDisplay: 'never', style: 'currency', currency: 'EUR' });
  const total = Object.values(byCat).reduce((a, b) => a + b, 0);
  const lines = Object.entries(byCat).sort((a, b) => a[1] - b[1]).map(([cat, v]) => `${cat.padEnd(10)} ${acct.format(v).padStart(14)} ${signed.format(v).padStart(12)} ${always.format(v / Math.abs(total))}`);
  console.log(lines.join('\n'));
  const zeros = [0, -0, 0.001, -0.001].map((v) => [signed.format(v), always.format(v), acct.format(v)]);
  const sig = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 }).format(123456.789);
  const minInt = new Intl.NumberFormat('en-US', { minimumIntegerDigits: 3, useGrouping: false }).format(7.5);
  const code = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'JPY', currencyDisplay: 'code' }).format(-1234.5);
  const named = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'GBP', currencyDisplay: 'name' }).format(2);
  return { lines, zeros, never: never.format(-42.1), sig, minInt, code, named };
}
