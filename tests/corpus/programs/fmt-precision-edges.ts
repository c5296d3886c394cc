async () => {
  const { items } = await codemode.listOrders({ pageSize: 15 });
  const rows = items.map((o) => [o.id, o.total.toFixed(1), o.total.toPrecision(4), o.total.toExponential(1), (o.total / 3).toFixed(4), Math.round(o.total * 0.0825 * 100) / 100]);
  console.table(rows.slice(0, 4));
  const tricky = [0.5, 1.5, 2.5, -0.5, 1.005, 1.255, 4.35, 0.045, 1.45, 8.575, 1234.5678, 1e-7, 123e20, 0.000001, 5e-7];
  const out = tricky.map((v) => ({ v: String(v), f0: v.toFixed(0), f2: v.toFixed(2), p1: v.toPrecision(1), p6: v.toPrecision(6), e0: v.toExponential(), e3: v.toExponential(3) }));
  const locale = [1234567.891, -0.5, 1e21, 0.1 + 0.2].map((v) => [v.toLocaleString(), v.toLocaleString('en-US', { maximumFractionDigits: 0 }), v.toLocaleString('en-IN'), v.toLocaleString('fr-FR', { minimumFractionDigits: 2 })]);
  const bigFixed = [(1e21).toFixed(2), (123.456).toFixed(20), (0.1).toFixed(25), (1.23e-10).toPrecision(2), (99.99).toPrecision(2), (-1.5e-9).toFixed(3)];
  const ranges = [() => (1).toFixed(101), () => (1).toPrecision(0), () => (1).toExponential(-1), () => (1).toString(37)].map((f) => { try { return f(); } catch (e) { return `${(e as Error).name}: ${(e as Error).message}`; } });
  return { rows, out, locale, bigFixed, ranges, f100: (1).toFixed(100).length };
}
