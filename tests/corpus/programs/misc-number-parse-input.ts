async () => {
  const raw = ['42', ' 42 ', '4.2e1', '0x2A', '0o52', '0b101010', '052', '42px', 'px42', '', ' ', '\n\t7\n', '+5', '-0', '1,234', '1_234', '.', '5.', '.5', 'Infinity', '-Infinity', 'infinity', '1e', '1e+', '9007199254740993', '0.1e-400', '1e400', 'NaN', '٣', '१२', '  -0x10'];
  const table = raw.map((s) => ({ s: JSON.stringify(s), num: String(Number(s)), pf: String(parseFloat(s)), pi: String(parseInt(s)), pi16: String(parseInt(s, 16)), unary: String(+s) }));
  const radix = [['ff', 16], ['FF', 16], ['z', 36], ['10', 2], ['12', 2], ['7', 8], ['8', 8], ['11', 0], ['11', 1], ['11', 37], ['0x1f', 16], ['0x1f', 10], ['-ff', 16], ['1e3', 10]].map(([s, r]) => parseInt(s as string, r as number));
  const isFns = [Number.isInteger(5.0), Number.isInteger(5.5), Number.isSafeInteger(2 ** 53), Number.isSafeInteger(2 ** 53 - 1), Number.isFinite('5' as any), isFinite('5' as any), Number.isNaN('x' as any), isNaN('x' as any), Number.parseFloat === parseFloat];
  const cfg = await codemode.getConfig();
  const versionParts = cfg.version.split('.').map(Number);
  const cmp = (a: string, b: string) => { const pa = a.split('.').map(Number), pb = b.split('.').map(Number); for (let i = 0; i < Math.max(pa.length, pb.length); i++) { const d = (pa[i] ?? 0) - (pb[i] ?? 0); if (d) return Math.sign(d); } return 0; };
  const versions = ['2.4.1', '2.10.0', '2.4', '10.0.0', '2.4.1.1', '1.99.99'].sort(cmp);
  const money = ['$1,234.50', '(12.00)', '€ 3.999,95', '-$0.99', '12.345.678'].map((s) => {
    const neg = /^\(.*\)$|^-/.test(s);
    const cleaned = s.replace(/[^\d.,]/g, '');
    const norm = /,\d{2}$/.test(cleaned) ? cleaned.replace(/\./g, '').replace(',', '.') : cleaned.replace(/,/g, '');
    return (neg ? -1 : 1) * parseFloat(norm);
  });
  const consts = [Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, Number.EPSILON, Number.MIN_VALUE, Number.MAX_VALUE, 0.1 + 0.2 === 0.3, Math.abs(0.1 + 0.2 - 0.3) < Number.EPSILON];
  console.log(table.slice(0, 8).map((r) => Object.values(r).join(' ')).join('\n'));
  return { table, radix, isFns, versionParts, versions, money, consts };
}
