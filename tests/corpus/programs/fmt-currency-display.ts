async () => {
  const { rates } = await codemode.getExchangeRates({ base: 'USD' });
  const amount = 1234567.891;
  const rows: Record<string, string[]> = {};
  for (const cur of Object.keys(rates)) {
    const v = amount * rates[cur];
    rows[cur] = [
      new Intl.NumberFormat('en-US', { style: 'currency', currency: cur }).format(v),
      new Intl.NumberFormat('en-US', { style: 'currency', currency: cur, currencyDisplay: 'code' }).format(v),
      new Intl.NumberFormat('en-US', { style: 'currency', currency: cur, currencyDisplay: 'name' }).format(v),
      new Intl.NumberFormat('de-DE', { style: 'currency', currency: cur }).format(-v),
      new Intl.NumberFormat('fr-FR', { style: 'currency', currency: cur }).format(v),
    ];
  }
  const acct = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', currencySign: 'accounting' });
  const signed = new Intl.NumberFormat('en-US', { signDisplay: 'exceptZero', maximumFractionDigits: 1 });
  console.log(acct.format(-42.5), acct.format(42.5));
  console.log([-3.14, 0, 2.71, -0].map((n) => signed.format(n)).join(' | '));
  return rows;
}
