// codecell-only: Debian's Duktape rounds a tie up when it parses (9007199254740993 is 2^53 + 2 there, 2^53 in node); codecell's patch does not.
// String to number against node, by the bits of the double: Number(),
// parseFloat, JSON.parse and unary plus of random decimal literals of 1 to
// 20 significant digits (guest/duk/patch-duktape.py numconv-libc-parse hands
// them to strtod, correctly rounded; Duktape's own Dragon4 rounded ties up:
// the hash differs with the patch removed), exponents across the whole range
// (subnormals, overflow), and the forms each function accepts or refuses.
var seed = 0x9e3779b9;
function rnd(n) { /* xorshift32, uniform in [0, n) */
  seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
  return seed % n;
}
var dv = new DataView(new ArrayBuffer(8));
function bits(x) {
  dv.setFloat64(0, x);
  var h = dv.getUint32(0).toString(16), l = dv.getUint32(4).toString(16);
  return '00000000'.slice(h.length) + h + '00000000'.slice(l.length) + l;
}
var hash = 0x811c9dc5;
function mix(s) {
  for (var i = 0; i < s.length; i++) { hash ^= s.charCodeAt(i); hash = Math.imul(hash, 16777619) >>> 0; }
}
function literal() {
  var nd = 1 + rnd(20), digits = '', i;
  for (i = 0; i < nd; i++) digits += String(rnd(10));
  var point = rnd(nd + 2), s;
  if (point === 0 || point > nd) s = digits;
  else s = digits.slice(0, point) + '.' + digits.slice(point);
  var form = rnd(4);
  if (form === 1) s += 'e' + (rnd(2) ? '-' : '') + rnd(330);
  else if (form === 2) s += 'E+' + rnd(310);
  else if (form === 3) s += 'e-' + (300 + rnd(40));
  return (rnd(4) === 0 ? '-' : '') + s;
}
var shown = 0;
for (var k = 0; k < 4000; k++) {
  var s = literal();
  var line = s + ' ' + bits(Number(s)) + ' ' + bits(parseFloat(s)) + ' ' + bits(+s);
  var j;
  try { j = bits(JSON.parse(s)); } catch (e) { j = e.name; }
  line += ' ' + j;
  mix(line + '\n');
  if (shown < 40 && rnd(50) === 0) { console.log(line); shown++; }
}
console.log('hash of 4000', hash.toString(16));
['.5', '5.', '-.5e1', '+1.5', '00012.5', '1e', '1e+', '1e-', '1.5x', '1.5e3x', '0x1A', '0b101', '0o17', '1_000.5',
  '  12.75\n', '\u00a01.25', '', ' ', '-', '.', 'e5', '1.2.3', '1e5e5', 'Infinity', '-Infinity', 'infinity', 'NaN',
  '2.2250738585072011e-308', '2.2250738585072014e-308', '4.9406564584124654e-324', '2.4703282292062327e-324',
  '2.4703282292062328e-324', '1.7976931348623158e308', '1.7976931348623159e308', '9007199254740993', '0.1', '-0',
  '-0.0e10', '1e-400', '123456789012345.6789'].forEach(function (s) {
  var j;
  try { j = bits(JSON.parse(s)); } catch (e) { j = e.name; }
  console.log(JSON.stringify(s), bits(Number(s)), bits(parseFloat(s)), j);
});
