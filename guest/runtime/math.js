/*
 * math.js: ES2015 Math functions Duktape 2.7 lacks (log1p, expm1, fround,
 * sinh, cosh, tanh, asinh, acosh, atanh).
 * Runs in: guest prelude (trusted bytecode). Input: numbers from untrusted user code.
 *
 * The small-argument branches keep precision where the textbook formula
 * cancels (log1p/expm1 near 0), matching libm to the last bit or two.
 */
(function (G) {
  'use strict';
  var cc = G.__cc;
  var def = cc.defMissing;

  var log1p = def(Math, 'log1p', function log1p(x) {
    x = +x;
    if (x === 0 || x !== x || x === Infinity) return x;
    if (x === -1) return -Infinity;
    if (x < -1) return NaN;
    var u = 1 + x;
    if (u === 1) return x;
    return Math.log(u) * x / (u - 1); /* Goldberg's correction */
  }, 1);

  var expm1 = def(Math, 'expm1', function expm1(x) {
    x = +x;
    if (x === 0 || x !== x) return x;
    if (x === Infinity) return x;
    if (x === -Infinity) return -1;
    if (Math.abs(x) < 1e-5) return x + x * x / 2 + x * x * x / 6;
    var u = Math.exp(x);
    if (u === 1) return x;
    if (u - 1 === -1) return -1;
    return (u - 1) * x / Math.log(u);
  }, 1);

  var f32 = new Float32Array(1);
  def(Math, 'fround', function fround(x) { f32[0] = +x; return f32[0]; }, 1);

  def(Math, 'sinh', function sinh(x) {
    x = +x;
    if (x === 0 || x !== x || x === Infinity || x === -Infinity) return x;
    if (Math.abs(x) < 1) { var e = expm1(x); return (e - e / (e + 1)) / 2; }
    return (Math.exp(x) - Math.exp(-x)) / 2;
  }, 1);

  def(Math, 'cosh', function cosh(x) {
    x = +x;
    if (x !== x) return x;
    var e = Math.exp(Math.abs(x));
    return (e + 1 / e) / 2;
  }, 1);

  def(Math, 'tanh', function tanh(x) {
    x = +x;
    if (x === 0 || x !== x) return x;
    if (x > 20) return 1;
    if (x < -20) return -1;
    var e = expm1(2 * x);
    return e / (e + 2);
  }, 1);

  def(Math, 'asinh', function asinh(x) {
    x = +x;
    if (x === 0 || x !== x || x === Infinity || x === -Infinity) return x;
    var a = Math.abs(x), r;
    if (a > 1e8) r = Math.log(a) + Math.LN2;
    else r = log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
    return x < 0 ? -r : r;
  }, 1);

  def(Math, 'acosh', function acosh(x) {
    x = +x;
    if (x < 1 || x !== x) return NaN;
    if (x > 1e8) return Math.log(x) + Math.LN2;
    var t = x - 1;
    return log1p(t + Math.sqrt(2 * t + t * t));
  }, 1);

  def(Math, 'atanh', function atanh(x) {
    x = +x;
    if (x === 0 || x !== x) return x;
    return 0.5 * log1p(2 * x / (1 - x));
  }, 1);
}(this));
