/*
 * intl-lazy.js: the locale-sensitive entry points (the global Intl,
 * toLocaleString of Number/Date/Array, String's localeCompare, normalize,
 * toLocaleUpperCase/LowerCase) as small stubs that load intl.js and ICU on
 * first use. A program that never calls them pays neither the bytecode of
 * intl.js nor ICU's start (docs/PERFORMANCE.md, "Intl").
 * Runs in: guest prelude (trusted bytecode). Input: values from untrusted user code.
 */
(function (G) {
  'use strict';
  var cc = G.__cc;
  var natives = cc.intl;
  if (!natives) return; /* plain duk: no ICU */
  delete cc.intl;
  var toStr = cc.toStr;
  /* The channel to intl.js while it loads: natives in (handed out once, only
   * during load()), implementations out. Frozen, so a program cannot put
   * accessors on it to catch the natives or plant an implementation. */
  var pending, impl, loading = false, defaults = { locale: 'en-US', timeZone: 'UTC' };
  var hook = Object.freeze({
    global: G,
    defaults: defaults,
    takeNatives: function () { var n = pending; pending = undefined; return n; },
    setImpl: function (i) { if (loading && !impl) impl = i; }
  });
  Object.defineProperty(cc, 'intlHook', { value: hook });

  /* intl.js's bytecode, run once: in the template guest before its first
   * run (cc.intlPreload, which warms ICU too), otherwise on first use. The
   * run's defaults reach ICU on the run's first service that needs them
   * (guest/intl/intl.c), whichever way intl.js came. */
  function load() {
    if (impl) return impl;
    if (loading) throw new Error('Intl failed to load');
    loading = true;
    pending = natives;
    natives.load(cc);
    pending = undefined;
    if (!impl) throw new Error('Intl failed to load');
    return impl;
  }
  cc.intlPreload = function () { load().warm(); };

  /* The operator's defaults (policy "intl"), from the start frame; checked
   * by the supervisor, and again by ICU on first use. */
  cc.intlConfigure = function (locale, timeZone) {
    if (typeof locale === 'string' && locale) defaults.locale = locale;
    if (typeof timeZone === 'string' && timeZone) defaults.timeZone = timeZone;
    natives.configure(defaults.locale, defaults.timeZone);
  };

  /* The global itself: built on first use like the lazy units' (base.js
   * lazyGlobals; lazy.js keeps reflection from seeing the accessor). */
  cc.lazyGlobals(G, ['Intl'], function () { load(); });

  var def = cc.def;
  var thisNumber = Number.prototype.valueOf, thisTime = Date.prototype.getTime;

  def(Number.prototype, 'toLocaleString', { toLocaleString() {
    var x = thisNumber.call(this);
    return load().numberToLocaleString(x, arguments[0], arguments[1]);
  } }.toLocaleString, 0);

  /* Method definitions, not function expressions: built-ins that are not
   * constructors have no `prototype` and cannot be called with new. */
  var DP = Date.prototype;
  def(DP, 'toLocaleString', { toLocaleString() {
    return load().dateToLocale(thisTime.call(this), arguments[0], arguments[1], 'any', 'all');
  } }.toLocaleString, 0);
  def(DP, 'toLocaleDateString', { toLocaleDateString() {
    return load().dateToLocale(thisTime.call(this), arguments[0], arguments[1], 'date', 'date');
  } }.toLocaleDateString, 0);
  def(DP, 'toLocaleTimeString', { toLocaleTimeString() {
    return load().dateToLocale(thisTime.call(this), arguments[0], arguments[1], 'time', 'time');
  } }.toLocaleTimeString, 0);

  /* ECMA-402 Array.prototype.toLocaleString: each element's own method with
   * the same arguments; needs nothing of ICU itself. %TypedArray%'s is the
   * same algorithm over a typed array. */
  function listToLocaleString(O, len, locales, options) {
    var out = '';
    for (var k = 0; k < len; k++) {
      if (k > 0) out += ',';
      var e = O[k];
      if (e !== undefined && e !== null) {
        var f = e.toLocaleString;
        if (typeof f !== 'function') throw new TypeError(cc.describe(e) + '.toLocaleString is not a function');
        out += toStr(f.call(e, locales, options));
      }
    }
    return out;
  }
  def(Array.prototype, 'toLocaleString', { toLocaleString() {
    var O = cc.toObject(this);
    return listToLocaleString(O, cc.toLength(O.length), arguments[0], arguments[1]);
  } }.toLocaleString, 0);
  /* Duktape's %TypedArray%.prototype has a native toLocaleString that
   * drops the arguments, and no `length` accessor to validate with. */
  var TAP = typeof Int8Array === 'function' ? Object.getPrototypeOf(Int8Array.prototype) : null;
  if (TAP && TAP !== Object.prototype) {
    def(TAP, 'toLocaleString', { toLocaleString() {
      if (!ArrayBuffer.isView(this) || this instanceof DataView) throw new TypeError('this is not a typed array.');
      return listToLocaleString(this, this.length, arguments[0], arguments[1]);
    } }.toLocaleString, 0);
  }

  function thisStr(o, what) {
    if (o === null || o === undefined) throw new TypeError('String.prototype.' + what + ' called on null or undefined');
    return toStr(o);
  }

  /* Named parameters, not `arguments` (which a sort's comparator would
   * build per call); `length` is set to 1, as the spec has it. */
  def(String.prototype, 'localeCompare', { localeCompare(that, locales, options) {
    var s = thisStr(this, 'localeCompare'), t = toStr(that);
    return load().localeCompare(s, t, locales, options);
  } }.localeCompare, 1);

  /* ASCII is unchanged by every form, and Latin-1 by NFC: no ICU for those. */
  def(String.prototype, 'normalize', { normalize() {
    var s = thisStr(this, 'normalize'), form = arguments[0];
    var f = form === undefined ? 'NFC' : toStr(form);
    if (f !== 'NFC' && f !== 'NFD' && f !== 'NFKC' && f !== 'NFKD') throw new RangeError('The normalization form should be one of NFC, NFD, NFKC, NFKD.');
    if (/^[\x00-\x7f]*$/.test(s) || (f === 'NFC' && /^[\x00-\xff]*$/.test(s))) return s;
    return load().normalize(s, f);
  } }.normalize, 0);

  var upper = String.prototype.toUpperCase, lower = String.prototype.toLowerCase;
  /* ASCII maps the same in every locale but tr, az and lt (i and I), and
   * Duktape's own mapping is right for it; anything else goes to ICU
   * (final sigma, supplementary planes, locale rules). */
  function caseMap(s, locales, up) {
    if (locales === undefined && /^[\x00-\x7f]*$/.test(s) && !/^(tr|az|lt)\b/.test(defaults.locale)) return (up ? upper : lower).call(s);
    return load().caseMap(s, locales, up);
  }
  def(String.prototype, 'toLocaleUpperCase', { toLocaleUpperCase() {
    return caseMap(thisStr(this, 'toLocaleUpperCase'), arguments[0], true);
  } }.toLocaleUpperCase, 0);
  def(String.prototype, 'toLocaleLowerCase', { toLocaleLowerCase() {
    return caseMap(thisStr(this, 'toLocaleLowerCase'), arguments[0], false);
  } }.toLocaleLowerCase, 0);
}(this));
