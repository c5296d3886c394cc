// Invoices in several locales and currencies, the way a tool-using program formats them.
const lines = [
  { sku: 'A-100', desc: 'Widget', qty: 3, unit: 19.99 },
  { sku: 'B-220', desc: 'Gadget (large)', qty: 1, unit: 1249.5 },
  { sku: 'C-003', desc: 'Screws, box of 100', qty: 12, unit: 0.35 },
];
const invoices = [
  { locale: 'en-US', currency: 'USD', tax: 0.0825 },
  { locale: 'de-DE', currency: 'EUR', tax: 0.19 },
  { locale: 'fr-FR', currency: 'EUR', tax: 0.2 },
  { locale: 'ja-JP', currency: 'JPY', tax: 0.1 },
  { locale: 'en-GB', currency: 'GBP', tax: 0.2 },
  { locale: 'pt-BR', currency: 'BRL', tax: 0.17 },
  { locale: 'sv-SE', currency: 'SEK', tax: 0.25 },
  { locale: 'pl-PL', currency: 'PLN', tax: 0.23 },
  { locale: 'hi-IN', currency: 'INR', tax: 0.18 },
  { locale: 'ko-KR', currency: 'KRW', tax: 0.1 },
  { locale: 'zh-CN', currency: 'CNY', tax: 0.13 },
  { locale: 'ru-RU', currency: 'RUB', tax: 0.2 },
  { locale: 'es-MX', currency: 'MXN', tax: 0.16 },
  { locale: 'nl-NL', currency: 'EUR', tax: 0.21 },
  { locale: 'it-CH', currency: 'CHF', tax: 0.077 },
];
const issued = new Date(Date.UTC(2024, 10, 5, 14, 0));
for (const inv of invoices) {
  const money = new Intl.NumberFormat(inv.locale, { style: 'currency', currency: inv.currency });
  const pct = new Intl.NumberFormat(inv.locale, { style: 'percent', maximumFractionDigits: 2 });
  const qty = new Intl.NumberFormat(inv.locale);
  const subtotal = lines.reduce((s, l) => s + l.qty * l.unit, 0);
  console.log(`== ${inv.locale} ${new Intl.DateTimeFormat(inv.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(issued)}`);
  for (const l of lines) console.log(`${l.sku} ${l.desc} x${qty.format(l.qty)} @ ${money.format(l.unit)} = ${money.format(l.qty * l.unit)}`);
  console.log(`subtotal ${money.format(subtotal)} tax ${pct.format(inv.tax)} ${money.format(subtotal * inv.tax)} total ${money.format(subtotal * (1 + inv.tax))}`);
  console.log(money.formatToParts(subtotal).map((p) => p.type).join(','));
}
