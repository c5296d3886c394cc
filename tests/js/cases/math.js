var xs = [0.5, 1, 2, 1e-10, -0.3, 10, 0.99, 100];
['log1p', 'expm1', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'cbrt', 'fround', 'log2', 'log10', 'sign', 'trunc'].forEach(function (f) {
  // 12 significant digits: libm and fdlibm may differ in the last bit
  console.log(f, Math[f].length, xs.map(function (x) { var v = Math[f](x); return v === v && isFinite(v) && v !== 0 ? v.toPrecision(12) : v; }).join(' '));
});
console.log(1 / Math.tanh(-0), 1 / Math.sinh(-0), 1 / Math.asinh(-0), 1 / Math.expm1(-0), 1 / Math.log1p(-0), 1 / Math.cbrt(-0), 1 / Math.fround(-0));
console.log(Math.cbrt(27), Math.cbrt(-8), Math.cbrt(1e-300), Math.expm1(-Infinity), Math.log1p(-1), Math.log1p(-2), Math.acosh(0.5), Math.atanh(1), Math.cosh(-Infinity));
console.log(Math.fround(1.337), Math.fround(1e40), Math.fround(NaN), Math.clz32(0), Math.imul(0xffffffff, 5), Math.hypot(3, 4, 12));
