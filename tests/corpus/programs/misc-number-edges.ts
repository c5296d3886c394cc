async () => {
  const rates = (await codemode.getExchangeRates({ base: 'EUR' })).rates;
  const vals = [1.005, 2.5, -1.5, 0.615, 10.235, 1.45, 8.345, 1e21, 123.456, 0.000001234, -0];
  const fixed = vals.map((v) => v.toFixed(2));
  const prec = vals.map((v) => v.toPrecision(3));
  const expo = [123456, 0.00015, 1, -7.5e-7].map((v) => v.toExponential(2));
  const radix = [255, -255, 0.5, 0.1, 3.75, 1e21, 2 ** 53].map((v) => [v.toString(2), v.toString(16), v.toString(36)]);
  const big = [123456789012345680000, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER + 2, 1e-7, 1.5e-10, 100 / 3, 0.1 + 0.2, 0.1 * 3, 9.95 * 100, 5e-324, 1.7976931348623157e308];
  const strs = big.map(String);
  const parsed = ['12px', '  3.5e2 ', '0x1F', '.5', '-.5e-3', 'Infinity', '1_000', '', '0b101', '1e1000'].map((s) => [parseFloat(s), Number(s), parseInt(s)]);
  const conv = Object.entries(rates).map(([k, v]) => `${k}=${(v * 100).toFixed(3)}|${Math.round(v * 1e4) / 1e4}`);
  const math = [Math.hypot(3, 4), Math.cbrt(27), Math.sign(-3), Math.trunc(-4.7), Math.fround(5.5), Math.fround(5.05), Math.log10(1000), Math.log2(8), Math.expm1(1e-10), Math.clz32(1), Math.atan2(1, 1), Math.round(-2.5), Math.round(2.5), Math.max(), Math.min()];
  console.log(big);
  console.log(-0, [-0], { z: -0 }, 0 * -1, JSON.stringify(-0), String(-0), `${-0}`, Object.is(-0 + 0, 0));
  return { fixed, prec, expo, radix, strs, parsed, conv, math };
}
