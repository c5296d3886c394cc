// codecell-only: Number#toString(radix) follows V8's digits through a patch (guest/duk/duk_radix.c); Debian's duk prints Dragon4's shortest digits.
// Number.prototype.toString(radix), radix 2..36, against node: V8 prints
// the integer part with its divisions past 2^53 rounded, and fraction
// digits up to half the gap to the next double, rounded half to even with
// a carry. Many doubles from a seeded PRNG, one FNV-1a hash per radix (so
// a failure names its radix) and literal lines to read a difference from.
var seed = 0x2545f491;
function next32() {
  // xorshift32: the same 32-bit integer steps in every engine.
  seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
  seed >>>= 0;
  return seed;
}
var dv = new DataView(new ArrayBuffer(8));
function fromBits(hi, lo) { dv.setUint32(0, hi >>> 0); dv.setUint32(4, lo >>> 0); return dv.getFloat64(0); }
function hiOf(x) { dv.setFloat64(0, x); return dv.getUint32(0); }
function loOf(x) { dv.setFloat64(0, x); return dv.getUint32(4); }
// The neighbouring double k steps away in the bit pattern (same sign).
function step(x, k) {
  var hi = hiOf(x), lo = loOf(x) + k;
  if (lo > 0xffffffff) { lo -= 0x100000000; hi++; }
  if (lo < 0) { lo += 0x100000000; hi--; }
  return fromBits(hi, lo);
}

// radix ** k by single IEEE steps (each correctly rounded, so every engine
// agrees; Math.pow is not correctly rounded and V8's differs from libm's).
function ipow(radix, k) {
  var x = 1;
  for (var j = 0; j < Math.abs(k); j++) x *= radix;
  return k < 0 ? 1 / x : x;
}

var fixed = [0, -0, 1, -1, 0.5, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, Math.PI, Math.E, 1e21, 1e-7, 123.456, -255.5,
  0.000001, 1e100, 1e-100, 2 ** 53, 2 ** 53 + 2, 2 ** 64, 2 ** 1023, Number.MAX_VALUE, Number.MIN_VALUE,
  2.2250738585072014e-308, Number.MAX_SAFE_INTEGER, Number.EPSILON, 4294967295, 4294967296.5, 1e15 + 0.3,
  NaN, Infinity, -Infinity, 35.99999999999999, 0.9999999999999999, 1.0000000000000002];

function valuesFor(radix) {
  var out = fixed.slice();
  var i, k, x;
  for (i = 0; i < 160; i++) out.push(fromBits(next32(), next32()));       // any bit pattern
  for (i = 0; i < 60; i++) out.push(next32() * 2097152 + (next32() >>> 11)); // integers below 2^53
  for (i = 0; i < 40; i++) out.push(next32() % 100000 / 1000);              // short decimals
  for (i = 0; i < 30; i++) out.push(fromBits(next32() & 0x000fffff, next32())); // denormals
  for (i = 0; i < 30; i++) out.push(fromBits(0x7fe00000 | (next32() & 0xfffff), next32())); // near the top
  for (k = -30; k <= 30; k += 3) {                                          // around powers of the radix
    x = ipow(radix, k);
    out.push(x, step(x, 1), step(x, -1), x / 2, x * (radix - 1) / radix);
  }
  for (k = 10; k <= 1000; k += 29) {                                        // the largest below 2 ** k
    var limit = ipow(2, k);
    for (x = 1; x * radix < limit; x *= radix);
    out.push(x, step(x, 1), step(x, -1));
  }
  for (i = 0; i < 40; i++) {                                                // fractions that may carry
    x = (next32() % radix) / radix + (next32() % 1000) / ipow(radix, 6);
    out.push(x, step(x, 1), -step(x, -1));
  }
  var n = out.length;
  for (i = 0; i < n; i += 4) out.push(-out[i]);                             // negatives
  return out;
}

function fnv(s, h) {
  for (var i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

var total = 0;
for (var radix = 2; radix <= 36; radix++) {
  var vals = valuesFor(radix), h = 2166136261, chars = 0;
  for (var i = 0; i < vals.length; i++) {
    var s = vals[i].toString(radix);
    h = fnv(s + '\n', h);
    chars += s.length;
    // Literal lines: a few fixed values and a few of each generated kind.
    if ((i < fixed.length && i % 4 === radix % 4) || (i >= fixed.length && i % 97 === radix % 97))
      console.log(radix, i, s);
  }
  total += vals.length;
  console.log('radix', radix, vals.length, chars, h.toString(16));
}
console.log('values', total);
// The radix argument is ToIntegerOrInfinity'd; 10 and undefined are the decimal path.
console.log((255).toString('16'), (255).toString(16.9), (0.1).toString(10), (0.1).toString(), (1e21).toString(36));
