/*
 * json.js: JSON.parse and JSON.stringify errors in node 20's (V8's) wording.
 * Runs in: guest prelude (trusted bytecode). Input: text and values from
 * untrusted user code.
 *
 * Duktape's own parser and serialiser still do the work; only when they
 * fail is the input examined again, here, to say what V8 says: which token
 * was unexpected and where ("Expected ',' or ']' after array element in
 * JSON at position 4", "Unexpected token 'x', ..."9, 10, x, 12"... is not
 * valid JSON"), and which path closes a cycle ("Converting circular
 * structure to JSON\n    --> starting at object with constructor 'Object'
 * ..."). A model repairs its program from these messages, so they follow
 * V8's json-parser.cc and json-stringifier.cc to the character. Nothing runs
 * on success.
 */
(function (G) {
  'use strict';
  var cc = G.__cc;
  var nativeParse = JSON.parse;
  var nativeStringify = JSON.stringify;
  /* V8: kMaxContextCharacters; sources up to twice that are quoted whole. */
  var CONTEXT = 10;
  var SPECIAL = { 'NaN': 1, 'Infinity': 1, 'undefined': 1, '[object Object]': 1 };

  function isWs(c) { return c === ' ' || c === '\t' || c === '\n' || c === '\r'; }
  function isDigit(c) { return c >= '0' && c <= '9'; }

  /* V8's message for the first error in s (which the native parser rejected). */
  function parseError(s) {
    var i = 0, n = s.length;
    function fail(msg) { throw { v8: msg }; }
    function at(msg, pos) { fail(msg + ' in JSON at position ' + pos); }
    function unexpected(pos) {
      if (pos >= n) fail('Unexpected end of JSON input');
      if (SPECIAL.hasOwnProperty(s)) fail('"' + s + '" is not valid JSON');
      var c = s.charAt(pos);
      if (c === '"') at('Unexpected string', pos);
      if (isDigit(c) || c === '-') at('Unexpected number', pos);
      var ctx;
      if (n <= 2 * CONTEXT) ctx = '"' + s + '"';
      else if (pos < CONTEXT) ctx = '"' + s.slice(0, pos + CONTEXT) + '"...';
      else if (pos < n - CONTEXT) ctx = '..."' + s.slice(pos - CONTEXT, pos + CONTEXT) + '"...';
      else ctx = '..."' + s.slice(pos - CONTEXT) + '"';
      fail("Unexpected token '" + c + "', " + ctx + ' is not valid JSON');
    }
    function ws() { while (i < n && isWs(s.charAt(i))) i++; }
    function str() {
      i++; /* the opening quote */
      for (;;) {
        if (i >= n) at('Unterminated string', n);
        var c = s.charAt(i);
        if (c === '"') { i++; return; }
        if (c < ' ') at('Bad control character in string literal', i);
        if (c === '\\') {
          i++;
          if (i >= n) fail('Unexpected end of JSON input');
          c = s.charAt(i);
          if (c === 'u') {
            for (var k = 1; k <= 4; k++)
              if (!/[0-9a-fA-F]/.test(s.charAt(i + k))) at('Bad Unicode escape', i + k >= n ? n : i + k);
            i += 5;
            continue;
          }
          if ('"\\/bfnrt'.indexOf(c) < 0) at('Bad escaped character', i);
        }
        i++;
      }
    }
    function num() {
      if (s.charAt(i) === '-') {
        i++;
        if (!isDigit(s.charAt(i))) at('No number after minus sign', i);
      }
      if (s.charAt(i) === '0') {
        i++;
        if (isDigit(s.charAt(i))) at('Unexpected number', i);
      } else while (isDigit(s.charAt(i))) i++;
      if (s.charAt(i) === '.') {
        i++;
        if (!isDigit(s.charAt(i))) at('Unterminated fractional number', i);
        while (isDigit(s.charAt(i))) i++;
      }
      if (s.charAt(i) === 'e' || s.charAt(i) === 'E') {
        i++;
        if (s.charAt(i) === '+' || s.charAt(i) === '-') i++;
        if (!isDigit(s.charAt(i))) at('Exponent part is missing a number', i);
        while (isDigit(s.charAt(i))) i++;
      }
    }
    function literal(word) {
      for (var k = 0; k < word.length; k++, i++)
        if (s.charAt(i) !== word.charAt(k)) unexpected(i);
    }
    function value() {
      ws();
      var c = s.charAt(i);
      if (i >= n) unexpected(i);
      if (c === '"') return str();
      if (c === '-' || isDigit(c)) return num();
      if (c === 't') return literal('true');
      if (c === 'f') return literal('false');
      if (c === 'n') return literal('null');
      if (c === '[') {
        i++;
        ws();
        if (s.charAt(i) === ']') { i++; return; }
        for (;;) {
          value();
          ws();
          if (s.charAt(i) === ',') { i++; continue; }
          if (s.charAt(i) === ']') { i++; return; }
          at("Expected ',' or ']' after array element", i);
        }
      }
      if (c === '{') {
        i++;
        ws();
        if (s.charAt(i) === '}') { i++; return; }
        var first = true;
        for (;;) {
          ws();
          if (s.charAt(i) !== '"') at(first ? "Expected property name or '}'" : 'Expected double-quoted property name', i);
          first = false;
          str();
          ws();
          if (s.charAt(i) !== ':') at("Expected ':' after property name", i);
          i++;
          value();
          ws();
          if (s.charAt(i) === ',') { i++; continue; }
          if (s.charAt(i) === '}') { i++; return; }
          at("Expected ',' or '}' after property value", i);
        }
      }
      unexpected(i);
    }
    try {
      value();
      ws();
      if (i < n) fail('Unexpected non-whitespace character after JSON at position ' + i);
    } catch (e) {
      if (e && typeof e.v8 === 'string') return e.v8;
      throw e;
    }
    return null;
  }

  /* V8's JSReceiver::GetConstructorName, as far as a program can see it. */
  function ctorName(o) {
    try {
      var p = Object.getPrototypeOf(o);
      var c = p && Object.prototype.hasOwnProperty.call(p, 'constructor') ? p.constructor : undefined;
      if (typeof c === 'function' && typeof c.name === 'string' && c.name) return c.name;
    } catch (ignored) { /* a hostile getter: fall back */ }
    return 'Object';
  }
  function keyText(k) { return typeof k === 'number' ? 'index ' + k : "property '" + k + "'"; }

  /* The cycle JSON.stringify met, as V8 describes it; null if none is found
   * (then the native message stands). Walks what stringify walks: own
   * enumerable string keys after toJSON, array indices. */
  function cycleMessage(value) {
    var stack = [], keys = [];
    function walk(v, key) {
      if (v === null || typeof v !== 'object') return null;
      if (typeof v.toJSON === 'function') {
        try { v = v.toJSON(key); } catch (e) { return null; }
        if (v === null || typeof v !== 'object') return null;
      }
      var idx = stack.indexOf(v);
      if (idx >= 0) return { index: idx, closing: key };
      stack.push(v);
      keys.push(key);
      var isArr = Array.isArray(v), list = isArr ? null : Object.keys(v), len = isArr ? v.length : list.length;
      for (var j = 0; j < len; j++) {
        var k = isArr ? j : list[j];
        var r = walk(v[k], k);
        if (r) return r;
      }
      stack.pop();
      keys.pop();
      return null;
    }
    var found;
    try { found = walk(value, ''); } catch (e) { return null; }
    if (!found) return null;
    var msg = 'Converting circular structure to JSON\n    --> starting at object with constructor \'' +
      ctorName(stack[found.index]) + "'";
    var size = stack.length, start = found.index;
    /* V8 prints 2 lines after the start, "...", and the last line. */
    var prefixEnd = Math.min(size, start + 1 + 2);
    var line = function (j) { return '\n    |     ' + keyText(keys[j]) + " -> object with constructor '" + ctorName(stack[j]) + "'"; };
    for (var j = start + 1; j < prefixEnd; j++) msg += line(j);
    if (size > prefixEnd + 1) msg += '\n    |     ...';
    for (j = Math.max(prefixEnd, size - 1); j < size; j++) msg += line(j);
    return msg + '\n    --- ' + keyText(found.closing) + ' closes the circle';
  }

  cc.def(JSON, 'parse', { parse(text, reviver) {
    try {
      return nativeParse.apply(JSON, arguments);
    } catch (e) {
      if (!(e instanceof SyntaxError) || !/ in JSON at position \d+$/.test(String(e.message))) throw e;
      var msg = parseError(String(text));
      if (msg === null) throw e;
      throw new SyntaxError(msg);
    }
  } }.parse, 2);

  /* ES2019 well-formed JSON.stringify: Duktape writes a lone surrogate
   * as is and escapes U+2028/U+2029; the spec (and node) escape the lone
   * surrogate (\ud800) and write U+2028/U+2029 as they are. Lone
   * surrogates in the text can only come from string contents, and an
   * escape is real when an even number of backslashes precede it. */
  var NEEDS_FIX = /[\ud800-\udfff]|\\u202[89]/;
  function hex4(c) { return '\\u' + ('000' + c.toString(16)).slice(-4); }
  function wellFormed(out) {
    var r = '', from = 0;
    for (var i = 0; i < out.length; i++) {
      var c = out.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < out.length) {
        var d = out.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { i++; continue; }
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        r += out.slice(from, i) + hex4(c);
        from = i + 1;
      }
    }
    r += out.slice(from);
    return r.replace(/(\\*)\\u(202[89])/g, function (m, bs, code) {
      return bs.length % 2 === 0 ? bs + String.fromCharCode(parseInt(code, 16)) : m;
    });
  }

  cc.def(JSON, 'stringify', { stringify(value, replacer, space) {
    try {
      var out = nativeStringify.apply(JSON, arguments);
      return typeof out === 'string' && NEEDS_FIX.test(out) ? wellFormed(out) : out;
    } catch (e) {
      if (!(e instanceof TypeError) || String(e.message) !== 'cyclic input') throw e;
      var msg = cycleMessage(value);
      throw new TypeError(msg === null ? 'Converting circular structure to JSON' : msg);
    }
  } }.stringify, 3);

  /* ES2015's JSON[@@toStringTag], which Duktape lacks: node's console.log
   * prints Object [JSON] {}, Object.prototype.toString [object JSON]. */
  Object.defineProperty(JSON, Symbol.toStringTag, { value: 'JSON', configurable: true });
}(this));
