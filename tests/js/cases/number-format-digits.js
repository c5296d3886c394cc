// codecell-only: tests guest/duk/patch-duktape.py to-fixed-100-digits and numconv-fixed-exact-k, which Debian's duk lacks
// toFixed/toExponential take 0..100 digits, toPrecision 1..100 (ES2018),
// each the exact decimal expansion rounded as V8 rounds; toPrecision keeps
// fixed notation while the exponent is below the precision.
var vals = [0, -0, 0.1, 1 / 3, -2 / 3, 123.456, -123.456, 5e-324, 2.2250738585072014e-308, 1e-300, 1e21, 999999999999999999999,
  9.999999999999999e20, 9007199254740993, 1e-7, 1e-6, 1.005, 8.575, 0.5, 2.5, -0.5, 1.7976931348623157e308, 6.02214076e23, 1e100, 99.995];
var digits = [0, 1, 2, 16, 17, 20, 21, 22, 25, 30, 50, 99, 100];
for (var i = 0; i < vals.length; i++) {
  for (var j = 0; j < digits.length; j++) {
    var d = digits[j];
    console.log(d, vals[i].toFixed(d), vals[i].toExponential(d), d ? vals[i].toPrecision(d) : '-');
  }
}
function msg(f) { try { return f(); } catch (e) { return e.name + ': ' + e.message; } }
console.log(msg(function () { return (1).toFixed(101); }), msg(function () { return (1).toPrecision(0); }), msg(function () { return (1).toExponential(-1); }));
