async () => {
  const { rates } = await codemode.getExchangeRates({ base: 'USD' });
  const { items } = await codemode.listOrders({ pageSize: 6 });
  const fmts = new Map<string, Intl.NumberFormat>();
  const money = (amount: number, currency: string) => {
    if (!fmts.has(currency)) fmts.set(currency, new Intl.NumberFormat('en-US', { style: 'currency', currency }));
    return fmts.get(currency)!.format(amount);
  };
  const lines = items.map((o: any) => {
    const usd = o.total / rates[o.currency];
    return `${o.id}  ${money(o.total, o.currency).padStart(10)}  ≈ ${money(usd, 'USD').padStart(10)}  ${money(usd * rates.JPY, 'JPY').padStart(10)}`;
  });
  const accounting = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', currencySign: 'accounting' });
  const signed = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', signDisplay: 'always' });
  const parts = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'GBP' }).formatToParts(-1234.5);
  const plain = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
  lines.forEach((l: string) => console.log(l));
  return {
    lines,
    accounting: [accounting.format(-42.5), accounting.format(42.5), accounting.format(0)],
    signed: [signed.format(3), signed.format(-3), signed.format(0)],
    parts: parts.map((p) => `${p.type}:${p.value}`),
    plain: [plain.format(1234.5), plain.format(0.005), plain.format(-0.001), plain.format(1e9)],
    pct: [pct.format(0.1234), pct.format(1), pct.format(-0.005)],
    codes: [...fmts.keys()],
    resolved: (({ locale, currency, minimumFractionDigits, maximumFractionDigits }) => ({ locale, currency, minimumFractionDigits, maximumFractionDigits }))(fmts.get('JPY')!.resolvedOptions()),
  };
}
