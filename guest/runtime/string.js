/*
 * string.js: ES2017-ES2022 String methods Duktape 2.7 lacks (padStart/padEnd,
 * trimStart/trimEnd, at, replaceAll, matchAll, normalize, String.raw).
 * Runs in: guest prelude (trusted bytecode). Input: values from untrusted user code.
 *
 * normalize(): Duktape has no Unicode normalisation tables and shipping them
 * would cost ~100 KB of prelude; strings that are already in every form
 * (all code units < U+0300 for NFC/NFD is not enough, so only ASCII, plus
 * Latin-1 for NFC) are returned as is, anything else is returned unchanged
 * too (documented as a known gap in docs/RUNTIME.md). Forms are validated.
 */
(function (G) {
  'use strict';
  var cc = G.__cc;
  var def = cc.defMissing;
  var SP = String.prototype;

  function thisStr(o, what) {
    if (o === null || o === undefined) throw new TypeError('String.prototype.' + what + ' called on null or undefined');
    return String(o);
  }

  function pad(s, maxLength, fill, atStart) {
    var len = cc.toLength(maxLength);
    if (len <= s.length) return s;
    var filler = fill === undefined ? ' ' : String(fill);
    if (filler === '') return s;
    var n = len - s.length, reps = Math.ceil(n / filler.length);
    var f = filler.repeat(reps).slice(0, n);
    return atStart ? f + s : s + f;
  }
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

  function isRegExp(x) { return cc.isObject(x) && Object.prototype.toString.call(x) === '[object RegExp]'; }
  function flagsOf(re) { return (re.global ? 'g' : '') + (re.ignoreCase ? 'i' : '') + (re.multiline ? 'm' : ''); }

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
    if (isRegExp(searchValue)) {
      if (!searchValue.global) throw new TypeError('replaceAll must be called with a global RegExp');
      return String(this).replace(searchValue, replaceValue);
    }
    var s = String(this), search = String(searchValue), fn = typeof replaceValue === 'function';
    var rep = fn ? null : String(replaceValue);
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
      out += s.slice(end, p) + (fn ? String(replaceValue(search, p, s)) : substitute(search, s, p, rep));
      end = p + search.length;
    }
    return end < s.length ? out + s.slice(end) : out;
  } }.replaceAll, 2);

  /* %RegExpStringIteratorPrototype% */
  var S_RE = cc.hidden('IteratingRegExp');
  var S_STR = cc.hidden('IteratedString');
  var RSIP = Object.create(cc.IteratorPrototype);
  cc.def(RSIP, 'next', { next() {
    if (!cc.isObject(this) || this[S_RE] === undefined) throw new TypeError('next method called on incompatible receiver');
    var re = this[S_RE];
    if (re === null) return { value: undefined, done: true };
    var s = this[S_STR], m = re.exec(s);
    if (m === null) { this[S_RE] = null; return { value: undefined, done: true }; }
    if (!re.global) { this[S_RE] = null; return { value: m, done: false }; }
    if (String(m[0]) === '') re.lastIndex = cc.toLength(re.lastIndex) + 1;
    return { value: m, done: false };
  } }.next, 0);
  Object.defineProperty(RSIP, Symbol.toStringTag, { value: 'RegExp String Iterator', configurable: true });

  def(SP, 'matchAll', { matchAll(regexp) {
    if (this === null || this === undefined) throw new TypeError('String.prototype.matchAll called on null or undefined');
    var re;
    if (isRegExp(regexp)) {
      if (!regexp.global) throw new TypeError('String.prototype.matchAll called with a non-global RegExp argument');
      re = new RegExp(regexp.source, flagsOf(regexp));
      re.lastIndex = regexp.lastIndex;
    } else {
      re = new RegExp(regexp === undefined ? '(?:)' : regexp, 'g');
    }
    var it = Object.create(RSIP);
    it[S_RE] = re; it[S_STR] = String(this);
    return it;
  } }.matchAll, 1);

  def(SP, 'normalize', { normalize(form) {
    var s = thisStr(this, 'normalize');
    var f = form === undefined ? 'NFC' : String(form);
    if (f !== 'NFC' && f !== 'NFD' && f !== 'NFKC' && f !== 'NFKD') throw new RangeError('The normalization form should be one of NFC, NFD, NFKC, NFKD.');
    return s;
  } }.normalize, 0);

  def(String, 'raw', { raw(template) {
    var cooked = cc.toObject(template), r = cc.toObject(cooked.raw), len = cc.toLength(r.length), out = '', i;
    for (i = 0; i < len; i++) {
      out += String(r[i]);
      if (i + 1 < len && i + 1 < arguments.length) out += String(arguments[i + 1]);
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
}(this));
