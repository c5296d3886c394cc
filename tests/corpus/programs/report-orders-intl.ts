interface Order { id: string; userId: number; status: string; currency: string; total: number; createdAt: string }
async () => {
  const all: Order[] = [];
  let page: number | null = 1;
  while (page) {
    const r = await codemode.listOrders({ page, pageSize: 25 });
    all.push(...r.items);
    page = r.nextPage;
  }
  const { rates } = await codemode.getExchangeRates({ base: 'USD' });
  const toUsd = (o: Order) => o.total / rates[o.currency];
  const months = new Map<string, { n: number; usd: number }>();
  for (const o of all.filter((o) => o.status !== 'refunded')) {
    const key = new Date(o.createdAt).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const m = months.get(key) ?? { n: 0, usd: 0 };
    m.n++; m.usd += toUsd(o);
    months.set(key, m);
  }
  const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
  const eur = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
  const jpy = new Intl.NumberFormat('ja-JP', { style: 'currency', currency: 'JPY' });
  const inr = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' });
  const compact = new Intl.NumberFormat('en-US', { notation: 'compact', compactDisplay: 'long', maximumSignificantDigits: 3 });
  const grand = [...months.values()].reduce((s, m) => s + m.usd, 0);
  const lines = [...months].map(([k, m]) =>
    `| ${k.padEnd(14)} | ${String(m.n).padStart(3)} | ${usd.format(m.usd).padStart(11)} | ${(m.usd / grand).toLocaleString('en-US', { style: 'percent', maximumFractionDigits: 1 }).padStart(6)} |`);
  console.log(['| Month          |   n |         USD |  Share |', ...lines].join('\n'));
  return {
    orders: all.length, grand: usd.format(grand), eur: eur.format(grand * rates.EUR), jpy: jpy.format(grand * rates.JPY), inr: inr.format(grand * 83.4),
    compact: compact.format(grand * 1000), sci: new Intl.NumberFormat('en', { notation: 'scientific' }).format(grand), eng: new Intl.NumberFormat('en', { notation: 'engineering' }).format(grand * 1000),
    local: [grand.toLocaleString(), grand.toLocaleString('de-CH'), grand.toLocaleString('en-US', { maximumFractionDigits: 0 }), (1234.5).toLocaleString('fr-FR', { minimumFractionDigits: 2 }), (0.5).toLocaleString('en', { style: 'percent' }), (42).toLocaleString('en', { minimumIntegerDigits: 4, useGrouping: false })],
  };
}
