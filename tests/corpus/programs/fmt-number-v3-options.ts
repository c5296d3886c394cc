async () => {
  const { items } = await codemode.listOrders({ pageSize: 8 });
  const modes = ['ceil', 'floor', 'expand', 'trunc', 'halfCeil', 'halfFloor', 'halfExpand', 'halfTrunc', 'halfEven'] as const;
  const vals = [2.5, -2.5, 1.25, 1.35, -0.05];
  const table = modes.map((m) => `${m.padEnd(10)} ` + vals.map((v) => new Intl.NumberFormat('en-US', { maximumFractionDigits: m === 'halfEven' || m.startsWith('half') ? 1 : 0, roundingMode: m } as any).format(v)).join(' '));
  console.log(table.join('\n'));
  const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', trailingZeroDisplay: 'stripIfInteger' } as any);
  const prices = items.map((o) => usd.format(Math.round(o.total)) + ' / ' + usd.format(o.total));
  const nickel = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, roundingIncrement: 5 } as any);
  const sci = new Intl.NumberFormat('en-US', { notation: 'scientific', maximumFractionDigits: 3 });
  const eng = new Intl.NumberFormat('en-US', { notation: 'engineering' });
  const compactLong = new Intl.NumberFormat('en-US', { notation: 'compact', compactDisplay: 'long' });
  const compactShort = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
  const nums = [999, 1000, 1499, 15_300, 999_999, 1_234_567, 2.5e9, 7.1e12];
  const range = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  return {
    table, prices, nickel: [1.23, 1.27, 1.225].map((v) => nickel.format(v)), sci: nums.map((n) => sci.format(n)), eng: nums.slice(2, 6).map((n) => eng.format(n)),
    compactLong: nums.map((n) => compactLong.format(n)), compactShort: nums.map((n) => compactShort.format(n)),
    range: typeof (range as any).formatRange === 'function' ? [(range as any).formatRange(10, 20), (range as any).formatRange(5, 5)] : 'n/a',
    sigRound: new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2, maximumFractionDigits: 3, roundingPriority: 'lessPrecision' } as any).format(1.2345),
  };
}
