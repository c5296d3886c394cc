/*
 * string.js: ES2017-ES2022 String methods Duktape 2.7 lacks (padStart/padEnd,
 * trimStart/trimEnd, at, replaceAll, matchAll, normalize, String.raw,
 * isWellFormed/toWellFormed).
 * Runs in: guest prelude (trusted bytecode). Input: values from untrusted user code.
 *
 * normalize() here only validates the form and returns the string: it is the
 * fallback under plain `duk`. In the guest, intl-lazy.js replaces it with
 * ICU's normalisation (docs/RUNTIME.md, "Intl").
 */
(function (G) {
  'use strict';
  var cc = G.__cc;
  var def = cc.defMissing;
  var SP = String.prototype;

  var toStr = cc.toStr;
  function thisStr(o, what) {
    if (o === null || o === undefined) throw new TypeError('String.prototype.' + what + ' called on null or undefined');
    return toStr(o);
  }

  function pad(s, maxLength, fill, atStart) {
    var len = cc.toLength(maxLength);
    if (len <= s.length) return s;
    var filler = fill === undefined ? ' ' : toStr(fill);
    if (filler === '') return s;
    var n = len - s.length, reps = Math.ceil(n / filler.length);
    var f = filler.repeat(reps).slice(0, n);
    return atStart ? f + s : s + f;
  }
  /* ES2024 isWellFormed / toWellFormed: lone surrogates, and U+FFFD for them. */
  function wellFormed(s, fix) {
    var out = fix ? '' : null, from = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0xd800 || c > 0xdfff) continue;
      if (c <= 0xdbff && i + 1 < s.length) {
        var d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { i++; continue; }
      }
      if (!fix) return false;
      out += s.slice(from, i) + '\ufffd';
      from = i + 1;
    }
    return fix ? out + s.slice(from) : true;
  }
  def(SP, 'isWellFormed', { isWellFormed() { return wellFormed(thisStr(this, 'isWellFormed'), false); } }.isWellFormed, 0);
  def(SP, 'toWellFormed', { toWellFormed() { return wellFormed(thisStr(this, 'toWellFormed'), true); } }.toWellFormed, 0);
  cc.wellFormed = wellFormed;

  def(SP, 'padStart', { padStart(maxLength, fillString) { return pad(thisStr(this, 'padStart'), maxLength, fillString, true); } }.padStart, 1);
  def(SP, 'padEnd', { padEnd(maxLength, fillString) { return pad(thisStr(this, 'padEnd'), maxLength, fillString, false); } }.padEnd, 1);

  /* ES WhiteSpace + LineTerminator, as String.prototype.trim uses. */
  var WS = '[\\u0009\\u000A\\u000B\\u000C\\u000D\\u0020\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]';
  var leading = new RegExp('^' + WS + '+'), trailing = new RegExp(WS + '+$');
  var trimStart = def(SP, 'trimStart', { trimStart() { return thisStr(this, 'trimStart').replace(leading, ''); } }.trimStart, 0);
  var trimEnd = def(SP, 'trimEnd', { trimEnd() { return thisStr(this, 'trimEnd').replace(trailing, ''); } }.trimEnd, 0);
  if (!Object.prototype.hasOwnProperty.call(SP, 'trimLeft')) Object.defineProperty(SP, 'trimLeft', { value: trimStart, writable: true, configurable: true });
  if (!Object.prototype.hasOwnProperty.call(SP, 'trimRight')) Object.defineProperty(SP, 'trimRight', { value: trimEnd, writable: true, configurable: true });

  def(SP, 'at', { at(index) {
    var s = thisStr(this, 'at'), k = cc.toIntegerOrInfinity(index);
    if (k < 0) k += s.length;
    return (k < 0 || k >= s.length) ? undefined : s.charAt(k);
  } }.at, 1);

  /* IsRegExp: Symbol.match decides when present, else [[RegExpMatcher]]. */
  function isRegExp(x) {
    if (!cc.isObject(x)) return false;
    var m = x[Symbol.match];
    if (m !== undefined) return !!m;
    return Object.prototype.toString.call(x) === '[object RegExp]';
  }
  /* The `flags` check replaceAll and matchAll make on a RegExp argument. */
  function requireGlobal(re, what) {
    var flags = re.flags;
    if (flags === null || flags === undefined) throw new TypeError(what + ': RegExp flags is ' + flags);
    if (toStr(flags).indexOf('g') < 0) throw new TypeError(what + ' called with a non-global RegExp argument');
  }

  /* GetSubstitution for a string pattern: $$, $&, $`, $' (no captures). */
  function substitute(matched, str, position, replacement) {
    if (replacement.indexOf('$') < 0) return replacement;
    return replacement.replace(/\$([$&`']|<)/g, function (m, c) {
      if (c === '$') return '$';
      if (c === '&') return matched;
      if (c === '`') return str.slice(0, position);
      if (c === "'") return str.slice(position + matched.length);
      return m;
    });
  }

  def(SP, 'replaceAll', { replaceAll(searchValue, replaceValue) {
    if (this === null || this === undefined) throw new TypeError('String.prototype.replaceAll called on null or undefined');
    /* Only an object is asked for @@replace (ES2024: primitives' prototypes are not consulted). */
    if (cc.isObject(searchValue)) {
      if (isRegExp(searchValue)) requireGlobal(searchValue, 'String.prototype.replaceAll');
      var replacer = searchValue[Symbol.replace];
      if (replacer !== undefined && replacer !== null) return cc.requireCallable(replacer).call(searchValue, this, replaceValue);
      /* Duktape's RegExp has no @@replace: its native replace is the equivalent. */
      if (Object.prototype.toString.call(searchValue) === '[object RegExp]') return toStr(this).replace(searchValue, replaceValue);
    }
    var s = toStr(this), search = toStr(searchValue), fn = typeof replaceValue === 'function';
    var rep = fn ? null : toStr(replaceValue);
    var adv = Math.max(1, search.length), positions = [], p = s.indexOf(search, 0);
    while (p !== -1) {
      positions.push(p);
      /* indexOf clamps fromIndex to the length; StringIndexOf does not */
      if (p + adv > s.length) break;
      p = s.indexOf(search, p + adv);
    }
    var end = 0, out = '', i;
    for (i = 0; i < positions.length; i++) {
      p = positions[i];
      out += s.slice(end, p) + (fn ? toStr(replaceValue(search, p, s)) : substitute(search, s, p, rep));
      end = p + search.length;
    }
    return end < s.length ? out + s.slice(end) : out;
  } }.replaceAll, 2);

  /* RegExpExec(R, S): a user `exec` is called and must return an object or null. */
  var nativeExec = RegExp.prototype.exec;
  function regExpExec(R, S) {
    var exec = R.exec;
    if (typeof exec === 'function') {
      var r = exec.call(R, S);
      if (r !== null && !cc.isObject(r)) throw new TypeError('exec result must be an object or null');
      return r;
    }
    return nativeExec.call(R, S);
  }
  cc.regExpExec = regExpExec;

  /* %RegExpStringIteratorPrototype% */
  var S_RE = cc.hidden('IteratingRegExp');
  var S_STR = cc.hidden('IteratedString');
  var S_GLOBAL = cc.hidden('Global');
  var RSIP = Object.create(cc.IteratorPrototype);
  cc.def(RSIP, 'next', { next() {
    if (!cc.isObject(this) || this[S_RE] === undefined) throw new TypeError('next method called on incompatible receiver');
    var re = this[S_RE];
    if (re === null) return { value: undefined, done: true };
    var s = this[S_STR], m = regExpExec(re, s);
    if (m === null) { this[S_RE] = null; return { value: undefined, done: true }; }
    if (!this[S_GLOBAL]) { this[S_RE] = null; return { value: m, done: false }; }
    if (toStr(m[0]) === '') re.lastIndex = cc.toLength(re.lastIndex) + 1;
    return { value: m, done: false };
  } }.next, 0);
  Object.defineProperty(RSIP, Symbol.toStringTag, { value: 'RegExp String Iterator', configurable: true });

  def(SP, 'matchAll', { matchAll(regexp) {
    if (this === null || this === undefined) throw new TypeError('String.prototype.matchAll called on null or undefined');
    if (cc.isObject(regexp)) {
      if (isRegExp(regexp)) requireGlobal(regexp, 'String.prototype.matchAll');
      var matcher = regexp[Symbol.matchAll];
      if (matcher !== undefined && matcher !== null) return cc.requireCallable(matcher).call(regexp, this);
    }
    var s = toStr(this), rx = new RegExp(regexp === undefined ? '(?:)' : regexp, 'g');
    return rx[Symbol.matchAll](s);
  } }.matchAll, 1);

  /* RegExp.prototype[@@matchAll] (ES2020): a clone made through the species
   * constructor with the same flags and lastIndex, iterated by
   * %RegExpStringIteratorPrototype%. */
  if (typeof RegExp.prototype[Symbol.matchAll] !== 'function') {
    cc.def(RegExp.prototype, Symbol.matchAll, { m(string) {
      if (!cc.isObject(this)) throw new TypeError('RegExp.prototype[Symbol.matchAll] called on non-object');
      var s = toStr(string), C = cc.speciesConstructor(this, RegExp), flags = toStr(this.flags);
      var matcher = C === RegExp ? new RegExp(this.source, flags.replace(/[^gim]/g, '')) : new C(this, flags);
      matcher.lastIndex = cc.toLength(this.lastIndex);
      var it = Object.create(RSIP);
      it[S_RE] = matcher; it[S_STR] = s; it[S_GLOBAL] = flags.indexOf('g') >= 0;
      return it;
    } }.m, 1);
  }

  def(SP, 'normalize', { normalize(form) {
    var s = thisStr(this, 'normalize');
    var f = form === undefined ? 'NFC' : toStr(form);
    if (f !== 'NFC' && f !== 'NFD' && f !== 'NFKC' && f !== 'NFKD') throw new RangeError('The normalization form should be one of NFC, NFD, NFKC, NFKD.');
    return s;
  } }.normalize, 0);

  def(String, 'raw', { raw(template) {
    var cooked = cc.toObject(template), r = cc.toObject(cooked.raw), len = cc.toLength(r.length), out = '', i;
    for (i = 0; i < len; i++) {
      out += toStr(r[i]);
      if (i + 1 < len && i + 1 < arguments.length) out += toStr(arguments[i + 1]);
    }
    return out;
  } }.raw, 1);

  /* Duktape's RegExp objects have no `flags` accessor (ES2015). */
  if (!Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags')) {
    cc.defGetter(RegExp.prototype, 'flags', function () {
      if (!cc.isObject(this)) throw new TypeError('RegExp.prototype.flags getter called on non-object');
      return (this.global ? 'g' : '') + (this.ignoreCase ? 'i' : '') + (this.multiline ? 'm' : '') +
        (this.dotAll ? 's' : '') + (this.unicode ? 'u' : '') + (this.sticky ? 'y' : '');
    });
  }

  /* String.fromCharCode: Duktape applies ToUint32, not ToUint16, to its
   * arguments (fromCharCode(-1) must be U+FFFF). */
  var nativeFromCharCode = String.fromCharCode;
  if (nativeFromCharCode(-1).charCodeAt(0) !== 0xFFFF) {
    cc.def(String, 'fromCharCode', { fromCharCode(codeUnits) {
      var n = arguments.length, a = new Array(n), i;
      for (i = 0; i < n; i++) a[i] = (+arguments[i]) & 0xFFFF;
      return nativeFromCharCode.apply(String, a);
    } }.fromCharCode, 1);
  }
}(this));
