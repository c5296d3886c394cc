/*
 * regexp.js: the ES2023 RegExp built-in on the guest's own engine
 * (guest/regexp, natives __cc.re* in guest/regexp/native.c), replacing
 * Duktape 2.7's ES5 RegExp: named groups, lookbehind, flags dgimsuy,
 * \p{...}, Unicode case folding, lastIndex/sticky, the Symbol.match/
 * matchAll/replace/search/split protocol and the String methods that
 * dispatch to it. See docs/REGEXP.md.
 * Runs in: guest prelude (trusted bytecode). Input: patterns, flags and
 * strings from untrusted user code.
 *
 * Under plain `duk` (no natives) the file does nothing: Duktape's RegExp stays.
 * RegExp objects the runtime library made from its own ES5 literals before
 * this file ran are Duktape's; the String methods pass those to the natives.
 */
(function (G) {
  'use strict';
  var cc = G.__cc;
  if (!cc || typeof cc.reCompile !== 'function') return;
  var reCompile = cc.reCompile, reMatch = cc.reMatch, reBuiltinExec = cc.reBuiltinExec;
  var reReplaceAll = cc.reReplaceAll, reMatchAll = cc.reMatchAll, reSplit = cc.reSplit, reReplaceFn = cc.reReplaceFn;
  var reCaptures = cc.reCaptures;
  var def = cc.def, toStr = cc.toStr, isObject = cc.isObject, toLength = cc.toLength;
  var NativeRegExp = G.RegExp, NRP = NativeRegExp.prototype;
  var SP = String.prototype;
  var nativeReplace = SP.replace, nativeMatch = SP.match, nativeSearch = SP.search, nativeSplit = SP.split;
  var hasOwn = Object.prototype.hasOwnProperty, defineProp = Object.defineProperty;
  /* Internal slots: Duktape hidden keys (base.js cc.hidden, made in C by
   * guest/rtnative.c: "\xFF" + name; the natives read RegExpMatcher,
   * GroupNames and FlagBits under the same names). */
  var slot = cc.hidden;
  var S_PROG = slot('RegExpMatcher'), S_SRC = slot('OriginalSource');
  var S_FLAGS = slot('OriginalFlags'), S_NAMES = slot('GroupNames');
  var S_FAST = slot('NonStickyMatcher'), S_KIND = slot('FlagBits'), S_BUF = slot('CaptureBuffer');
  var S_RE = slot('IteratingRegExp'), S_STR = slot('IteratedString');
  var S_GLOBAL = slot('Global'), S_UNI = slot('Unicode');
  var K_G = 1, K_Y = 2, K_D = 4, K_U = 8;
  function kindOf(F) {
    return (F.indexOf('g') >= 0 ? K_G : 0) | (F.indexOf('y') >= 0 ? K_Y : 0) | (F.indexOf('d') >= 0 ? K_D : 0) |
      (F.indexOf('u') >= 0 || F.indexOf('v') >= 0 ? K_U : 0);
  }
  /* The Int32Array reMatch fills for R's program. */
  function capBuf(R) {
    var b = R[S_BUF];
    if (b === undefined) b = R[S_BUF] = new Int32Array(2 * reCaptures(R));
    return b;
  }

  function isNative(x) { return x instanceof NativeRegExp; }
  function hasMatcher(x) { return isObject(x) && x[S_PROG] !== undefined; }

  /* IsRegExp(argument) */
  function isRegExp(x) {
    if (!isObject(x)) return false;
    var m = x[Symbol.match];
    if (m !== undefined) return !!m;
    return hasMatcher(x) || isNative(x);
  }

  /* RegExpInitialize(obj, pattern, flags) */
  function initialize(obj, pattern, flags) {
    var P = pattern === undefined ? '' : toStr(pattern);
    var F = flags === undefined ? '' : toStr(flags);
    /* The native stores the program and group names in obj's slots: no
     * program ever passes through JS values a user could reach. */
    reCompile(obj, P, F, false);
    obj[S_SRC] = P;
    obj[S_FLAGS] = F;
    obj[S_KIND] = kindOf(F);
    obj[S_FAST] = undefined;
    obj[S_BUF] = undefined;
    obj.lastIndex = 0;
    return obj;
  }

  var LAST_INDEX = { value: 0, writable: true, enumerable: false, configurable: false };
  function alloc(proto) {
    var o = Object.create(proto);
    defineProp(o, 'lastIndex', LAST_INDEX);
    return o;
  }

  /* RegExp(pattern, flags): called or constructed (ES5 code has no
   * new.target: construction is `this` being a fresh RegExp-derived object). */
  var RegExp = function RegExp(pattern, flags) {
    var constructing = this instanceof RegExp && this[S_PROG] === undefined && !hasOwn.call(this, 'lastIndex');
    if (typeof pattern === 'string' && (typeof flags === 'string' || flags === undefined)) {
      return initialize(constructing ? (defineProp(this, 'lastIndex', LAST_INDEX), this) : alloc(RP), pattern, flags);
    }
    var patternIsRegExp = isRegExp(pattern);
    if (!constructing && patternIsRegExp && flags === undefined) {
      var pc = pattern.constructor;
      if (pc === RegExp) return pattern;
    }
    var P, F;
    if (hasMatcher(pattern)) {
      P = pattern[S_SRC];
      F = flags === undefined ? pattern[S_FLAGS] : flags;
    } else if (isNative(pattern)) {
      P = pattern.source;
      F = flags === undefined ? (pattern.global ? 'g' : '') + (pattern.ignoreCase ? 'i' : '') + (pattern.multiline ? 'm' : '') : flags;
    } else if (patternIsRegExp) {
      P = pattern.source;
      F = flags === undefined ? pattern.flags : flags;
    } else {
      P = pattern;
      F = flags;
    }
    var o;
    if (constructing) {
      o = this;
      defineProp(o, 'lastIndex', LAST_INDEX);
    } else {
      o = alloc(RP);
    }
    return initialize(o, P, F);
  };
  var RP = RegExp.prototype;
  Object.defineProperty(RegExp, 'prototype', { writable: false, enumerable: false, configurable: false });
  Object.defineProperty(RP, 'constructor', { value: RegExp, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(RegExp, 'length', { value: 2, configurable: true });
  (function () {
    var d = Object.getOwnPropertyDescriptor(NativeRegExp, Symbol.species);
    if (d) Object.defineProperty(RegExp, Symbol.species, d);
  }());

  /* A literal in user code: the compiler prints `__cc.re("src", "flags")`. */
  var litCache = Object.create(null);
  cc.re = function (src, flags) {
    var key = flags + '/' + src, c = litCache[key], o = alloc(RP);
    if (c === undefined) {
      initialize(o, src, flags);
      litCache[key] = [o[S_PROG], o[S_NAMES], o[S_KIND]];
      return o;
    }
    o[S_PROG] = c[0]; o[S_SRC] = src; o[S_FLAGS] = flags; o[S_NAMES] = c[1]; o[S_KIND] = c[2];
    return o;
  };

  function thisMatcher(o, what) {
    if (!hasMatcher(o)) throw new TypeError('RegExp.prototype.' + what + ' requires that \'this\' be a RegExp object');
    return o;
  }

  /* Flag accessors: undefined on %RegExp.prototype% itself. */
  function flagGetter(name, ch) {
    var g = { get m() {
      if (!isObject(this)) throw new TypeError('RegExp.prototype.' + name + ' getter called on non-object ' + cc.describe(this));
      if (!hasMatcher(this)) {
        if (this === RP) return undefined;
        throw new TypeError('RegExp.prototype.' + name + ' getter called on non-RegExp object');
      }
      return this[S_FLAGS].indexOf(ch) >= 0;
    } };
    cc.defGetter(RP, name, Object.getOwnPropertyDescriptor(g, 'm').get);
  }
  flagGetter('dotAll', 's');
  var flagsGetter = { get m() {
    if (!isObject(this)) throw new TypeError('RegExp.prototype.flags getter called on non-object ' + cc.describe(this));
    var r = '';
    if (this.hasIndices) r += 'd';
    if (this.global) r += 'g';
    if (this.ignoreCase) r += 'i';
    if (this.multiline) r += 'm';
    if (this.dotAll) r += 's';
    if (this.unicode) r += 'u';
    if (this.unicodeSets) r += 'v';
    if (this.sticky) r += 'y';
    return r;
  } };
  flagsGetter = Object.getOwnPropertyDescriptor(flagsGetter, 'm').get;
  cc.defGetter(RP, 'flags', flagsGetter);
  flagGetter('global', 'g');
  flagGetter('hasIndices', 'd');
  flagGetter('ignoreCase', 'i');
  flagGetter('multiline', 'm');

  /* EscapeRegExpPattern: `source` must re-parse as the same literal. */
  function escapePattern(P) {
    if (P === '') return '(?:)';
    if (P.indexOf('/') < 0 && P.indexOf('\n') < 0 && P.indexOf('\r') < 0 && P.indexOf('\u2028') < 0 &&
      P.indexOf('\u2029') < 0) return P;
    var out = '', inClass = false, i, c;
    for (i = 0; i < P.length; i++) {
      c = P.charAt(i);
      if (c === '\\') { out += c + (i + 1 < P.length ? P.charAt(++i) : ''); continue; }
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      if (c === '/' && !inClass) out += '\\/';
      else if (c === '\n') out += '\\n';
      else if (c === '\r') out += '\\r';
      else if (c === '\u2028') out += '\\u2028';
      else if (c === '\u2029') out += '\\u2029';
      else out += c;
    }
    return out;
  }
  var srcGetter = { get m() {
    if (!isObject(this)) throw new TypeError('RegExp.prototype.source getter called on non-object ' + cc.describe(this));
    if (!hasMatcher(this)) {
      if (this === RP) return '(?:)';
      throw new TypeError('RegExp.prototype.source getter called on non-RegExp object');
    }
    return escapePattern(this[S_SRC]);
  } };
  cc.defGetter(RP, 'source', Object.getOwnPropertyDescriptor(srcGetter, 'm').get);
  flagGetter('sticky', 'y');
  flagGetter('unicode', 'u');
  flagGetter('unicodeSets', 'v');

  /* [object RegExp] for our objects only (RegExp.prototype is an ordinary object). */
  var tagGetter = { get m() { return hasMatcher(this) ? 'RegExp' : undefined; } };
  Object.defineProperty(RP, Symbol.toStringTag, { get: Object.getOwnPropertyDescriptor(tagGetter, 'm').get, enumerable: false, configurable: true });

  /* RegExpBuiltinExec(R, S) is native (reBuiltinExec): it reads lastIndex,
   * runs the program, sets lastIndex and builds the result array. */

  var execFn = def(RP, 'exec', { exec(string) {
    thisMatcher(this, 'exec');
    return reBuiltinExec(this, toStr(string), false);
  } }.exec, 1);

  /* RegExpExec(R, S) */
  function regExpExec(R, S) {
    var exec = R.exec;
    if (typeof exec === 'function') {
      if (exec === execFn && R[S_PROG] !== undefined) return reBuiltinExec(R, S, false);
      var r = exec.call(R, S);
      if (r !== null && !isObject(r)) throw new TypeError('exec result must be an object or null');
      return r;
    }
    if (isNative(R)) return NRP.exec.call(R, S);
    thisMatcher(R, 'exec');
    return reBuiltinExec(R, S, false);
  }
  cc.regExpExec = regExpExec;

  def(RP, 'test', { test(S) {
    var R = this;
    if (!isObject(R)) throw new TypeError('RegExp.prototype.test called on incompatible receiver ' + cc.describe(R));
    var s = typeof S === 'string' ? S : toStr(S);
    if (R.exec === execFn && R[S_PROG] !== undefined) return reBuiltinExec(R, s, true);
    return regExpExec(R, s) !== null;
  } }.test, 1);

  def(RP, 'toString', { toString() {
    if (!isObject(this)) throw new TypeError('RegExp.prototype.toString called on incompatible receiver ' + cc.describe(this));
    return '/' + toStr(this.source) + '/' + toStr(this.flags);
  } }.toString, 0);

  def(RP, 'compile', { compile(pattern, flags) {
    thisMatcher(this, 'compile');
    var P = pattern, F = flags;
    if (hasMatcher(pattern)) {
      if (flags !== undefined) throw new TypeError('Cannot supply flags when constructing one RegExp from another');
      P = pattern[S_SRC]; F = pattern[S_FLAGS];
    }
    return initialize(this, P, F);
  } }.compile, 2);

  function advance(S, index, unicode) {
    if (!unicode || index + 1 >= S.length) return index + 1;
    var c = S.charCodeAt(index);
    if (c < 0xD800 || c > 0xDBFF) return index + 1;
    var d = S.charCodeAt(index + 1);
    return d >= 0xDC00 && d <= 0xDFFF ? index + 2 : index + 1;
  }

  /* The fast paths below skip the observable protocol steps only when
   * nothing observable was changed (rePristine, native: R is ours, on the
   * intrinsic prototype with the intrinsic exec, constructor, species and
   * flag getters, and lastIndex is a number). */
  var protoFlagGetters = ['flags', 'global', 'unicode', 'unicodeSets', 'hasIndices', 'sticky', 'ignoreCase', 'multiline', 'dotAll'];
  cc.reProtoInit(RP, execFn, RegExp, Object.getOwnPropertyDescriptor(RegExp, Symbol.species).get, protoFlagGetters,
    protoFlagGetters.map(function (k) { return Object.getOwnPropertyDescriptor(RP, k).get; }));
  delete cc.reProtoInit;
  var pristine = cc.rePristine, touched = cc.reTouched;
  /* Accessors can only be redefined through these: they tell the native
   * cache when the target is RegExp, its prototype or a RegExp. */
  function watch(o) {
    if (o === RP || o === RegExp) touched(o, false);
    else if (o !== null && typeof o === 'object' && o[S_PROG] !== undefined) touched(o, true);
  }
  var nativeDefineProperty = Object.defineProperty, nativeDefineProperties = Object.defineProperties;
  var nativeReflectDefine = Reflect.defineProperty;
  def(Object, 'defineProperty', { defineProperty(o, p, attributes) {
    watch(o);
    return nativeDefineProperty(o, p, attributes);
  } }.defineProperty, 3);
  def(Object, 'defineProperties', { defineProperties(o, properties) {
    watch(o);
    return nativeDefineProperties(o, properties);
  } }.defineProperties, 2);
  def(Reflect, 'defineProperty', { defineProperty(o, p, attributes) {
    watch(o);
    return nativeReflectDefine(o, p, attributes);
  } }.defineProperty, 3);
  ['__defineGetter__', '__defineSetter__'].forEach(function (k) {
    var f = Object.prototype[k];
    if (typeof f !== 'function') return;
    var w = { m(p, fn) {
      watch(this);
      return f.call(this, p, fn);
    } }.m;
    def(Object.prototype, k, w, 2);
  });

  def(RP, Symbol.match, { m(string) {
    var rx = this;
    if (!isObject(rx)) throw new TypeError('RegExp.prototype[Symbol.match] called on non-object');
    var S = toStr(string);
    if (pristine(rx)) {
      if (!(rx[S_KIND] & K_G)) return reBuiltinExec(rx, S, false);
      rx.lastIndex = 0;
      var all = reMatchAll(rx, S, (rx[S_KIND] & K_U) !== 0);
      rx.lastIndex = 0;
      return all;
    }
    var flags = toStr(rx.flags);
    if (flags.indexOf('g') < 0) return regExpExec(rx, S);
    var fullUnicode = flags.indexOf('u') >= 0 || flags.indexOf('v') >= 0;
    rx.lastIndex = 0;
    var A = [], n = 0, result;
    for (;;) {
      result = regExpExec(rx, S);
      if (result === null) return n === 0 ? null : A;
      var matchStr = toStr(result[0]);
      A[n++] = matchStr;
      if (matchStr === '') rx.lastIndex = advance(S, toLength(rx.lastIndex), fullUnicode);
    }
  } }.m, 1);

  /* GetSubstitution(matched, str, position, captures, namedCaptures, replacement) */
  function getSubstitution(matched, str, position, captures, namedCaptures, rep) {
    if (rep.indexOf('$') < 0) return rep;
    var out = '', m = captures.length, i = 0, len = rep.length, tailPos = Math.min(position + matched.length, str.length);
    /* Short templates: += on small strings is cheap; parts of the subject
     * ($`, $') can be large, so the result is joined once. */
    var parts = [];
    while (i < len) {
      var c = rep.charAt(i);
      if (c !== '$' || i + 1 >= len) { out += c; i++; continue; }
      var d = rep.charAt(i + 1);
      if (d === '$') { out += '$'; i += 2; }
      else if (d === '&') { out += matched; i += 2; }
      else if (d === '`') { parts.push(out, str.slice(0, position)); out = ''; i += 2; }
      else if (d === "'") { parts.push(out, str.slice(tailPos)); out = ''; i += 2; }
      else if (d >= '0' && d <= '9') {
        var one = +d, two = -1, e = rep.charAt(i + 2);
        if (e >= '0' && e <= '9') two = one * 10 + (+e);
        if (two >= 1 && two <= m) { var v2 = captures[two - 1]; out += v2 === undefined ? '' : v2; i += 3; }
        else if (one >= 1 && one <= m) { var v1 = captures[one - 1]; out += v1 === undefined ? '' : v1; i += 2; }
        else { out += '$'; i++; }
      } else if (d === '<') {
        var gt = namedCaptures === undefined ? -1 : rep.indexOf('>', i + 2);
        if (gt < 0) { out += '$<'; i += 2; }
        else {
          var cap = namedCaptures[rep.slice(i + 2, gt)];
          if (cap !== undefined) out += toStr(cap);
          i = gt + 1;
        }
      } else { out += '$'; i++; }
    }
    if (parts.length === 0) return out;
    parts.push(out);
    return parts.join('');
  }
  cc.getSubstitution = getSubstitution;

  def(RP, Symbol.replace, { r(string, replaceValue) {
    var rx = this;
    if (!isObject(rx)) throw new TypeError('RegExp.prototype[Symbol.replace] called on non-object');
    var S = toStr(string), lengthS = S.length, functional = typeof replaceValue === 'function';
    if (!functional) replaceValue = toStr(replaceValue);
    var isPristine = pristine(rx), flags = isPristine ? rx[S_FLAGS] : toStr(rx.flags);
    var global = flags.indexOf('g') >= 0, fullUnicode = false;
    if (global) {
      fullUnicode = flags.indexOf('u') >= 0 || flags.indexOf('v') >= 0;
      rx.lastIndex = 0;
    }
    var results = [], result, i, k;
    if (global && isPristine) {
      var out;
      if (!functional && replaceValue.indexOf('$') < 0) {
        out = reReplaceAll(rx, S, replaceValue, fullUnicode);
      } else if (functional) {
        out = reReplaceFn(rx, S, replaceValue, fullUnicode, rx[S_NAMES]);
      } else {
        /* The same loop with the captures from one reused buffer. */
        var pos = 0, parts = [], np = 0, next = 0, r = capBuf(rx), nc = r.length >> 1;
        var names = rx[S_NAMES];
        while (pos <= lengthS && reMatch(rx, S, pos, r)) {
          var caps = new Array(nc - 1), groups;
          for (i = 1; i < nc; i++) caps[i - 1] = r[2 * i] < 0 ? undefined : S.slice(r[2 * i], r[2 * i + 1]);
          if (names) {
            groups = Object.create(null);
            for (i = 1; i < nc; i++) if (names[i - 1] !== undefined) groups[names[i - 1]] = caps[i - 1];
          }
          var matched = S.slice(r[0], r[1]), rep;
          if (functional) {
            var args = [matched].concat(caps, [r[0], S]);
            if (groups !== undefined) args.push(groups);
            rep = toStr(replaceValue.apply(undefined, args));
          } else {
            rep = getSubstitution(matched, S, r[0], caps, groups, replaceValue);
          }
          parts[np++] = S.slice(next, r[0]);
          parts[np++] = rep;
          next = r[1];
          pos = r[1] === r[0] ? advance(S, r[1], fullUnicode) : r[1];
        }
        parts[np] = S.slice(next);
        out = parts.join('');
      }
      rx.lastIndex = 0;
      return out;
    }
    for (;;) {
      result = regExpExec(rx, S);
      if (result === null) break;
      results.push(result);
      if (!global) break;
      if (toStr(result[0]) === '') rx.lastIndex = advance(S, toLength(rx.lastIndex), fullUnicode);
    }
    var acc = [], nextPos = 0;
    for (k = 0; k < results.length; k++) {
      result = results[k];
      var nCaptures = Math.max(toLength(result.length) - 1, 0);
      var matched = toStr(result[0]), position = Math.max(Math.min(cc.toIntegerOrInfinity(result.index), lengthS), 0);
      var captures = [];
      for (i = 1; i <= nCaptures; i++) {
        var capN = result[i];
        captures.push(capN === undefined ? undefined : toStr(capN));
      }
      var named = result.groups, replacement;
      if (functional) {
        var args = [matched].concat(captures, [position, S]);
        if (named !== undefined) args.push(named);
        replacement = toStr(replaceValue.apply(undefined, args));
      } else {
        if (named !== undefined) named = cc.toObject(named);
        replacement = getSubstitution(matched, S, position, captures, named, replaceValue);
      }
      if (position >= nextPos) {
        acc.push(S.slice(nextPos, position), replacement);
        nextPos = position + matched.length;
      }
    }
    if (nextPos < lengthS) acc.push(S.slice(nextPos));
    return acc.join('');
  } }.r, 2);

  def(RP, Symbol.search, { s(string) {
    var rx = this;
    if (!isObject(rx)) throw new TypeError('RegExp.prototype[Symbol.search] called on non-object');
    var S = toStr(string), prev = rx.lastIndex;
    if (!Object.is(prev, 0)) rx.lastIndex = 0;
    var result = regExpExec(rx, S);
    if (!Object.is(rx.lastIndex, prev)) rx.lastIndex = prev;
    return result === null ? -1 : result.index;
  } }.s, 1);

  def(RP, Symbol.split, { s(string, limit) {
    var rx = this;
    if (!isObject(rx)) throw new TypeError('RegExp.prototype[Symbol.split] called on non-object');
    var S = toStr(string), lim = limit === undefined ? 4294967295 : limit >>> 0;
    if (pristine(rx)) {
      /* Searching without y from q finds the first q' >= q where the
       * spec's sticky splitter matches, so one search replaces a probe per
       * index (reSplit). */
      if (lim === 0) return [];
      if (rx[S_FAST] === undefined) {
        if (rx[S_KIND] & K_Y) reCompile(rx, rx[S_SRC], rx[S_FLAGS].replace('y', ''), true);
        else rx[S_FAST] = rx[S_PROG];
      }
      return reSplit(rx, S, lim, (rx[S_KIND] & K_U) !== 0);
    }
    var C = cc.speciesConstructor(rx, RegExp), flags = toStr(rx.flags);
    var unicode = flags.indexOf('u') >= 0 || flags.indexOf('v') >= 0;
    var newFlags = flags.indexOf('y') >= 0 ? flags : flags + 'y';
    var A = [], size = S.length, p = 0, q, z, e, T, i;
    var splitter = new C(rx, newFlags);
    if (lim === 0) return A;
    if (size === 0) {
      z = regExpExec(splitter, S);
      if (z !== null) return A;
      A.push(S);
      return A;
    }
    q = p;
    while (q < size) {
      splitter.lastIndex = q;
      z = regExpExec(splitter, S);
      if (z === null) { q = advance(S, q, unicode); continue; }
      e = Math.min(toLength(splitter.lastIndex), size);
      if (e === p) { q = advance(S, q, unicode); continue; }
      T = S.slice(p, q);
      A.push(T);
      if (A.length === lim) return A;
      p = e;
      var nc = Math.max(toLength(z.length) - 1, 0);
      for (i = 1; i <= nc; i++) {
        A.push(z[i]);
        if (A.length === lim) return A;
      }
      q = p;
    }
    A.push(S.slice(p, size));
    return A;
  } }.s, 2);

  /* %RegExpStringIteratorPrototype% */
  var RSIP = Object.create(cc.IteratorPrototype);
  def(RSIP, 'next', { next() {
    if (!isObject(this) || this[S_RE] === undefined) throw new TypeError('next method called on incompatible receiver');
    var re = this[S_RE];
    if (re === null) return { value: undefined, done: true };
    var s = this[S_STR], m = regExpExec(re, s);
    if (m === null) { this[S_RE] = null; return { value: undefined, done: true }; }
    if (!this[S_GLOBAL]) { this[S_RE] = null; return { value: m, done: false }; }
    if (toStr(m[0]) === '') re.lastIndex = advance(s, toLength(re.lastIndex), this[S_UNI]);
    return { value: m, done: false };
  } }.next, 0);
  Object.defineProperty(RSIP, Symbol.toStringTag, { value: 'RegExp String Iterator', configurable: true });

  def(RP, Symbol.matchAll, { m(string) {
    if (!isObject(this)) throw new TypeError('RegExp.prototype[Symbol.matchAll] called on non-object');
    var S = toStr(string), C = cc.speciesConstructor(this, RegExp), flags = toStr(this.flags);
    var matcher = new C(this, flags);
    matcher.lastIndex = toLength(this.lastIndex);
    var it = Object.create(RSIP);
    it[S_RE] = matcher; it[S_STR] = S;
    it[S_GLOBAL] = flags.indexOf('g') >= 0;
    it[S_UNI] = flags.indexOf('u') >= 0 || flags.indexOf('v') >= 0;
    return it;
  } }.m, 1);

  /* String.prototype methods that dispatch through the RegExp symbols. */
  function thisStr(o, what) {
    if (o === null || o === undefined) throw new TypeError('String.prototype.' + what + ' called on null or undefined');
    return o;
  }
  function method(o, sym) {
    var f = o[sym];
    if (f === undefined || f === null) return undefined;
    return cc.requireCallable(f);
  }

  def(SP, 'match', { match(regexp) {
    var O = thisStr(this, 'match');
    if (isNative(regexp)) return nativeMatch.call(O, regexp);
    if (isObject(regexp)) {
      var matcher = method(regexp, Symbol.match);
      if (matcher !== undefined) return matcher.call(regexp, O);
    }
    var S = toStr(O), rx = new RegExp(regexp, undefined);
    return rx[Symbol.match](S);
  } }.match, 1);

  def(SP, 'search', { search(regexp) {
    var O = thisStr(this, 'search');
    if (isNative(regexp)) return nativeSearch.call(O, regexp);
    if (isObject(regexp)) {
      var searcher = method(regexp, Symbol.search);
      if (searcher !== undefined) return searcher.call(regexp, O);
    }
    var S = toStr(O), rx = new RegExp(regexp, undefined);
    return rx[Symbol.search](S);
  } }.search, 1);

  def(SP, 'replace', { replace(searchValue, replaceValue) {
    var O = thisStr(this, 'replace');
    if (isNative(searchValue)) return nativeReplace.call(O, searchValue, replaceValue);
    if (isObject(searchValue)) {
      var replacer = method(searchValue, Symbol.replace);
      if (replacer !== undefined) return replacer.call(searchValue, O, replaceValue);
    }
    var string = toStr(O), searchString = toStr(searchValue), functional = typeof replaceValue === 'function';
    if (!functional) replaceValue = toStr(replaceValue);
    var pos = string.indexOf(searchString);
    if (pos < 0) return string;
    var replacement = functional ? toStr(replaceValue(searchString, pos, string))
      : getSubstitution(searchString, string, pos, [], undefined, replaceValue);
    return string.slice(0, pos) + replacement + string.slice(pos + searchString.length);
  } }.replace, 2);

  def(SP, 'split', { split(separator, limit) {
    var O = thisStr(this, 'split');
    if (isNative(separator)) return nativeSplit.call(O, separator, limit);
    if (isObject(separator)) {
      var splitter = method(separator, Symbol.split);
      if (splitter !== undefined) return splitter.call(separator, O, limit);
    }
    var S = toStr(O), lim = limit === undefined ? 4294967295 : limit >>> 0, R = toStr(separator);
    if (lim === 0) return [];
    if (separator === undefined) return [S];
    return nativeSplit.call(S, R, lim);
  } }.split, 2);

  /* includes/startsWith/endsWith refuse a RegExp (IsRegExp: Symbol.match);
   * Duktape's natives only recognise their own RegExp class. */
  ['includes', 'startsWith', 'endsWith'].forEach(function (name) {
    var nativeFn = SP[name];
    var w = { m(searchString) {
      if (this === null || this === undefined) throw new TypeError('String.prototype.' + name + ' called on null or undefined');
      if (isRegExp(searchString)) throw new TypeError('First argument to String.prototype.' + name + ' must not be a regular expression');
      return nativeFn.apply(this, arguments);
    } }.m;
    def(SP, name, w, 1);
  });

  Object.defineProperty(G, 'RegExp', { value: RegExp, writable: true, enumerable: false, configurable: true });
}(this));
