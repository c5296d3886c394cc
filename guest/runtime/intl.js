/*
 * intl.js: ECMA-402 (Intl) over ICU: option processing, locale negotiation,
 * resolvedOptions and parts in JS; formatting, collation, segmentation and
 * locale data in C (guest/intl/*.c, reached through __cc.intl).
 * Runs in: guest, loaded on the first touch of Intl or a locale-sensitive
 * method (see intl-lazy.js), so a program that never uses them pays nothing.
 * Input: values from untrusted user code.
 */
/* Called by the C loader (guest/intl/intl.c, n_load) with `this` = the
 * internal object: the global __cc is sealed before the program runs. */
(function (cc) {
  'use strict';
  var hook = cc.intlHook, N = hook.takeNatives(), G = hook.global;
  var hidden = cc.hidden, toStr = cc.toStr, isObject = cc.isObject;
  var S = hidden('IntlSlots'); /* a Duktape hidden key (guest/rtnative.c) */
  var DEFAULTS = hook.defaults; /* { locale, timeZone } from the start frame */

  function def(obj, name, fn, length) { return cc.def(obj, name, fn, length); }
  function rangeErr(msg) { return new RangeError(msg); }
  /* Internal slots: no prototype, so a program's Object.prototype setters
   * never see them. */
  function newSlots(kind) { var o = Object.create(null); o.kind = kind; return o; }
  /* CreateDataProperty, for results built key by key (resolvedOptions). */
  function put(o, k, v) { Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true }); }
  /* OrdinaryHasInstance: the prototype chain, never a Symbol.hasInstance a
   * program may have planted. */
  var CTORS = {};
  function hasInstance(C, o) {
    var p = C.prototype;
    while ((o = Object.getPrototypeOf(o)) !== null) if (o === p) return true;
    return false;
  }
  function slots(o, kind, method, unwrap) {
    var s = isObject(o) ? o[S] : undefined;
    if (!s && unwrap && isObject(o) && hasInstance(CTORS[kind], o)) { var f = o[FALLBACK]; s = isObject(f) ? f[S] : undefined; }
    if (!s || s.kind !== kind) throw new TypeError('Method Intl.' + kind + '.prototype.' + method + ' called on incompatible receiver ' + cc.v8describe(o));
    return s;
  }

  /* ---- locale identifiers (UTS 35 unicode_locale_id, well-formedness) ---- */
  var ALPHA = /^[a-z]+$/i, DIGIT = /^[0-9]+$/, ALNUM = /^[a-z0-9]+$/i;
  function isLanguage(s) { return ALPHA.test(s) && (s.length >= 2 && s.length <= 3 || s.length >= 5 && s.length <= 8); }
  function isScript(s) { return s.length === 4 && ALPHA.test(s); }
  function isRegion(s) { return s.length === 2 && ALPHA.test(s) || s.length === 3 && DIGIT.test(s); }
  function isVariant(s) { return ALNUM.test(s) && (s.length >= 5 && s.length <= 8 || s.length === 4 && /^[0-9]/.test(s)); }
  function isType(s) { return /^[a-z0-9]{3,8}(-[a-z0-9]{3,8})*$/i.test(s); }

  function wellFormed(tag) {
    if (typeof tag !== 'string' || !/^[a-zA-Z0-9-]+$/.test(tag)) return false;
    var p = tag.split('-'), i = 0, n = p.length, seen = {}, v;
    if (!isLanguage(p[0]) || p[0].length === 4) return false;
    i = 1;
    if (i < n && isScript(p[i])) i++;
    if (i < n && isRegion(p[i])) i++;
    while (i < n && isVariant(p[i])) {
      v = p[i].toLowerCase();
      if (seen['v' + v]) return false;
      seen['v' + v] = true; i++;
    }
    while (i < n) {
      var sg = p[i].toLowerCase();
      if (sg.length !== 1) return false;
      if (sg === 'x') {
        if (i + 1 >= n) return false;
        for (i++; i < n; i++) if (!ALNUM.test(p[i]) || p[i].length > 8) return false;
        return true;
      }
      if (seen['s' + sg]) return false;
      seen['s' + sg] = true;
      i++;
      var start = i;
      if (sg === 't') {
        /* tlang? (tfield)* ; tfield = tkey (alpha digit) tvalue+ */
        if (i < n && isLanguage(p[i])) {
          i++;
          if (i < n && isScript(p[i])) i++;
          if (i < n && isRegion(p[i])) i++;
          while (i < n && isVariant(p[i])) i++;
        }
        while (i < n && /^[a-z][0-9]$/i.test(p[i])) {
          i++;
          var c = 0;
          while (i < n && p[i].length >= 3 && p[i].length <= 8 && ALNUM.test(p[i])) { i++; c++; }
          if (!c) return false;
        }
      } else if (sg === 'u') {
        while (i < n && p[i].length >= 3 && p[i].length <= 8 && ALNUM.test(p[i])) i++;
        while (i < n && /^[a-z0-9][a-z]$/i.test(p[i])) {
          i++;
          while (i < n && p[i].length >= 3 && p[i].length <= 8 && ALNUM.test(p[i])) i++;
        }
      } else {
        while (i < n && p[i].length >= 2 && p[i].length <= 8 && ALNUM.test(p[i])) i++;
      }
      if (i === start) return false;
    }
    return true;
  }

  /* UTS 35 alias replacement that ICU's C canonicalizer leaves out
   * (cmn -> zh, sh -> sr-Latn, tl -> fil, 554 -> NZ, SU -> RU or the
   * language's own region): language, then territory. */
  function replaceAliases(tag) {
    var x = tag.search(/-[a-z0-9]-/i), tail = x >= 0 ? tag.slice(x) : '', p = (x >= 0 ? tag.slice(0, x) : tag).split('-');
    var lang = p[0], i = 1, script, region, changed = false;
    if (i < p.length && p[i].length === 4) script = p[i++];
    if (i < p.length && isRegion(p[i])) region = p[i++];
    var variants = p.slice(i);
    var rl = N.alias(0, lang);
    if (rl !== undefined) {
      var q = rl.split('_');
      lang = q[0]; changed = true;
      for (var j = 1; j < q.length; j++) {
        if (q[j].length === 4 && !script) script = q[j];
        else if (isRegion(q[j]) && !region) region = q[j];
      }
    }
    if (region !== undefined) {
      var rr = N.alias(1, region.toUpperCase());
      if (rr !== undefined) {
        var list = rr.split(' '), pick = list[0];
        if (list.length > 1) {
          var likelyRegion = N.likely(lang + (script ? '-' + script : ''), true).split('-').pop();
          if (list.indexOf(likelyRegion) >= 0) pick = likelyRegion;
        }
        region = pick; changed = true;
      }
    }
    if (!changed) return tag;
    return [lang, script, region].concat(variants).filter(function (v) { return v; }).join('-') + tail;
  }

  /* V8's two messages: a tag ICU cannot start to read, and one it reads a
   * language from but that is not well-formed. */
  function badTag(tag) {
    var p = String(tag).toLowerCase().split('-'), seen = {}, dup = false;
    for (var i = 1; i < p.length && p[i].length !== 1; i++) {
      if (p[i].length >= 4 && seen[p[i]]) dup = true;
      seen[p[i]] = true;
    }
    /* ICU's parser refuses an empty subtag or a repeated variant: V8 then
     * says "Invalid language tag"; everything else fails its own check. */
    var icuRefuses = /^[a-z]{2,3}(-|$)/i.test(tag) && (/(^-|-$|--)/.test(tag) || dup);
    return rangeErr(icuRefuses ? 'Invalid language tag: ' + tag : 'Incorrect locale information provided');
  }

  /* Canonical form: ICU's alias replacement, then UTS 35's ordering of
   * -u- keywords with "true" dropped, as V8 prints it. */
  var canonCache = Object.create(null);
  function canonicalize(tag) {
    var c = canonCache[tag];
    if (c) return c;
    if (!wellFormed(tag)) throw badTag(tag);
    c = replaceAliases(N.canon(tag));
    c = c.replace(/-u(-[a-z0-9]{2,8})+/, function (u) {
      var p = u.slice(3).split('-'), attrs = [], kws = [], i = 0;
      while (i < p.length && p[i].length !== 2) attrs.push(p[i++]);
      while (i < p.length) {
        var k = p[i++], vals = [];
        while (i < p.length && p[i].length !== 2) vals.push(p[i++]);
        var val = vals.join('-');
        if (val === 'true') val = '';
        var dup = false;
        for (var j = 0; j < kws.length; j++) if (kws[j][0] === k) dup = true;
        if (!dup) kws.push([k, val]);
      }
      kws.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
      var out = '-u';
      if (attrs.length) out += '-' + attrs.join('-');
      for (var q = 0; q < kws.length; q++) out += '-' + kws[q][0] + (kws[q][1] ? '-' + kws[q][1] : '');
      return out;
    });
    canonCache[tag] = c;
    return c;
  }

  function canonicalizeLocaleList(locales) {
    if (locales === undefined) return [];
    var seen = [], O, len, k;
    if (typeof locales === 'string' || (isObject(locales) && locales[S] && locales[S].kind === 'Locale')) O = [locales];
    else O = cc.toObject(locales);
    len = cc.toLength(O.length);
    for (k = 0; k < len; k++) {
      if (!(k in O)) continue;
      var v = O[k];
      if (typeof v !== 'string' && !isObject(v)) throw new TypeError('Language ID should be string or object.');
      var tag = isObject(v) && v[S] && v[S].kind === 'Locale' ? v[S].tag : toStr(v);
      tag = canonicalize(tag);
      if (seen.indexOf(tag) < 0) seen.push(tag);
    }
    return seen;
  }

  function removeExtensions(tag) {
    var p = tag.split('-'), out = [p[0]];
    for (var i = 1; i < p.length; i++) {
      if (p[i].length === 1) break;
      out.push(p[i]);
    }
    return out.join('-');
  }

  var availCache = Object.create(null);
  function available(tag) {
    var a = availCache[tag];
    if (a === undefined) a = availCache[tag] = N.available(tag);
    return a;
  }
  function bestAvailable(tag) {
    var candidate = tag;
    for (;;) {
      if (available(candidate)) return candidate;
      var pos = candidate.lastIndexOf('-');
      if (pos < 0) return undefined;
      if (pos >= 2 && candidate.charAt(pos - 2) === '-') pos -= 2;
      candidate = candidate.slice(0, pos);
    }
  }
  /* The operator's defaults (policy "intl") are checked when first used:
   * the supervisor has no ICU, and checking the zone loads zone data that a
   * program formatting only numbers does not need. */
  var defaultsChecked = { locale: false, timeZone: false };
  function defaultLocale() {
    if (!defaultsChecked.locale) {
      if (!wellFormed(DEFAULTS.locale)) throw rangeErr('Incorrect locale information provided: ' + DEFAULTS.locale + ' (policy intl.locale)');
      DEFAULTS.locale = canonicalize(DEFAULTS.locale);
      defaultsChecked.locale = true;
    }
    return DEFAULTS.locale;
  }
  function defaultTimeZone() {
    if (!defaultsChecked.timeZone) {
      var tz = canonTimeZone(DEFAULTS.timeZone);
      if (tz === undefined) throw rangeErr('Invalid time zone specified: ' + DEFAULTS.timeZone + ' (policy intl.timeZone)');
      DEFAULTS.timeZone = tz;
      defaultsChecked.timeZone = true;
    }
    return DEFAULTS.timeZone;
  }

  function unicodeKeywords(tag) {
    var m = /-u((?:-[a-z0-9]{2,8})+)/.exec(tag), kw = Object.create(null);
    if (!m) return kw;
    var p = m[1].slice(1).split('-'), i = 0;
    while (i < p.length && p[i].length !== 2) i++;
    while (i < p.length) {
      var k = p[i++], vals = [];
      while (i < p.length && p[i].length !== 2) vals.push(p[i++]);
      if (!(k in kw)) kw[k] = vals.length ? vals.join('-') : 'true';
    }
    return kw;
  }

  /* ResolveLocale: the best available locale, then each relevant keyword
   * from the request's -u- extension or the options, if supported. */
  function resolveLocale(requested, options, keys, supported) {
    var found, ext = '', i;
    for (i = 0; i < requested.length; i++) {
      var noExt = removeExtensions(requested[i]);
      found = bestAvailable(noExt);
      if (found) { ext = requested[i]; break; }
    }
    if (!found) { found = bestAvailable(defaultLocale()) || 'en'; ext = ''; }
    var kw = unicodeKeywords(ext), result = newSlots('resolved'), supExt = '';
    result.dataLocale = found;
    for (i = 0; i < keys.length; i++) {
      var key = keys[i], value = null, sup = supported[key];
      if (key in kw) {
        var rv = kw[key];
        if (sup(rv, found)) { value = rv; supExt += '-' + key + (rv === 'true' ? '' : '-' + rv); }
      }
      if (options && options[key] !== undefined) {
        var ov = options[key];
        if (sup(ov, found)) {
          if (ov !== value) { value = ov; supExt = supExt.replace(new RegExp('-' + key + '(-[a-z0-9]{3,8})*'), ''); }
        }
      }
      result[key] = value;
    }
    result.locale = supExt ? canonicalize(found + '-u' + supExt) : found;
    return result;
  }

  function lookupSupported(requested) {
    var out = [];
    for (var i = 0; i < requested.length; i++) if (bestAvailable(removeExtensions(requested[i]))) out.push(requested[i]);
    return out;
  }
  function supportedLocalesOf(locales, options) {
    var req = canonicalizeLocaleList(locales);
    options = coerceOptions(options);
    getOption(options, 'localeMatcher', 'string', ['lookup', 'best fit'], 'best fit', 'supportedLocalesOf');
    return lookupSupported(req);
  }

  /* ---- options ---- */
  function coerceOptions(o) { return o === undefined ? Object.create(null) : cc.toObject(o); }
  function getOption(options, prop, type, values, fallback, ctor) {
    var v = options[prop];
    if (v === undefined) return fallback;
    if (type === 'boolean') v = !!v;
    else v = toStr(v);
    if (values && values.indexOf(v) < 0) throw rangeErr('Value ' + v + ' out of range for Intl.' + ctor + ' options property ' + prop);
    return v;
  }
  function defaultNumberOption(v, min, max, fallback, prop) {
    if (v === undefined) return fallback;
    v = +v;
    if (v !== v || v < min || v > max) throw rangeErr(prop + ' value is out of range.');
    return Math.floor(v);
  }
  function getNumberOption(options, prop, min, max, fallback) {
    return defaultNumberOption(options[prop], min, max, fallback, prop);
  }

  var NU = ['adlm', 'ahom', 'arab', 'arabext', 'bali', 'beng', 'bhks', 'brah', 'cakm', 'cham', 'deva', 'diak',
    'fullwide', 'gong', 'gonm', 'gujr', 'guru', 'hanidec', 'hmng', 'hmnp', 'java', 'kali', 'kawi', 'khmr', 'knda',
    'lana', 'lanatham', 'laoo', 'latn', 'lepc', 'limb', 'mathbold', 'mathdbl', 'mathmono', 'mathsanb', 'mathsans',
    'mlym', 'modi', 'mong', 'mroo', 'mtei', 'mymr', 'mymrshan', 'mymrtlng', 'nagm', 'newa', 'nkoo', 'olck', 'orya',
    'osma', 'rohg', 'saur', 'segment', 'shrd', 'sind', 'sinh', 'sora', 'sund', 'takr', 'talu', 'tamldec', 'telu',
    'thai', 'tibt', 'tirh', 'tnsa', 'vaii', 'wara', 'wcho'];
  var CA = ['buddhist', 'chinese', 'coptic', 'dangi', 'ethioaa', 'ethiopic', 'gregory', 'hebrew', 'indian', 'islamic',
    'islamic-civil', 'islamic-rgsa', 'islamic-tbla', 'islamic-umalqura', 'iso8601', 'japanese', 'persian', 'roc'];
  function inList(list) { return function (v) { return list.indexOf(v) >= 0; }; }
  var supNu = inList(NU), supCa = inList(CA);
  /* CLDR's calendar aliases (ECMA-402 canonicalizes the option). */
  var CA_ALIAS = { islamicc: 'islamic-civil', 'ethiopic-amete-alem': 'ethioaa', gregorian: 'gregory' };
  function checkType(v, prop) {
    if (v !== undefined && !isType(v)) throw rangeErr('Invalid ' + prop + ' : ' + v);
    return v;
  }

  var nuCache = Object.create(null), dateCache = Object.create(null);
  function defaultNu(loc) {
    var n = nuCache[loc];
    if (n === undefined) n = nuCache[loc] = N.numsys(loc) || 'latn';
    return n;
  }
  function dateInfo(loc) {
    var i = dateCache[loc];
    if (!i) i = dateCache[loc] = N.dateInfo(loc);
    return i;
  }

  /* ECMA-402 4.3 / 11.1.2 / 15.1.1: NumberFormat and DateTimeFormat called
   * as functions on an object that inherits from their prototype store the
   * real instance under %Intl%.[[FallbackSymbol]] (V8 does). */
  var FALLBACK = Symbol('IntlLegacyConstructedSymbol');
  function makeCtor(name, length, init) {
    var legacy = name === 'NumberFormat' || name === 'DateTimeFormat', callable = legacy || name === 'Collator';
    var C = function () {
      var nt = new.target, self;
      /* The lowered super() (compiler rt/class.js) calls a parent with the
       * subclass instance as `this` and no new.target: such a `this`
       * inherits from C.prototype without being C.prototype's direct child. */
      var sup = nt === undefined && isObject(this) && !this[S] && hasInstance(C, this) && Object.getPrototypeOf(this) !== C.prototype;
      if (nt !== undefined || sup) self = this;
      else if (!callable) throw new TypeError('Constructor Intl.' + name + ' requires \'new\'');
      else self = Object.create(C.prototype);
      init(self, arguments[0], arguments[1]);
      if (nt === undefined && !sup && legacy && isObject(this) && hasInstance(C, this)) {
        Object.defineProperty(this, FALLBACK, { value: self, writable: false, enumerable: false, configurable: false });
        return this;
      }
      return self;
    };
    cc.setLengthName(C, length, name);
    Object.defineProperty(C, 'prototype', { writable: false, enumerable: false, configurable: false });
    Object.defineProperty(C.prototype, Symbol.toStringTag, { value: 'Intl.' + name, configurable: true });
    def(C, 'supportedLocalesOf', { supportedLocalesOf(locales) { return supportedLocalesOf(locales, arguments[1]); } }.supportedLocalesOf, 1);
    def(Intl, name, C);
    CTORS[name] = C;
    return C;
  }

  /* Getters and bound functions are built-ins that are not constructors:
   * method definitions, which have no own `prototype`. */
  function getter(obj, prop, fn) {
    var g = Object.getOwnPropertyDescriptor({ get x() { return fn.call(this); } }, 'x').get;
    cc.defGetter(obj, prop, g);
  }
  function boundGetter(C, kind, prop, fn, length) {
    getter(C.prototype, prop, function () {
      var s = slots(this, kind, prop, true);
      if (!s.bound) {
        var self = this;
        s.bound = cc.setLengthName({ f() { return fn(self, s, arguments); } }.f, length, '');
      }
      return s.bound;
    });
  }

  var Intl = {};
  Object.defineProperty(Intl, Symbol.toStringTag, { value: 'Intl', configurable: true });

  /* ---- parts ---- */
  var CAT_DATE = 1, CAT_NUMBER = 2, CAT_LIST = 3, CAT_DATE_INTERVAL = 5, SPAN = 0x1000;
  var NUM_FIELDS = ['integer', 'fraction', 'decimal', 'exponentSeparator', 'exponentMinusSign', 'exponentInteger',
    'group', 'currency', 'percentSign', 'unknown', 'sign', 'unit', 'compact', 'approximatelySign'];
  var DATE_FIELDS = ['era', 'year', 'month', 'day', 'hour', 'hour', 'minute', 'second', 'fractionalSecond', 'weekday',
    'unknown', 'unknown', 'unknown', 'unknown', 'dayPeriod', 'hour', 'hour', 'timeZoneName', 'year', 'weekday', 'year',
    'unknown', 'unknown', 'timeZoneName', 'timeZoneName', 'weekday', 'month', 'quarter', 'quarter', 'timeZoneName',
    'yearName', 'timeZoneName', 'timeZoneName', 'timeZoneName', 'relatedYear', 'dayPeriod', 'dayPeriod'];
  /* Splits r.s into runs of the innermost field of `cat`; spans of category
   * SPAN+spanCat mark a range's start (0) and end (1). */
  function toParts(r, typeOf, spanCat, x) {
    var s = r.s, f = r.f, n = s.length, type = new Array(n), width = new Array(n), i, k;
    var src = spanCat !== undefined ? new Array(n) : null; /* a range: every part has a source */
    for (k = 0; k < f.length; k += 4) {
      var cat = f[k], field = f[k + 1], a = f[k + 2], b = f[k + 3];
      if (spanCat !== undefined && cat === SPAN + spanCat) {
        for (i = a; i < b; i++) src[i] = field === 0 ? 'startRange' : 'endRange';
        continue;
      }
      var t = typeOf(cat, field, s.slice(a, b), x);
      if (t === undefined) continue;
      for (i = a; i < b; i++) if (width[i] === undefined || b - a < width[i]) { type[i] = t; width[i] = b - a; }
    }
    var parts = [], cur = null, curSrc;
    for (i = 0; i < n; i++) {
      var ti = type[i] || 'literal', si = src ? src[i] || 'shared' : undefined;
      if (cur && cur.type === ti && curSrc === si && !(ti !== 'literal' && width[i] !== width[i - 1])) cur.value += s.charAt(i);
      else {
        cur = { type: ti, value: s.charAt(i) };
        if (src) cur.source = si;
        curSrc = si;
        parts.push(cur);
      }
    }
    return parts;
  }
  function numType(cat, field, text, x) {
    if (cat !== CAT_NUMBER) return undefined;
    var t = NUM_FIELDS[field] || 'unknown';
    if (t === 'sign') t = text === '+' ? 'plusSign' : 'minusSign';
    if (t === 'integer' && typeof x === 'number') { if (x !== x) t = 'nan'; else if (!isFinite(x)) t = 'infinity'; }
    return t;
  }

  /* style "unit" with unit "percent": the sign is the unit. */
  function unitNumType(cat, field, text, x) {
    var t = numType(cat, field, text, x);
    return t === 'percentSign' ? 'unit' : t;
  }

  /* ---- NumberFormat ---- */
  var CURRENCY_RE = /^[A-Za-z]{3}$/;
  var UNITS = ['acre', 'bit', 'byte', 'celsius', 'centimeter', 'day', 'degree', 'fahrenheit', 'fluid-ounce', 'foot',
    'gallon', 'gigabit', 'gigabyte', 'gram', 'hectare', 'hour', 'inch', 'kilobit', 'kilobyte', 'kilogram', 'kilometer',
    'liter', 'megabit', 'megabyte', 'meter', 'microsecond', 'mile', 'mile-scandinavian', 'milliliter', 'millimeter',
    'millisecond', 'minute', 'month', 'nanosecond', 'ounce', 'percent', 'petabyte', 'pound', 'second', 'stone',
    'terabit', 'terabyte', 'week', 'yard', 'year'];
  function isUnit(u) {
    if (UNITS.indexOf(u) >= 0) return true;
    var p = u.indexOf('-per-');
    return p > 0 && UNITS.indexOf(u.slice(0, p)) >= 0 && UNITS.indexOf(u.slice(p + 5)) >= 0;
  }
  var INCREMENTS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000];
  var ROUNDING = { ceil: 'ceiling', floor: 'floor', expand: 'up', trunc: 'down', halfCeil: 'half-ceiling',
    halfFloor: 'half-floor', halfExpand: 'half-up', halfTrunc: 'half-down', halfEven: 'half-even' };

  function setDigitOptions(s, options, mnfdDefault, mxfdDefault, notation, ctor) {
    var mnid = getNumberOption(options, 'minimumIntegerDigits', 1, 21, 1);
    var mnfd = options.minimumFractionDigits, mxfd = options.maximumFractionDigits;
    var mnsd = options.minimumSignificantDigits, mxsd = options.maximumSignificantDigits;
    s.minimumIntegerDigits = mnid;
    var inc = getNumberOption(options, 'roundingIncrement', 1, 5000, 1);
    if (INCREMENTS.indexOf(inc) < 0) throw rangeErr('roundingIncrement value is out of range.');
    var mode = getOption(options, 'roundingMode', 'string', Object.keys(ROUNDING), 'halfExpand', ctor);
    var prio = getOption(options, 'roundingPriority', 'string', ['auto', 'morePrecision', 'lessPrecision'], 'auto', ctor);
    var tzd = getOption(options, 'trailingZeroDisplay', 'string', ['auto', 'stripIfInteger'], 'auto', ctor);
    if (inc !== 1) mxfdDefault = mnfdDefault;
    s.roundingIncrement = inc; s.roundingMode = mode; s.trailingZeroDisplay = tzd;
    var hasSd = mnsd !== undefined || mxsd !== undefined, hasFd = mnfd !== undefined || mxfd !== undefined;
    var needSd = true, needFd = true;
    if (prio === 'auto') {
      needSd = hasSd;
      if (needSd || (!hasFd && notation === 'compact')) needFd = false;
    }
    if (needSd) {
      if (hasSd) {
        mnsd = defaultNumberOption(mnsd, 1, 21, 1, 'minimumSignificantDigits');
        mxsd = defaultNumberOption(mxsd, mnsd, 21, 21, 'maximumSignificantDigits');
        s.minimumSignificantDigits = mnsd; s.maximumSignificantDigits = mxsd;
      } else { s.minimumSignificantDigits = 1; s.maximumSignificantDigits = 21; }
    }
    if (needFd) {
      if (hasFd) {
        mnfd = defaultNumberOption(mnfd, 0, 100, undefined, 'minimumFractionDigits');
        mxfd = defaultNumberOption(mxfd, 0, 100, undefined, 'maximumFractionDigits');
        if (mnfd === undefined) mnfd = Math.min(mnfdDefault, mxfd);
        else if (mxfd === undefined) mxfd = Math.max(mxfdDefault, mnfd);
        else if (mnfd > mxfd) throw rangeErr('maximumFractionDigits value is out of range.');
        s.minimumFractionDigits = mnfd; s.maximumFractionDigits = mxfd;
      } else { s.minimumFractionDigits = mnfdDefault; s.maximumFractionDigits = mxfdDefault; }
    }
    s.compactDefault = !needSd && !needFd;
    if (!needSd && !needFd) {
      s.minimumFractionDigits = 0; s.maximumFractionDigits = 0; s.minimumSignificantDigits = 1; s.maximumSignificantDigits = 2;
      s.roundingType = 'morePrecision'; s.roundingPriority = 'morePrecision';
    } else if (prio === 'auto') {
      s.roundingType = hasSd ? 'significantDigits' : 'fractionDigits'; s.roundingPriority = 'auto';
    } else { s.roundingType = prio; s.roundingPriority = prio; }
    if (inc !== 1) {
      if (s.roundingType !== 'fractionDigits') throw new TypeError('roundingIncrement can only be used with fraction digits');
      if (s.maximumFractionDigits !== s.minimumFractionDigits) throw rangeErr('maximumFractionDigits must equal minimumFractionDigits with roundingIncrement');
    }
    if (s.roundingType === 'significantDigits') { delete s.minimumFractionDigits; delete s.maximumFractionDigits; }
    else if (s.roundingType === 'fractionDigits') { delete s.minimumSignificantDigits; delete s.maximumSignificantDigits; }
  }

  function repeat(c, n) { var r = ''; while (n-- > 0) r += c; return r; }
  function precisionSkeleton(s, compactDefault) {
    var fd = s.maximumFractionDigits === 0 && s.minimumFractionDigits === 0 ? 'precision-integer'
      : '.' + repeat('0', s.minimumFractionDigits) + repeat('#', s.maximumFractionDigits - s.minimumFractionDigits);
    var sd = repeat('@', s.minimumSignificantDigits) + repeat('#', s.maximumSignificantDigits - s.minimumSignificantDigits);
    var p;
    if (compactDefault) p = '';
    else if (s.roundingIncrement !== 1) {
      var v = String(s.roundingIncrement), d = s.maximumFractionDigits;
      while (v.length <= d) v = '0' + v;
      p = 'precision-increment/' + (d ? v.slice(0, v.length - d) + '.' + v.slice(v.length - d) : v);
    } else if (s.roundingType === 'significantDigits') p = sd;
    else if (s.roundingType === 'fractionDigits') p = fd;
    else p = (fd === 'precision-integer' ? '.' : fd) + '/' + sd + (s.roundingType === 'morePrecision' ? 'r' : 's');
    if (s.trailingZeroDisplay === 'stripIfInteger' && p) p += '/w';
    var out = p ? [p] : [];
    out.push('rounding-mode-' + ROUNDING[s.roundingMode]);
    if (s.minimumIntegerDigits > 1) out.push('integer-width/*' + repeat('0', s.minimumIntegerDigits));
    return out;
  }

  function numberSkeleton(s) {
    var k = precisionSkeleton(s, s.compactDefault);
    if (s.style === 'currency') {
      k.push('currency/' + s.currency);
      if (s.currencyDisplay === 'code') k.push('unit-width-iso-code');
      else if (s.currencyDisplay === 'name') k.push('unit-width-full-name');
      else if (s.currencyDisplay === 'narrowSymbol') k.push('unit-width-narrow');
    } else if (s.style === 'percent') {
      k.push('percent', 'scale/100');
    } else if (s.style === 'unit') {
      k.push('unit/' + s.unit);
      if (s.unitDisplay === 'long') k.push('unit-width-full-name');
      else if (s.unitDisplay === 'narrow') k.push('unit-width-narrow');
    }
    if (s.notation === 'scientific') k.push('scientific');
    else if (s.notation === 'engineering') k.push('engineering');
    else if (s.notation === 'compact') k.push(s.compactDisplay === 'long' ? 'compact-long' : 'compact-short');
    var acc = s.style === 'currency' && s.currencySign === 'accounting';
    var sd = { auto: acc ? 'sign-accounting' : 'sign-auto', always: acc ? 'sign-accounting-always' : 'sign-always',
      never: 'sign-never', exceptZero: acc ? 'sign-accounting-except-zero' : 'sign-except-zero',
      negative: acc ? 'sign-accounting-negative' : 'sign-negative' }[s.signDisplay];
    k.push(sd);
    var g = s.useGrouping;
    k.push(g === false ? 'group-off' : g === 'min2' ? 'group-min2' : g === 'always' ? 'group-on-aligned' : 'group-auto');
    if (s.nuExplicit) k.push('numbering-system/' + s.numberingSystem);
    return k.join(' ');
  }

  function initNumberFormat(self, locales, options) {
    var requested = canonicalizeLocaleList(locales);
    options = coerceOptions(options);
    var s = newSlots('NumberFormat'), C = 'NumberFormat';
    getOption(options, 'localeMatcher', 'string', ['lookup', 'best fit'], 'best fit', C);
    var nu = checkType(getOption(options, 'numberingSystem', 'string', undefined, undefined, C), 'numberingSystem');
    var r = resolveLocale(requested, { nu: nu }, ['nu'], { nu: supNu });
    s.locale = r.locale; s.dataLocale = r.dataLocale;
    s.numberingSystem = r.nu || defaultNu(r.dataLocale);
    s.nuExplicit = !!r.nu;
    var style = s.style = getOption(options, 'style', 'string', ['decimal', 'percent', 'currency', 'unit'], 'decimal', C);
    var currency = getOption(options, 'currency', 'string', undefined, undefined, C);
    if (currency !== undefined && !CURRENCY_RE.test(currency)) throw rangeErr('Invalid currency code : ' + currency);
    var cd = getOption(options, 'currencyDisplay', 'string', ['code', 'symbol', 'narrowSymbol', 'name'], 'symbol', C);
    var cs = getOption(options, 'currencySign', 'string', ['standard', 'accounting'], 'standard', C);
    var unit = getOption(options, 'unit', 'string', undefined, undefined, C);
    if (unit !== undefined && !isUnit(unit)) throw rangeErr('Invalid unit argument for Intl.NumberFormat() \'' + unit + '\'');
    var ud = getOption(options, 'unitDisplay', 'string', ['short', 'narrow', 'long'], 'short', C);
    if (style === 'currency') {
      if (currency === undefined) throw new TypeError('Currency code is required with currency style.');
      s.currency = currency.toUpperCase(); s.currencyDisplay = cd; s.currencySign = cs;
    }
    if (style === 'unit') {
      if (unit === undefined) throw new TypeError('Unit is required with unit style.');
      s.unit = unit; s.unitDisplay = ud;
    }
    var notation = s.notation = getOption(options, 'notation', 'string', ['standard', 'scientific', 'engineering', 'compact'], 'standard', C);
    var mnfdDefault, mxfdDefault;
    if (style === 'currency' && notation === 'standard') { mnfdDefault = mxfdDefault = N.currencyDigits(s.currency); }
    else { mnfdDefault = 0; mxfdDefault = style === 'percent' ? 0 : 3; }
    setDigitOptions(s, options, mnfdDefault, mxfdDefault, notation, C);
    var compactDisplay = getOption(options, 'compactDisplay', 'string', ['short', 'long'], 'short', C);
    var defaultGrouping = notation === 'compact' ? 'min2' : 'auto';
    var ug = options.useGrouping;
    if (ug === undefined) ug = defaultGrouping;
    else if (ug === true) ug = 'always';
    else if (ug === false || ug === null || ug === 0 || ug === '' || ug !== ug) ug = false;
    else {
      ug = toStr(ug);
      if (ug === 'true' || ug === 'false') ug = defaultGrouping;
      else if (['min2', 'auto', 'always'].indexOf(ug) < 0) throw rangeErr('Value ' + ug + ' out of range for Intl.NumberFormat options property useGrouping');
    }
    s.useGrouping = ug;
    if (notation === 'compact') s.compactDisplay = compactDisplay;
    s.signDisplay = getOption(options, 'signDisplay', 'string', ['auto', 'never', 'always', 'exceptZero', 'negative'], 'auto', C);
    s.skeleton = numberSkeleton(s);
    self[S] = s;
  }

  /* ToIntlMathematicalValue: numbers as doubles, numeric strings exactly. */
  function toNumeric(x) {
    if (typeof x === 'string') {
      var t = x.replace(/^[\s\uFEFF\xA0]+|[\s\uFEFF\xA0]+$/g, '');
      if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return t.charAt(0) === '+' ? t.slice(1) : t;
      return Number(x);
    }
    if (typeof x === 'bigint') return String(x);
    return cc.toNumber ? cc.toNumber(x) : +x;
  }
  function formatNumber(s, x, parts) {
    x = toNumeric(x);
    if (typeof x === 'string' && !/[1-9]/.test(x.split(/e/i)[0])) x = Number(x); /* -0 and 0 as numbers */
    var r = N.numfmt(s.locale, s.skeleton, x, parts);
    return parts ? toParts(r, s.style === 'unit' ? unitNumType : numType, undefined, x) : r;
  }

  var NF = makeCtor('NumberFormat', 0, initNumberFormat);
  boundGetter(NF, 'NumberFormat', 'format', function (self, s, args) { return formatNumber(s, args[0], false); }, 1);
  def(NF.prototype, 'formatToParts', { formatToParts(x) { return formatNumber(slots(this, 'NumberFormat', 'formatToParts'), x, true); } }.formatToParts, 1);
  function numberRange(self, method, a, b, parts) {
    var s = slots(self, 'NumberFormat', method);
    if (a === undefined || b === undefined) throw new TypeError('start or end is undefined');
    a = toNumeric(a); b = toNumeric(b);
    if (a !== a || b !== b) throw rangeErr('Invalid number value: NaN');
    var r = N.numrange(s.locale, s.skeleton, a, b);
    if (!parts) return r.s;
    return toParts(r, numType, CAT_NUMBER);
  }
  def(NF.prototype, 'formatRange', { formatRange(a, b) { return numberRange(this, 'formatRange', a, b, false); } }.formatRange, 2);
  def(NF.prototype, 'formatRangeToParts', { formatRangeToParts(a, b) { return numberRange(this, 'formatRangeToParts', a, b, true); } }.formatRangeToParts, 2);
  def(NF.prototype, 'resolvedOptions', { resolvedOptions() {
    var s = slots(this, 'NumberFormat', 'resolvedOptions', true), o = {};
    var keys = ['locale', 'numberingSystem', 'style', 'currency', 'currencyDisplay', 'currencySign', 'unit', 'unitDisplay',
      'minimumIntegerDigits', 'minimumSignificantDigits', 'maximumSignificantDigits', 'minimumFractionDigits',
      'maximumFractionDigits', 'useGrouping', 'notation', 'compactDisplay', 'signDisplay', 'roundingMode',
      'roundingIncrement', 'trailingZeroDisplay', 'roundingPriority'];
    for (var i = 0; i < keys.length; i++) if (s[keys[i]] !== undefined) put(o, keys[i], s[keys[i]]);
    return o;
  } }.resolvedOptions, 0);

  /* ---- PluralRules ---- */
  var PR = makeCtor('PluralRules', 0, function (self, locales, options) {
    var requested = canonicalizeLocaleList(locales), C = 'PluralRules';
    options = coerceOptions(options);
    var s = newSlots('PluralRules');
    getOption(options, 'localeMatcher', 'string', ['lookup', 'best fit'], 'best fit', C);
    s.type = getOption(options, 'type', 'string', ['cardinal', 'ordinal'], 'cardinal', C);
    setDigitOptions(s, options, 0, 3, 'standard', C);
    var r = resolveLocale(requested, {}, [], {});
    s.locale = r.locale;
    s.style = 'decimal'; s.notation = 'standard'; s.signDisplay = 'auto'; s.useGrouping = 'auto';
    s.skeleton = numberSkeleton(s);
    self[S] = s;
  });
  def(PR.prototype, 'select', { select(x) {
    var s = slots(this, 'PluralRules', 'select');
    return N.plural(s.locale, s.type === 'ordinal', s.skeleton, toNumeric(x));
  } }.select, 1);
  def(PR.prototype, 'selectRange', { selectRange(a, b) {
    var s = slots(this, 'PluralRules', 'selectRange');
    if (a === undefined || b === undefined) throw new TypeError('start or end is undefined');
    a = +a; b = +b;
    if (a !== a || b !== b) throw rangeErr('Invalid number value: NaN');
    return N.plural(s.locale, s.type === 'ordinal', s.skeleton, b);
  } }.selectRange, 2);
  def(PR.prototype, 'resolvedOptions', { resolvedOptions() {
    var s = slots(this, 'PluralRules', 'resolvedOptions'), o = {}, i;
    var keys = ['locale', 'type', 'minimumIntegerDigits', 'minimumFractionDigits', 'maximumFractionDigits',
      'minimumSignificantDigits', 'maximumSignificantDigits'];
    for (i = 0; i < keys.length; i++) if (s[keys[i]] !== undefined) put(o, keys[i], s[keys[i]]);
    put(o, 'pluralCategories', N.pluralCats(s.locale, s.type === 'ordinal'));
    return o;
  } }.resolvedOptions, 0);

  /* ---- DateTimeFormat ---- */
  var COMPONENTS = [
    ['weekday', ['narrow', 'short', 'long']], ['era', ['narrow', 'short', 'long']], ['year', ['2-digit', 'numeric']],
    ['month', ['2-digit', 'numeric', 'narrow', 'short', 'long']], ['day', ['2-digit', 'numeric']],
    ['dayPeriod', ['narrow', 'short', 'long']], ['hour', ['2-digit', 'numeric']], ['minute', ['2-digit', 'numeric']],
    ['second', ['2-digit', 'numeric']], ['fractionalSecondDigits', null],
    ['timeZoneName', ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric']]];
  var SKEL = {
    weekday: { narrow: 'EEEEE', short: 'EEE', long: 'EEEE' }, era: { narrow: 'GGGGG', short: 'G', long: 'GGGG' },
    year: { '2-digit': 'yy', numeric: 'y' }, month: { '2-digit': 'MM', numeric: 'M', narrow: 'MMMMM', short: 'MMM', long: 'MMMM' },
    day: { '2-digit': 'dd', numeric: 'd' }, dayPeriod: { narrow: 'BBBBB', short: 'B', long: 'BBBB' },
    minute: { '2-digit': 'mm', numeric: 'm' }, second: { '2-digit': 'ss', numeric: 's' },
    timeZoneName: { short: 'z', long: 'zzzz', shortOffset: 'O', longOffset: 'OOOO', shortGeneric: 'v', longGeneric: 'vvvv' } };
  var HC_CHAR = { h11: 'K', h12: 'h', h23: 'H', h24: 'k' };
  var STYLES = ['full', 'long', 'medium', 'short'];

  function canonTimeZone(tz) {
    var u = tz.toUpperCase();
    if (u === 'UTC' || u === 'ETC/UTC' || u === 'ETC/GMT' || u === 'GMT') return 'UTC';
    var c = N.tzCanon(tz);
    if (c === undefined) {
      var t = tz.toLowerCase().replace(/(^|[\/_-])([a-z])/g, function (m, a, b) { return a + b.toUpperCase(); });
      c = N.tzCanon(t);
      if (c === undefined && /^etc\/gmt[+-]\d+$/i.test(tz)) c = N.tzCanon('Etc/GMT' + tz.slice(7));
      if (c === undefined && /^[a-z]{3,5}$/i.test(tz)) c = N.tzCanon(tz.toUpperCase());
    }
    if (c === undefined) return undefined;
    if (c === 'Etc/UTC' || c === 'Etc/GMT') return 'UTC';
    return c;
  }

  function patternOptions(pattern) {
    var o = {}, i = 0, n = pattern.length;
    while (i < n) {
      var ch = pattern.charAt(i);
      if (ch === "'") { i++; while (i < n && pattern.charAt(i) !== "'") i++; i++; continue; }
      var j = i;
      while (j < n && pattern.charAt(j) === ch) j++;
      var c = j - i;
      i = j;
      switch (ch) {
      case 'E': case 'c': o.weekday = c === 4 ? 'long' : c === 5 ? 'narrow' : 'short'; break;
      case 'G': o.era = c === 4 ? 'long' : c === 5 ? 'narrow' : 'short'; break;
      case 'y': case 'U': case 'r': o.year = c === 2 ? '2-digit' : 'numeric'; break;
      case 'M': case 'L': o.month = c === 1 ? 'numeric' : c === 2 ? '2-digit' : c === 3 ? 'short' : c === 4 ? 'long' : 'narrow'; break;
      case 'd': o.day = c === 2 ? '2-digit' : 'numeric'; break;
      case 'B': o.dayPeriod = c === 4 ? 'long' : c === 5 ? 'narrow' : 'short'; break;
      case 'h': case 'H': case 'k': case 'K': o.hour = c === 2 ? '2-digit' : 'numeric'; o.hc = { h: 'h12', H: 'h23', k: 'h24', K: 'h11' }[ch]; break;
      case 'm': o.minute = c === 2 ? '2-digit' : 'numeric'; break;
      case 's': o.second = c === 2 ? '2-digit' : 'numeric'; break;
      case 'S': o.fractionalSecondDigits = c; break;
      case 'z': o.timeZoneName = c === 4 ? 'long' : 'short'; break;
      case 'O': o.timeZoneName = c === 4 ? 'longOffset' : 'shortOffset'; break;
      case 'v': o.timeZoneName = c === 4 ? 'longGeneric' : 'shortGeneric'; break;
      default: break;
      }
    }
    return o;
  }

  /* Replaces the hour letters of a pattern for an explicit hour cycle; a
   * 24-hour cycle drops the day period. */
  function applyHourCycle(pattern, hc) {
    var out = '', i = 0, n = pattern.length, to = HC_CHAR[hc];
    while (i < n) {
      var ch = pattern.charAt(i);
      if (ch === "'") { var j = pattern.indexOf("'", i + 1); if (j < 0) j = n - 1; out += pattern.slice(i, j + 1); i = j + 1; continue; }
      if ('hHkK'.indexOf(ch) >= 0) out += to;
      else if (ch === 'a' && (hc === 'h23' || hc === 'h24')) { out = out.replace(/[\s\u202f\u00a0]+$/, ''); i++; while (i < n && /[\s\u202f\u00a0]/.test(pattern.charAt(i))) i++; continue; }
      else out += ch;
      i++;
    }
    return out;
  }

  function initDateTimeFormat(self, locales, options, required, defaults) {
    var requested = canonicalizeLocaleList(locales), C = 'DateTimeFormat';
    options = coerceOptions(options);
    var s = newSlots('DateTimeFormat');
    getOption(options, 'localeMatcher', 'string', ['lookup', 'best fit'], 'best fit', C);
    var ca = checkType(getOption(options, 'calendar', 'string', undefined, undefined, C), 'calendar');
    if (ca !== undefined) { ca = ca.toLowerCase(); if (CA_ALIAS[ca]) ca = CA_ALIAS[ca]; }
    var nu = checkType(getOption(options, 'numberingSystem', 'string', undefined, undefined, C), 'numberingSystem');
    var hour12 = getOption(options, 'hour12', 'boolean', undefined, undefined, C);
    var hourCycle = getOption(options, 'hourCycle', 'string', ['h11', 'h12', 'h23', 'h24'], undefined, C);
    if (hour12 !== undefined) hourCycle = null;
    var r = resolveLocale(requested, { ca: ca, nu: nu, hc: hourCycle === null ? undefined : hourCycle }, ['ca', 'hc', 'nu'],
      { ca: supCa, nu: supNu, hc: inList(['h11', 'h12', 'h23', 'h24']) });
    var info = dateInfo(r.dataLocale);
    s.locale = r.locale;
    s.calendar = r.ca || info.ca || 'gregory';
    s.numberingSystem = r.nu || defaultNu(r.dataLocale);
    /* Only an explicit -u-nu reaches ICU: the locale's own ID keeps the
     * pattern generator dateInfo() opened (a second one costs ~5 ms). */
    s.nuExplicit = !!r.nu;
    var tz = options.timeZone;
    if (tz === undefined) tz = defaultTimeZone();
    else {
      var name = toStr(tz);
      tz = canonTimeZone(name);
      if (tz === undefined) throw rangeErr('Invalid time zone specified: ' + name);
    }
    s.timeZone = tz;
    var opt = {}, i, any = false;
    for (i = 0; i < COMPONENTS.length; i++) {
      var p = COMPONENTS[i][0], v;
      if (p === 'fractionalSecondDigits') v = getNumberOption(options, p, 1, 3, undefined);
      else v = getOption(options, p, 'string', COMPONENTS[i][1], undefined, C);
      opt[p] = v;
      if (v !== undefined) any = true;
    }
    getOption(options, 'formatMatcher', 'string', ['basic', 'best fit'], 'best fit', C);
    var ds = getOption(options, 'dateStyle', 'string', STYLES, undefined, C);
    var ts = getOption(options, 'timeStyle', 'string', STYLES, undefined, C);
    /* The hour cycle as V8 resolves it: hour12 maps through the locale's
     * default (ES2022: en-US with hour12 false is h24), and the pattern then
     * uses exactly that cycle's letter. */
    var hcDefault = info.hc || 'h23', hc;
    if (hour12 !== undefined) {
      var twelve = hcDefault === 'h11' || hcDefault === 'h23';
      hc = hour12 ? (twelve ? 'h11' : 'h12') : (twelve ? 'h23' : 'h24');
    } else hc = hourCycle || r.hc || undefined;
    var hcChar = hc ? HC_CHAR[hc] : undefined;
    var pattern;
    if (ds !== undefined || ts !== undefined) {
      if (any) throw new TypeError('Can\'t set option ' + firstSet(opt) + ' when ' + (ds !== undefined ? 'dateStyle' : 'timeStyle') + ' is used');
      if (required === 'date' && ts !== undefined) throw new TypeError('Invalid option : timeStyle');
      if (required === 'time' && ds !== undefined) throw new TypeError('Invalid option : dateStyle');
      s.dateStyle = ds; s.timeStyle = ts;
      pattern = N.dtpattern(icuLocale(s), '', ds === undefined ? -1 : STYLES.indexOf(ds), ts === undefined ? -1 : STYLES.indexOf(ts));
      if (hc && ts !== undefined) {
        /* As V8: the style's skeleton with the hour letter replaced, so a
         * 24-hour style switched to 12 hours gains its day period. */
        var styleSkel = N.dtskeleton(pattern).replace(/[hHkKjJC]+/, function (m) { return m.length > 1 ? hcChar + hcChar : hcChar; });
        pattern = applyHourCycle(N.dtpattern(icuLocale(s), styleSkel, -1, -1), hc);
      }
    } else {
      var needDefaults = true;
      var dateF = ['weekday', 'year', 'month', 'day'], timeF = ['dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits'];
      if (required === 'date' || required === 'any') for (i = 0; i < dateF.length; i++) if (opt[dateF[i]] !== undefined) needDefaults = false;
      if (required === 'time' || required === 'any') for (i = 0; i < timeF.length; i++) if (opt[timeF[i]] !== undefined) needDefaults = false;
      if (needDefaults && (defaults === 'date' || defaults === 'all')) opt.year = opt.month = opt.day = 'numeric';
      if (needDefaults && (defaults === 'time' || defaults === 'all')) opt.hour = opt.minute = opt.second = 'numeric';
      var sk = '';
      for (i = 0; i < COMPONENTS.length; i++) {
        var name2 = COMPONENTS[i][0], val = opt[name2];
        if (val === undefined) continue;
        if (name2 === 'hour') {
          /* With dayPeriod, the locale's own hour letter (not j, whose
           * pattern carries AM/PM): a 12-hour locale then shows the flexible
           * day period, a 24-hour one ignores it, as in V8. */
          var hch = hcChar || (opt.dayPeriod !== undefined ? HC_CHAR[hcDefault] : 'j');
          sk += hch + (val === '2-digit' ? hch : '');
        }
        else if (name2 === 'fractionalSecondDigits') sk += repeat('S', val);
        else sk += SKEL[name2][val];
      }
      pattern = N.dtpattern(icuLocale(s), sk, -1, -1);
      if (hc && opt.hour !== undefined) pattern = applyHourCycle(pattern, hc);
    }
    s.pattern = pattern;
    var po = patternOptions(pattern);
    if (po.hour !== undefined) { s.hourCycle = hc || po.hc; s.hour12 = s.hourCycle === 'h11' || s.hourCycle === 'h12'; }
    if (s.dateStyle === undefined && s.timeStyle === undefined) {
      for (i = 0; i < COMPONENTS.length; i++) { var cn = COMPONENTS[i][0]; if (po[cn] !== undefined && (opt[cn] !== undefined || cn !== 'dayPeriod')) s[cn] = opt[cn] !== undefined && cn !== 'hour' && cn !== 'minute' && cn !== 'second' ? (po[cn] === undefined ? opt[cn] : po[cn]) : po[cn]; }
    }
    if (s.locale.indexOf('-u-') > 0 && s.hourCycle === undefined) s.locale = s.locale.replace(/-hc-h\d\d/, '').replace(/-u$/, '');
    self[S] = s;
  }
  function firstSet(opt) { for (var i = 0; i < COMPONENTS.length; i++) if (opt[COMPONENTS[i][0]] !== undefined) return COMPONENTS[i][0]; return ''; }
  function icuLocale(s) {
    var loc = s.locale.replace(/-u(-.*)?$/, ''), ext = '';
    if (s.calendar && s.calendar !== 'gregory') ext += '-ca-' + s.calendar;
    if (s.nuExplicit) ext += '-nu-' + s.numberingSystem;
    return ext ? loc + '-u' + ext : loc;
  }
  /* CLDR 42 put U+202F before AM/PM and elsewhere; V8's format() prints a
   * plain space for web compatibility (formatToParts and formatRange keep
   * U+202F), and so do we. */
  var NNBSP = /\u202f/g;
  function dateType(cat, field) { return cat === CAT_DATE ? DATE_FIELDS[field] || 'literal' : undefined; }
  function toDateValue(x) {
    var t = x === undefined ? Date.now() : (x instanceof Date ? x.getTime() : +x);
    if (!isFinite(t) || Math.abs(t) > 8.64e15) throw rangeErr('Invalid time value');
    t = t < 0 ? Math.ceil(t) : Math.floor(t);
    return t === 0 ? 0 : t;
  }
  function formatDate(s, x, parts) {
    var t = toDateValue(x);
    var r = N.dtfmt(icuLocale(s), s.pattern, s.timeZone, t, parts);
    if (!parts) return r.replace(NNBSP, ' ');
    return toParts(r, dateType);
  }

  var DTF = makeCtor('DateTimeFormat', 0, function (self, l, o) { initDateTimeFormat(self, l, o, 'any', 'date'); });
  boundGetter(DTF, 'DateTimeFormat', 'format', function (self, s, args) { return formatDate(s, args[0], false); }, 1);
  def(DTF.prototype, 'formatToParts', { formatToParts(x) { return formatDate(slots(this, 'DateTimeFormat', 'formatToParts'), x, true); } }.formatToParts, 1);
  function dateRange(self, method, a, b, parts) {
    var s = slots(self, 'DateTimeFormat', method);
    if (a === undefined || b === undefined) throw new TypeError('startDate or endDate is undefined');
    var x = toDateValue(a), y = toDateValue(b);
    var r = N.dtrange(icuLocale(s), s.pattern, s.timeZone, x, y);
    if (!parts) return r.s;
    var p = toParts(r, dateType, CAT_DATE_INTERVAL);
    return p;
  }
  def(DTF.prototype, 'formatRange', { formatRange(a, b) { return dateRange(this, 'formatRange', a, b, false); } }.formatRange, 2);
  def(DTF.prototype, 'formatRangeToParts', { formatRangeToParts(a, b) { return dateRange(this, 'formatRangeToParts', a, b, true); } }.formatRangeToParts, 2);
  def(DTF.prototype, 'resolvedOptions', { resolvedOptions() {
    var s = slots(this, 'DateTimeFormat', 'resolvedOptions', true), o = {};
    var keys = ['locale', 'calendar', 'numberingSystem', 'timeZone', 'hourCycle', 'hour12', 'weekday', 'era', 'year',
      'month', 'day', 'dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits', 'timeZoneName', 'dateStyle', 'timeStyle'];
    for (var i = 0; i < keys.length; i++) if (s[keys[i]] !== undefined) put(o, keys[i], s[keys[i]]);
    return o;
  } }.resolvedOptions, 0);

  /* ---- Collator ---- */
  var COL = makeCtor('Collator', 0, function (self, locales, options) {
    var requested = canonicalizeLocaleList(locales), C = 'Collator';
    options = coerceOptions(options);
    var s = newSlots('Collator');
    s.usage = getOption(options, 'usage', 'string', ['sort', 'search'], 'sort', C);
    getOption(options, 'localeMatcher', 'string', ['lookup', 'best fit'], 'best fit', C);
    var co = checkType(getOption(options, 'collation', 'string', undefined, undefined, C), 'collation');
    var kn = getOption(options, 'numeric', 'boolean', undefined, undefined, C);
    if (kn !== undefined) kn = String(kn);
    var kf = getOption(options, 'caseFirst', 'string', ['upper', 'lower', 'false'], undefined, C);
    var r = resolveLocale(requested, { co: co, kn: kn, kf: kf }, ['co', 'kn', 'kf'], {
      co: function (v, loc) { return ['phonebk', 'pinyin', 'stroke', 'zhuyin', 'unihan', 'emoji', 'eor', 'trad', 'big5han', 'gb2312', 'compat'].indexOf(v) >= 0 && v !== 'standard' && v !== 'search' && (v !== 'phonebk' || /^de\b/.test(loc)) && (['pinyin', 'stroke', 'zhuyin', 'unihan', 'big5han', 'gb2312'].indexOf(v) < 0 || /^zh\b/.test(loc)) && v !== 'trad' && v !== 'compat'; },
      kn: inList(['true', 'false']), kf: inList(['upper', 'lower', 'false']) });
    s.locale = r.locale;
    s.collation = r.co || 'default';
    s.numeric = r.kn === 'true';
    s.caseFirst = r.kf || 'false';
    s.sensitivity = getOption(options, 'sensitivity', 'string', ['base', 'accent', 'case', 'variant'], 'variant', C);
    s.ignorePunctuation = getOption(options, 'ignorePunctuation', 'boolean', undefined, undefined, C);
    var base = s.locale.replace(/-u(-.*)?$/, ''), ext = '';
    if (s.collation !== 'default') ext += '-co-' + s.collation;
    if (s.usage === 'search') ext = '-co-search';
    s.icu = ext ? base + '-u' + ext : base;
    /* absent: the locale's default (ECMA-402 2023; Thai ignores punctuation) */
    if (s.ignorePunctuation === undefined) s.ignorePunctuation = N.collatePunct(s.icu);
    s.sens = ['base', 'accent', 'case', 'variant'].indexOf(s.sensitivity);
    s.cf = r.kf === null || r.kf === undefined ? -1 : ['false', 'upper', 'lower'].indexOf(r.kf);
    self[S] = s;
  });
  function compare(s, a, b) { return N.collate(s.icu, s.sens, s.ignorePunctuation, s.numeric, s.cf, toStr(a), toStr(b)); }
  boundGetter(COL, 'Collator', 'compare', function (self, s, args) { return compare(s, args[0], args[1]); }, 2);
  def(COL.prototype, 'resolvedOptions', { resolvedOptions() {
    var s = slots(this, 'Collator', 'resolvedOptions');
    return { locale: s.locale, usage: s.usage, sensitivity: s.sensitivity, ignorePunctuation: s.ignorePunctuation,
      collation: s.collation, numeric: s.numeric, caseFirst: s.caseFirst };
  } }.resolvedOptions, 0);

  /* ---- RelativeTimeFormat ---- */
  var REL_UNITS = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'];
  var RTF = makeCtor('RelativeTimeFormat', 0, function (self, locales, options) {
    var requested = canonicalizeLocaleList(locales), C = 'RelativeTimeFormat';
    options = coerceOptions(options);
    var s = newSlots('RelativeTimeFormat');
    getOption(options, 'localeMatcher', 'string', ['lookup', 'best fit'], 'best fit', C);
    var nu = checkType(getOption(options, 'numberingSystem', 'string', undefined, undefined, C), 'numberingSystem');
    var r = resolveLocale(requested, { nu: nu }, ['nu'], { nu: supNu });
    s.locale = r.locale;
    s.numberingSystem = r.nu || defaultNu(r.dataLocale);
    s.style = getOption(options, 'style', 'string', ['long', 'short', 'narrow'], 'long', C);
    s.numeric = getOption(options, 'numeric', 'string', ['always', 'auto'], 'always', C);
    self[S] = s;
  });
  function relTime(self, method, value, unit, parts) {
    var s = slots(self, 'RelativeTimeFormat', method);
    value = +value;
    unit = toStr(unit);
    if (!isFinite(value)) throw rangeErr('Invalid time value: ' + value);
    var u = unit.charAt(unit.length - 1) === 's' ? unit.slice(0, -1) : unit, idx = REL_UNITS.indexOf(u);
    if (idx < 0) throw rangeErr('Invalid unit argument for Intl.RelativeTimeFormat.prototype.' + method + '() \'' + unit + '\'');
    var loc = s.locale.replace(/-u(-.*)?$/, '') + (s.numberingSystem !== 'latn' ? '-u-nu-' + s.numberingSystem : '');
    var r = N.reltime(loc, ['long', 'short', 'narrow'].indexOf(s.style), s.numeric === 'auto', value, idx);
    if (!parts) return r.s;
    var ps = toParts(r, function (cat, field, text) { return cat === CAT_NUMBER ? numType(cat, field, text, value) : undefined; });
    for (var i = 0; i < ps.length; i++) if (ps[i].type !== 'literal') ps[i].unit = u;
    return ps;
  }
  def(RTF.prototype, 'format', { format(value, unit) { return relTime(this, 'format', value, unit, false); } }.format, 2);
  def(RTF.prototype, 'formatToParts', { formatToParts(value, unit) { return relTime(this, 'formatToParts', value, unit, true); } }.formatToParts, 2);
  def(RTF.prototype, 'resolvedOptions', { resolvedOptions() {
    var s = slots(this, 'RelativeTimeFormat', 'resolvedOptions');
    return { locale: s.locale, style: s.style, numeric: s.numeric, numberingSystem: s.numberingSystem };
  } }.resolvedOptions, 0);

  /* ---- ListFormat ---- */
  var LF = makeCtor('ListFormat', 0, function (self, locales, options) {
    var requested = canonicalizeLocaleList(locales), C = 'ListFormat';
    if (options !== undefined && !isObject(options)) throw new TypeError('options is not an object');
    options = coerceOptions(options);
    var s = newSlots('ListFormat');
    getOption(options, 'localeMatcher', 'string', ['lookup', 'best fit'], 'best fit', C);
    s.locale = resolveLocale(requested, {}, [], {}).locale;
    s.type = getOption(options, 'type', 'string', ['conjunction', 'disjunction', 'unit'], 'conjunction', C);
    s.style = getOption(options, 'style', 'string', ['long', 'short', 'narrow'], 'long', C);
    self[S] = s;
  });
  function stringList(iterable) {
    if (iterable === undefined) return [];
    var out = [], it = cc.getIterator ? cc.getIterator(iterable) : iterable[Symbol.iterator](), step;
    while (!(step = it.next()).done) {
      if (typeof step.value !== 'string') {
        if (typeof it['return'] === 'function') it['return']();
        throw new TypeError('Iterable yielded ' + cc.describe(step.value) + ' which is not a string');
      }
      out.push(step.value);
    }
    return out;
  }
  function listFormat(self, method, list, parts) {
    var s = slots(self, 'ListFormat', method), items = stringList(list);
    var r = N.list(s.locale, ['conjunction', 'disjunction', 'unit'].indexOf(s.type), ['long', 'short', 'narrow'].indexOf(s.style), items);
    if (!parts) return r.s;
    return toParts(r, function (cat, field) { return cat === CAT_LIST ? (field === 1 ? 'element' : 'literal') : undefined; });
  }
  def(LF.prototype, 'format', { format(list) { return listFormat(this, 'format', list, false); } }.format, 1);
  def(LF.prototype, 'formatToParts', { formatToParts(list) { return listFormat(this, 'formatToParts', list, true); } }.formatToParts, 1);
  def(LF.prototype, 'resolvedOptions', { resolvedOptions() {
    var s = slots(this, 'ListFormat', 'resolvedOptions');
    return { locale: s.locale, type: s.type, style: s.style };
  } }.resolvedOptions, 0);

  /* ---- Segmenter ---- */
  var SEG = makeCtor('Segmenter', 0, function (self, locales, options) {
    var requested = canonicalizeLocaleList(locales), C = 'Segmenter';
    if (options !== undefined && !isObject(options)) throw new TypeError('options is not an object');
    options = coerceOptions(options);
    var s = newSlots('Segmenter');
    getOption(options, 'localeMatcher', 'string', ['lookup', 'best fit'], 'best fit', C);
    s.locale = resolveLocale(requested, {}, [], {}).locale;
    s.granularity = getOption(options, 'granularity', 'string', ['grapheme', 'word', 'sentence'], 'grapheme', C);
    self[S] = s;
  });
  var SegmentsProto = {}, SegIterProto = Object.create(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
  function segmentData(seg, i) {
    var b = seg.b, start = b[2 * i], end = b[2 * i + 2];
    var d = { segment: seg.str.slice(start, end), index: start, input: seg.str };
    if (seg.gran === 'word') d.isWordLike = b[2 * i + 3] >= 100;
    return d;
  }
  def(SEG.prototype, 'segment', { segment(string) {
    var s = slots(this, 'Segmenter', 'segment'), str = toStr(string);
    var segs = Object.create(SegmentsProto);
    var ss = segs[S] = newSlots('Segments');
    ss.str = str; ss.gran = s.granularity;
    ss.b = N.segment(s.locale, ['grapheme', 'word', 'sentence'].indexOf(s.granularity), str);
    return segs;
  } }.segment, 1);
  def(SegmentsProto, 'containing', { containing(index) {
    var seg = slots(this, 'Segments', 'containing'), n = cc.toIntegerOrInfinity(index);
    if (n < 0 || n >= seg.str.length) return undefined;
    var b = seg.b, lo = 0, hi = b.length / 2 - 1;
    while (lo + 1 < hi) { var mid = (lo + hi) >> 1; if (b[2 * mid] <= n) lo = mid; else hi = mid; }
    return segmentData(seg, lo);
  } }.containing, 1);
  def(SegmentsProto, Symbol.iterator, function () {
    var seg = slots(this, 'Segments', '[Symbol.iterator]'), it = Object.create(SegIterProto);
    var st = it[S] = newSlots('SegmentIterator');
    st.seg = seg; st.i = 0;
    return it;
  }, 0);
  def(SegIterProto, 'next', { next() {
    var st = slots(this, 'SegmentIterator', 'next'), seg = st.seg;
    if (st.i >= seg.b.length / 2 - 1) return { value: undefined, done: true };
    return { value: segmentData(seg, st.i++), done: false };
  } }.next, 0);
  Object.defineProperty(SegIterProto, Symbol.toStringTag, { value: 'Segmenter String Iterator', configurable: true });
  def(SEG.prototype, 'resolvedOptions', { resolvedOptions() {
    var s = slots(this, 'Segmenter', 'resolvedOptions');
    return { locale: s.locale, granularity: s.granularity };
  } }.resolvedOptions, 0);

  /* ---- Locale ---- */
  function parseTag(tag) {
    var p = tag.split('-'), o = { language: p[0], script: undefined, region: undefined, variants: [], rest: '' }, i = 1;
    if (i < p.length && p[i].length === 4 && ALPHA.test(p[i])) o.script = p[i++];
    if (i < p.length && isRegion(p[i])) o.region = p[i++];
    while (i < p.length && p[i].length > 1) o.variants.push(p[i++]);
    o.rest = p.slice(i).join('-');
    return o;
  }
  function buildTag(o) {
    return [o.language, o.script, o.region].concat(o.variants).filter(function (x) { return x; }).join('-') + (o.rest ? '-' + o.rest : '');
  }
  var LOC_KEYS = [['calendar', 'ca'], ['collation', 'co'], ['hourCycle', 'hc'], ['caseFirst', 'kf'], ['numeric', 'kn'], ['numberingSystem', 'nu']];
  var LOC = makeCtor('Locale', 1, function (self, tag, options) {
    if (typeof tag !== 'string' && !isObject(tag)) throw new TypeError('First argument to Intl.Locale constructor can\'t be empty or missing');
    tag = isObject(tag) && tag[S] && tag[S].kind === 'Locale' ? tag[S].tag : toStr(tag);
    options = coerceOptions(options);
    if (!wellFormed(tag)) throw rangeErr('Incorrect locale information provided');
    var o = parseTag(tag), v, C = 'Locale';
    v = getOption(options, 'language', 'string', undefined, undefined, C);
    if (v !== undefined) { if (!isLanguage(v) || v.length === 4) throw rangeErr('Incorrect locale information provided'); o.language = v; }
    v = getOption(options, 'script', 'string', undefined, undefined, C);
    if (v !== undefined) { if (!isScript(v)) throw rangeErr('Incorrect locale information provided'); o.script = v; }
    v = getOption(options, 'region', 'string', undefined, undefined, C);
    if (v !== undefined) { if (!isRegion(v)) throw rangeErr('Incorrect locale information provided'); o.region = v; }
    var t = canonicalize(buildTag(o)), kw = {};
    var vals = {
      ca: getOption(options, 'calendar', 'string', undefined, undefined, C),
      co: getOption(options, 'collation', 'string', undefined, undefined, C),
      hc: getOption(options, 'hourCycle', 'string', ['h11', 'h12', 'h23', 'h24'], undefined, C),
      kf: getOption(options, 'caseFirst', 'string', ['upper', 'lower', 'false'], undefined, C),
      kn: getOption(options, 'numeric', 'boolean', undefined, undefined, C),
      nu: getOption(options, 'numberingSystem', 'string', undefined, undefined, C) };
    if (vals.ca !== undefined && !isType(vals.ca)) throw rangeErr('Incorrect locale information provided');
    if (vals.co !== undefined && !isType(vals.co)) throw rangeErr('Incorrect locale information provided');
    if (vals.nu !== undefined && !isType(vals.nu)) throw rangeErr('Incorrect locale information provided');
    if (vals.kn !== undefined) vals.kn = String(vals.kn);
    var add = '';
    for (var k in vals) if (vals[k] !== undefined) add += '-' + k + (vals[k] === 'true' ? '' : '-' + vals[k]);
    if (add) {
      var m = /-u((?:-[a-z0-9]{2,8})*)/.exec(t);
      if (m) {
        var existing = unicodeKeywords(t);
        for (var k2 in vals) if (vals[k2] !== undefined) existing[k2] = vals[k2];
        var ks = '';
        var order = Object.keys(existing).sort();
        for (var q = 0; q < order.length; q++) ks += '-' + order[q] + (existing[order[q]] === 'true' ? '' : '-' + existing[order[q]]);
        t = t.replace(/-u(-[a-z0-9]{2,8})+/, '-u' + ks);
      } else {
        var xi = t.search(/-x-/);
        t = xi >= 0 ? t.slice(0, xi) + '-u' + add + t.slice(xi) : t + '-u' + add;
      }
      t = canonicalize(t);
    }
    kw = unicodeKeywords(t);
    var ls = self[S] = newSlots('Locale');
    ls.tag = t; ls.kw = kw; ls.parts = parseTag(t.replace(/-[a-z0-9](-.*)?$/i, ''));
  });
  def(LOC.prototype, 'toString', { toString() { return slots(this, 'Locale', 'toString').tag; } }.toString, 0);
  def(LOC.prototype, 'maximize', { maximize() { return new LOC(likely(slots(this, 'Locale', 'maximize').tag, true)); } }.maximize, 0);
  def(LOC.prototype, 'minimize', { minimize() { return new LOC(likely(slots(this, 'Locale', 'minimize').tag, false)); } }.minimize, 0);
  function likely(tag, max) {
    var base = tag.replace(/-[a-z0-9](-.*)?$/i, ''), ext = tag.slice(base.length);
    return N.likely(base, max) + ext;
  }
  getter(LOC.prototype, 'baseName', function () { var p = slots(this, 'Locale', 'baseName').parts; return buildTag({ language: p.language, script: p.script, region: p.region, variants: p.variants }); });
  getter(LOC.prototype, 'language', function () { return slots(this, 'Locale', 'language').parts.language; });
  getter(LOC.prototype, 'script', function () { return slots(this, 'Locale', 'script').parts.script; });
  getter(LOC.prototype, 'region', function () { return slots(this, 'Locale', 'region').parts.region; });
  LOC_KEYS.forEach(function (e) {
    getter(LOC.prototype, e[0], function () {
      var v = slots(this, 'Locale', e[0]).kw[e[1]];
      if (e[1] === 'kn') return v === undefined ? false : v === 'true' || v === '';
      return v;
    });
  });

  /* ---- DisplayNames ---- */
  var DN_TYPES = ['language', 'region', 'script', 'currency', 'calendar', 'dateTimeField'];
  var DN = makeCtor('DisplayNames', 2, function (self, locales, options) {
    var requested = canonicalizeLocaleList(locales), C = 'DisplayNames';
    if (options === undefined) throw new TypeError('invalid_argument');
    if (!isObject(options)) throw new TypeError('options is not an object');
    var s = newSlots('DisplayNames');
    getOption(options, 'localeMatcher', 'string', ['lookup', 'best fit'], 'best fit', C);
    s.locale = resolveLocale(requested, {}, [], {}).locale;
    s.style = getOption(options, 'style', 'string', ['narrow', 'short', 'long'], 'long', C);
    s.type = getOption(options, 'type', 'string', DN_TYPES, undefined, C);
    if (s.type === undefined) throw new TypeError('invalid_argument');
    s.fallback = getOption(options, 'fallback', 'string', ['code', 'none'], 'code', C);
    var ld = getOption(options, 'languageDisplay', 'string', ['dialect', 'standard'], 'dialect', C);
    if (s.type === 'language') s.languageDisplay = ld;
    self[S] = s;
  });
  def(DN.prototype, 'of', { of(code) {
    var s = slots(this, 'DisplayNames', 'of'), c = toStr(code), t = s.type, bad = false;
    if (t === 'language') {
      bad = !wellFormed(c) || /-[a-z0-9]-/i.test(c + '-') || !isLanguage(c.split('-')[0]);
      if (!bad) c = canonicalize(c);
    } else if (t === 'region') bad = !isRegion(c); /* V8 passes the case as given: "de" has no name */
    else if (t === 'script') bad = !isScript(c);
    else if (t === 'currency') { bad = !CURRENCY_RE.test(c); c = c.toUpperCase(); }
    else if (t === 'calendar') { bad = !isType(c) || /_/.test(c); c = c.toLowerCase(); }
    else bad = ['era', 'year', 'quarter', 'month', 'weekOfYear', 'weekday', 'day', 'dayPeriod', 'hour', 'minute', 'second', 'timeZoneName'].indexOf(c) < 0;
    if (bad) throw rangeErr('invalid_argument');
    var key = t === 'calendar' && c === 'gregory' ? 'gregorian' : c;
    var name = N.dispName(s.locale, DN_TYPES.indexOf(t), t === 'language' ? c.replace(/-/g, '_') : key, ['long', 'short', 'narrow'].indexOf(s.style), s.languageDisplay !== 'standard');
    if (name === key || name === c || name === c.replace(/-/g, '_')) return s.fallback === 'none' ? undefined : c;
    return name;
  } }.of, 1);
  def(DN.prototype, 'resolvedOptions', { resolvedOptions() {
    var s = slots(this, 'DisplayNames', 'resolvedOptions');
    var o = { locale: s.locale, style: s.style, type: s.type, fallback: s.fallback };
    if (s.languageDisplay !== undefined) put(o, 'languageDisplay', s.languageDisplay);
    return o;
  } }.resolvedOptions, 0);

  /* ---- Intl object ---- */
  var COLLATIONS = ['compat', 'emoji', 'eor', 'phonebk', 'pinyin', 'stroke', 'trad', 'unihan', 'zhuyin'];
  var valuesCache = {};
  def(Intl, 'supportedValuesOf', { supportedValuesOf(key) {
    key = toStr(key);
    var v;
    if (key === 'calendar') v = CA.slice();
    else if (key === 'collation') v = COLLATIONS.slice();
    else if (key === 'numberingSystem') v = NU.slice();
    else if (key === 'unit') v = UNITS.slice();
    else if (key === 'currency') v = (valuesCache.c || (valuesCache.c = N.values(0))).slice();
    else if (key === 'timeZone') v = (valuesCache.t || (valuesCache.t = N.values(1))).slice(); /* as V8: locations only, no UTC */
    else throw rangeErr('Invalid key : ' + key);
    return v.sort();
  } }.supportedValuesOf, 1);

  def(Intl, 'getCanonicalLocales', { getCanonicalLocales(locales) { return canonicalizeLocaleList(locales); } }.getCanonicalLocales, 1);

  /* ---- locale-sensitive methods of other built-ins ---- */
  var defaultNF, defaultDTF = {}, defaultCol;
  /* localeCompare(b, 'de') in a sort comparator: one Collator per locale
   * string, not one per comparison. Unobservable: with no options object
   * and a string tag, construction reads nothing of the program's. Bounded:
   * emptied when it holds COL_BY_TAG_MAX tags. */
  var COL_BY_TAG_MAX = 16, colByTag = Object.create(null), colByTagCount = 0;
  var impl = {
    numberToLocaleString: function (x, locales, options) {
      if (locales === undefined && options === undefined) {
        if (!defaultNF) defaultNF = new NF();
        return formatNumber(defaultNF[S], x, false);
      }
      return formatNumber(new NF(locales, options)[S], x, false);
    },
    dateToLocale: function (t, locales, options, required, defaults) {
      if (t !== t) return 'Invalid Date';
      var self;
      if (locales === undefined && options === undefined) {
        self = defaultDTF[required + defaults];
        if (!self) { self = defaultDTF[required + defaults] = Object.create(DTF.prototype); initDateTimeFormat(self, undefined, undefined, required, defaults); }
      } else {
        self = Object.create(DTF.prototype);
        initDateTimeFormat(self, locales, options, required, defaults);
      }
      return formatDate(self[S], t, false);
    },
    localeCompare: function (a, b, locales, options) {
      if (locales === undefined && options === undefined) {
        if (!defaultCol) defaultCol = new COL();
        var s = defaultCol[S]; /* a and b are strings already (intl-lazy.js) */
        return N.collate(s.icu, s.sens, s.ignorePunctuation, s.numeric, s.cf, a, b);
      }
      if (options === undefined && typeof locales === 'string') {
        var c = colByTag[locales];
        if (!c) {
          c = new COL(locales);
          if (colByTagCount >= COL_BY_TAG_MAX) { colByTag = Object.create(null); colByTagCount = 0; }
          colByTag[locales] = c;
          colByTagCount++;
        }
        return compare(c[S], a, b);
      }
      return compare(new COL(locales, options)[S], a, b);
    },
    normalize: function (s, form) {
      return N.normalize(s, ['NFC', 'NFD', 'NFKC', 'NFKD'].indexOf(form));
    },
    caseMap: function (s, locales, upper) {
      var req = canonicalizeLocaleList(locales), loc = req.length ? removeExtensions(req[0]) : defaultLocale();
      return N.casemap(s, loc, upper);
    }
  };
  /* The template guest's warm-up (intl-lazy.js, cc.intlPreload), before it
   * has a run: the numbers and the collation a program most often asks
   * for, in en-US, so that ICU's data and caches and this file's and
   * intl.c's hold them in the heap every run copies. Not a date: ICU's
   * date-time pattern generator, which every date format opens, is large,
   * and the template's heap must stay within the huge page each run copies
   * with room there for the run's own first allocations (guest/heapown.h;
   * tests/serve checks the first half). Explicit locale only: the
   * defaults are the run's (its start frame), and reading them here would
   * check and keep the template's instead. */
  impl.warm = function () {
    new NF('en-US', { style: 'currency', currency: 'USD' }).format(1234.5);
    new NF('en-US').format(1234.5);
    new NF('en-US', { style: 'percent' }).format(0.25);
    new COL('en-US').compare('a', 'b');
    if (defaultsChecked.locale || defaultsChecked.timeZone) throw new Error('Intl warm-up read the run defaults');
  };
  hook.setImpl(impl);

  Object.defineProperty(G, 'Intl', { value: Intl, writable: true, enumerable: false, configurable: true });
}(this));
