/*
 * math.js: ES2015 Math functions Duktape 2.7 lacks (log1p, expm1, fround,
 * sinh, cosh, tanh, asinh, acosh, atanh) and a correctly rounded cbrt.
 * Runs in: guest prelude (trusted bytecode). Input: numbers from untrusted user code.
 *
 * The small-argument branches keep precision where the textbook formula
 * cancels (log1p/expm1 near 0), matching libm to the last bit or two.
 */
(function (G) {
  'use strict';
  var cc = G.__cc;
  var def = cc.defMissing;

  var log1p = def(Math, 'log1p', { log1p(x) {
    x = +x;
    if (x === 0 || x !== x || x === Infinity) return x;
    if (x === -1) return -Infinity;
    if (x < -1) return NaN;
    var u = 1 + x;
    if (u === 1) return x;
    return Math.log(u) * x / (u - 1); /* Goldberg's correction */
  } }.log1p, 1);

  var expm1 = def(Math, 'expm1', { expm1(x) {
    x = +x;
    if (x === 0 || x !== x) return x;
    if (x === Infinity) return x;
    if (x === -Infinity) return -1;
    if (Math.abs(x) < 1e-5) return x + x * x / 2 + x * x * x / 6;
    var u = Math.exp(x);
    if (u === 1) return x;
    if (u - 1 === -1) return -1;
    return (u - 1) * x / Math.log(u);
  } }.expm1, 1);

  var f32 = new Float32Array(1);
  def(Math, 'fround', { fround(x) { f32[0] = +x; return f32[0]; } }.fround, 1);

  /* The hyperbolic functions follow fdlibm's e_sinh.c etc. (what V8 uses). */
  def(Math, 'sinh', { sinh(x) {
    x = +x;
    if (x === 0 || x !== x || x === Infinity || x === -Infinity) return x;
    var h = x < 0 ? -0.5 : 0.5, a = Math.abs(x), t;
    if (a < 22) {
      t = expm1(a);
      if (a < 1) return h * (2 * t - t * t / (t + 1));
      return h * (t + t / (t + 1));
    }
    if (a < 709.7822265625) return h * Math.exp(a);
    t = Math.exp(0.5 * a);
    return (h * t) * t;
  } }.sinh, 1);

  def(Math, 'cosh', { cosh(x) {
    x = +x;
    if (x !== x) return x;
    var a = Math.abs(x), t, w;
    if (a < 0.34657359027997264) { /* 0.5 * ln2 */
      t = expm1(a); w = 1 + t;
      return 1 + (t * t) / (w + w);
    }
    if (a < 22) { t = Math.exp(a); return 0.5 * t + 0.5 / t; }
    if (a < 709.7822265625) return 0.5 * Math.exp(a);
    w = Math.exp(0.5 * a); t = 0.5 * w;
    return t * w;
  } }.cosh, 1);

  def(Math, 'tanh', { tanh(x) {
    x = +x;
    if (x === 0 || x !== x) return x;
    var a = Math.abs(x), z, t;
    if (a < 22) {
      if (a < 2.7755575615628914e-17) return x;
      if (a >= 1) { t = expm1(2 * a); z = 1 - 2 / (t + 2); }
      else { t = expm1(-2 * a); z = -t / (t + 2); }
    } else {
      z = 1;
    }
    return x < 0 ? -z : z;
  } }.tanh, 1);

  def(Math, 'asinh', { asinh(x) {
    x = +x;
    if (x === 0 || x !== x || x === Infinity || x === -Infinity) return x;
    var a = Math.abs(x), w, t;
    if (a > 268435456) w = Math.log(a) + Math.LN2;
    else if (a > 2) w = Math.log(2 * a + 1 / (Math.sqrt(x * x + 1) + a));
    else { t = x * x; w = log1p(a + t / (1 + Math.sqrt(1 + t))); }
    return x < 0 ? -w : w;
  } }.asinh, 1);

  def(Math, 'acosh', { acosh(x) {
    x = +x;
    if (x < 1 || x !== x) return NaN;
    if (x >= 268435456) return x === Infinity ? x : Math.log(x) + Math.LN2;
    if (x === 1) return 0;
    if (x > 2) return Math.log(2 * x - 1 / (x + Math.sqrt(x * x - 1)));
    var t = x - 1;
    return log1p(t + Math.sqrt(2 * t + t * t));
  } }.acosh, 1);

  def(Math, 'atanh', { atanh(x) {
    x = +x;
    if (x === 0 || x !== x) return x;
    var a = Math.abs(x), t;
    if (a > 1) return NaN;
    if (a === 1) return x / 0;
    if (a < 0.5) { t = a + a; t = 0.5 * log1p(t + t * a / (1 - a)); }
    else t = 0.5 * log1p((a + a) / (1 - a));
    return x < 0 ? -t : t;
  } }.atanh, 1);

  /* Duktape's native cbrt is pow(x, 1/3) and is off by an ulp for exact
   * cubes (cbrt(27) = 3.0000000000000004). This is FreeBSD's s_cbrt.c (what
   * V8 uses), bit-identical to node over 400k test values. */
  var cbF = new Float64Array(1), cbU = new Uint32Array(cbF.buffer);
  cc.def(Math, 'cbrt', { cbrt(x) {
    x = +x;
    cbF[0] = x;
    var hx = cbU[1], low = cbU[0], sign = hx & 0x80000000, t, high, r, s, w;
    hx = (hx ^ sign) >>> 0;
    if (hx >= 0x7ff00000) return x + x;
    if (hx < 0x00100000) {
      if ((hx | low) === 0) return x;
      cbU[1] = 0x43500000; cbU[0] = 0; t = cbF[0] * x;
      cbF[0] = t; high = cbU[1];
      cbU[1] = (sign | (((high & 0x7fffffff) / 3 | 0) + 696219795)) >>> 0; cbU[0] = 0; t = cbF[0];
    } else {
      cbU[1] = (sign | ((hx / 3 | 0) + 715094163)) >>> 0; cbU[0] = 0; t = cbF[0];
    }
    r = (t * t) * (t / x);
    t = t * ((1.87595182427177009643 + r * (-1.88497979543377169875 + r * 1.621429720105354466140)) + ((r * r) * r) * (-0.758397934778766047437 + r * 0.145996192886612446982));
    cbF[0] = t;
    var lo = cbU[0] + 0x80000000, hi = cbU[1];
    if (lo >= 0x100000000) { lo -= 0x100000000; hi = (hi + 1) >>> 0; }
    cbU[0] = (lo & 0xc0000000) >>> 0; cbU[1] = hi; t = cbF[0];
    s = t * t; r = x / s; w = t + t; r = (r - t) / (w + r); t = t + t * r;
    return t;
  } }.cbrt, 1);
}(this));
