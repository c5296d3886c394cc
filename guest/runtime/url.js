/*
 * url.js: URL and URLSearchParams (WHATWG URL Standard, the common cases).
 * Runs in: guest, a lazy unit loaded on first use (trusted bytecode). Input: URL strings from untrusted user code.
 *
 * Covered: special schemes and default ports, scheme/host lowercasing,
 * userinfo, IPv4 numbers (decimal/hex/octal), bracketed IPv6 kept as
 * written (lowercased, not re-compressed), dot segments (incl. %2e),
 * backslashes in special URLs, percent-encode sets for path, query,
 * special query, fragment and userinfo, opaque paths (mailto:, data:),
 * relative resolution against a base, setters by re-parsing.
 * Not covered: IDNA/punycode (non-ASCII hosts are only lowercased),
 * Windows drive letters in file: URLs, IPv6 canonicalisation.
 */
(function (cc) {
  'use strict';
  /* A lazy unit (guest/runtime/lazy.js): run with `this` = the internal __cc. */
  var G = cc.global;
  var def = cc.def;
  var SPECIAL = { 'ftp:': 21, 'file:': null, 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };
  var S_URL = cc.hidden('URLRecord');
  var S_LIST = cc.hidden('URLSearchParamsList');
  var S_OWNER = cc.hidden('URLSearchParamsURL');

  function invalid() { return new TypeError('Invalid URL'); }
  function isSpecial(scheme) { return Object.prototype.hasOwnProperty.call(SPECIAL, scheme); }

  var utf8 = new TextEncoder();
  function pctByte(b) { return '%' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase(); }
  /* Percent-encodes code points in `set` (a test) and every non-ASCII one as UTF-8. */
  function encode(s, inSet) {
    var out = '', i, c, bytes, j;
    for (i = 0; i < s.length; i++) {
      c = s.charCodeAt(i);
      if (c < 0x80) {
        out += (c < 0x20 || c === 0x7f || inSet(c)) ? pctByte(c) : s.charAt(i);
        continue;
      }
      var ch = s.charAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        var d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { ch = s.substr(i, 2); i++; }
      }
      if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) ch = '\ufffd'; /* lone surrogate */
      bytes = utf8.encode(ch);
      for (j = 0; j < bytes.length; j++) out += pctByte(bytes[j]);
    }
    return out;
  }
  function setOf(chars) {
    var t = {}, i;
    for (i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = true;
    return function (c) { return t[c] === true; };
  }
  var FRAGMENT = setOf(' "<>`');
  var QUERY = setOf(' "#<>');
  var SPECIAL_QUERY = setOf(' "#<>\'');
  var PATH = setOf(' "#<>?`{}');
  var USERINFO = setOf(' "#<>?`{}/:;=@[\\]^|');
  var C0 = function () { return false; };

  /* Percent-decodes to a string, reading %XX sequences as UTF-8 bytes. */
  var utf8dec = new TextDecoder();
  function percentDecode(s) {
    if (s.indexOf('%') < 0) return s;
    var bytes = [], i, c, h;
    var enc = utf8.encode(s);
    for (i = 0; i < enc.length; i++) {
      c = enc[i];
      if (c === 0x25 && i + 2 < enc.length) {
        h = String.fromCharCode(enc[i + 1], enc[i + 2]);
        if (/^[0-9A-Fa-f]{2}$/.test(h)) { bytes.push(parseInt(h, 16)); i += 2; continue; }
      }
      bytes.push(c);
    }
    return utf8dec.decode(new Uint8Array(bytes));
  }

  function parseIPv4Number(s) {
    var radix = 10;
    if (s === '') return NaN;
    if (/^0[xX]/.test(s)) { s = s.slice(2); radix = 16; } else if (s.length > 1 && s.charAt(0) === '0') { s = s.slice(1); radix = 8; }
    if (s === '') return 0;
    var re = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
    if (!re.test(s)) return NaN;
    return parseInt(s, radix);
  }
  function parseHost(input, special) {
    if (input.charAt(0) === '[') {
      if (input.charAt(input.length - 1) !== ']' || !/^\[[0-9A-Fa-f:.]+\]$/.test(input)) throw invalid();
      return input.toLowerCase();
    }
    if (!special) {
      if (/[\u0000\t\n\r #\/<>?@[\\\]^|]/.test(input)) throw invalid();
      return encode(input, C0);
    }
    var host = percentDecode(input).toLowerCase();
    if (host === '' || /[\u0000-\u001f \u007f#%\/:<>?@[\\\]^|]/.test(host)) throw invalid();
    var parts = host.split('.');
    if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
    var last = parts[parts.length - 1];
    if (/^(0[xX][0-9a-fA-F]*|[0-9]+)$/.test(last)) {
      /* ends in a number: the whole host must be an IPv4 address */
      if (parts.length > 4) throw invalid();
      var nums = [], i, n;
      for (i = 0; i < parts.length; i++) {
        n = parseIPv4Number(parts[i]);
        if (n !== n) throw invalid();
        nums.push(n);
      }
      for (i = 0; i < nums.length - 1; i++) if (nums[i] > 255) throw invalid();
      if (nums[nums.length - 1] >= Math.pow(256, 5 - nums.length)) throw invalid();
      var ip = nums[nums.length - 1];
      for (i = 0; i < nums.length - 1; i++) ip += nums[i] * Math.pow(256, 3 - i);
      return [Math.floor(ip / 16777216) % 256, Math.floor(ip / 65536) % 256, Math.floor(ip / 256) % 256, ip % 256].join('.');
    }
    return host;
  }

  function isDot(seg) { return seg === '.' || seg.toLowerCase() === '%2e'; }
  function isDotDot(seg) { var s = seg.toLowerCase(); return s === '..' || s === '.%2e' || s === '%2e.' || s === '%2e%2e'; }

  /* Resolves `input` path segments onto `base` segments (arrays). */
  function pushPath(segs, input, special) {
    var parts = input.split(special ? /[\/\\]/ : /\//), i, seg;
    for (i = 0; i < parts.length; i++) {
      seg = parts[i];
      var lastSeg = i === parts.length - 1;
      if (isDotDot(seg)) {
        if (segs.length) segs.pop();
        if (lastSeg) segs.push('');
      } else if (isDot(seg)) {
        if (lastSeg) segs.push('');
      } else {
        segs.push(encode(seg, PATH));
      }
    }
    return segs;
  }

  function serialize(u) {
    var s = u.scheme;
    if (u.host !== null) {
      s += '//';
      if (u.username !== '' || u.password !== '') s += u.username + (u.password !== '' ? ':' + u.password : '') + '@';
      s += u.host + (u.port !== null ? ':' + u.port : '');
    } else if (!u.opaque && u.path.length > 1 && u.path[0] === '') {
      s += '/.';
    }
    s += u.opaque ? u.path : '/' + u.path.join('/');
    if (u.query !== null) s += '?' + u.query;
    if (u.fragment !== null) s += '#' + u.fragment;
    return s;
  }

  function parse(input, base) {
    input = String(input).replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
    var u = { scheme: '', username: '', password: '', host: null, port: null, path: [], opaque: false, query: null, fragment: null };
    var m = /^([A-Za-z][A-Za-z0-9+.\-]*):/.exec(input), rest, special;
    var hashAt, qAt;
    function splitTail() {
      hashAt = rest.indexOf('#');
      if (hashAt >= 0) { u.fragment = encode(rest.slice(hashAt + 1), FRAGMENT); rest = rest.slice(0, hashAt); }
      qAt = rest.indexOf('?');
      if (qAt >= 0) { u.query = encode(rest.slice(qAt + 1), special ? SPECIAL_QUERY : QUERY); rest = rest.slice(0, qAt); }
    }
    if (m) {
      u.scheme = m[1].toLowerCase() + ':';
      rest = input.slice(m[0].length);
      special = isSpecial(u.scheme);
      splitTail();
      if (special && base && base.scheme === u.scheme && !/^[\/\\]/.test(rest)) {
        return relative(u, rest, base, special);
      }
      if (special ? /^[\/\\]{2}/.test(rest) || u.scheme !== 'file:' : /^\/\//.test(rest)) {
        /* special URLs skip any number of slashes before the host; file: takes exactly two */
        if (special && u.scheme !== 'file:') rest = rest.replace(/^[\/\\]*/, ''); else rest = rest.slice(2);
        return authority(u, rest, special);
      }
      if (!special && rest.charAt(0) !== '/') {
        u.opaque = true;
        u.path = encode(rest, C0);
        return u;
      }
      if (u.scheme === 'file:') { u.host = ''; }
      u.path = pushPath([], rest.replace(special ? /^[\/\\]/ : /^\//, ''), special);
      return u;
    }
    if (!base) throw invalid();
    rest = input;
    special = isSpecial(base.scheme);
    u.scheme = base.scheme;
    if (base.opaque) {
      if (rest.charAt(0) !== '#') throw invalid();
      u.opaque = true; u.path = base.path; u.query = base.query;
      u.fragment = encode(rest.slice(1), FRAGMENT);
      return u;
    }
    splitTail();
    return relative(u, rest, base, special, input);
  }

  function relative(u, rest, base, special, input) {
    var slash = special ? /^[\/\\]/ : /^\//, dslash = special ? /^[\/\\]{2}/ : /^\/\//;
    if (dslash.test(rest)) return authority(u, rest.replace(special ? /^[\/\\]*/ : /^\/\//, ''), special);
    u.username = base.username; u.password = base.password; u.host = base.host; u.port = base.port;
    if (slash.test(rest)) {
      u.path = pushPath([], rest.slice(1), special);
    } else if (rest === '') {
      u.path = base.path.slice();
      if (u.query === null && (input === undefined || input.charAt(0) !== '?')) u.query = base.query;
    } else {
      var segs = base.path.slice(0, Math.max(base.path.length - 1, 0));
      u.path = pushPath(segs, rest, special);
    }
    return u;
  }

  function authority(u, rest, special) {
    var end = rest.search(special ? /[\/\\]/ : /\//);
    var auth = end < 0 ? rest : rest.slice(0, end), path = end < 0 ? '' : rest.slice(end);
    var at = auth.lastIndexOf('@');
    if (at >= 0) {
      var info = auth.slice(0, at), colon = info.indexOf(':');
      u.username = encode(colon < 0 ? info : info.slice(0, colon), USERINFO);
      u.password = colon < 0 ? '' : encode(info.slice(colon + 1), USERINFO);
      auth = auth.slice(at + 1);
    }
    var pm = /:([^:\]]*)$/.exec(auth), hostPart = auth;
    if (pm) {
      hostPart = auth.slice(0, pm.index);
      if (pm[1] !== '') {
        if (!/^[0-9]+$/.test(pm[1])) throw invalid();
        var port = parseInt(pm[1], 10);
        if (port > 65535) throw invalid();
        u.port = SPECIAL[u.scheme] === port ? null : String(port);
      }
    }
    if (hostPart === '') {
      if (special && u.scheme !== 'file:') throw invalid();
      if (u.port !== null || at >= 0) throw invalid();
    }
    u.host = hostPart === '' ? '' : parseHost(hostPart, special);
    if (u.scheme === 'file:' && u.host === 'localhost') u.host = '';
    if (path === '' && !special) u.path = [];
    else u.path = pushPath([], path.replace(special ? /^[\/\\]/ : /^\//, ''), special);
    return u;
  }

  /* ---- URLSearchParams ---- */
  function formEncode(s) {
    return encode(String(s), function (c) {
      return !((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2a || c === 0x2d || c === 0x2e || c === 0x5f);
    }).replace(/%20/g, '+');
  }
  function formDecode(s) { return percentDecode(s.replace(/\+/g, ' ')); }
  function parseQuery(q) {
    var list = [], parts = q.split('&'), i, p, eq;
    for (i = 0; i < parts.length; i++) {
      p = parts[i];
      if (p === '') continue;
      eq = p.indexOf('=');
      if (eq < 0) list.push([formDecode(p), '']);
      else list.push([formDecode(p.slice(0, eq)), formDecode(p.slice(eq + 1))]);
    }
    return list;
  }
  function serializeQuery(list) {
    var out = [], i;
    for (i = 0; i < list.length; i++) out.push(formEncode(list[i][0]) + '=' + formEncode(list[i][1]));
    return out.join('&');
  }
  function usvString(x) { return String(x); }

  var URLSearchParams = function URLSearchParams(init) {
    if (!(this instanceof URLSearchParams) || this[S_LIST] !== undefined) throw new TypeError("Class constructor URLSearchParams cannot be invoked without 'new'");
    var list = [];
    if (init instanceof URLSearchParams) {
      list = init[S_LIST].map(function (p) { return [p[0], p[1]]; });
    } else if (cc.isObject(init) && typeof init !== 'function') {
      if (init[Symbol.iterator] !== undefined) {
        list = cc.iterableToList(init).map(function (pair) {
          var p = cc.iterableToList(pair);
          if (p.length !== 2) throw new TypeError('Each query pair must be an iterable [name, value] tuple');
          return [usvString(p[0]), usvString(p[1])];
        });
      } else {
        Object.keys(init).forEach(function (k) { list.push([k, usvString(init[k])]); });
      }
    } else if (init !== undefined) {
      var s = usvString(init);
      list = parseQuery(s.charAt(0) === '?' ? s.slice(1) : s);
    }
    Object.defineProperty(this, S_LIST, { value: list, writable: true });
    Object.defineProperty(this, S_OWNER, { value: null, writable: true });
  };
  var USP = URLSearchParams.prototype;
  function lst(o) {
    if (!cc.isObject(o) || o[S_LIST] === undefined) throw new TypeError('Value of "this" must be of type URLSearchParams');
    return o[S_LIST];
  }
  function update(sp) {
    var owner = sp[S_OWNER];
    if (owner) { var s = serializeQuery(sp[S_LIST]); owner.query = s === '' ? null : s; }
  }
  def(USP, 'append', { append(name, value) { lst(this).push([usvString(name), usvString(value)]); update(this); } }.append, 2);
  def(USP, 'delete', { 'delete'(name, value) {
    var l = lst(this), n = usvString(name), v = value === undefined ? undefined : usvString(value);
    this[S_LIST] = l.filter(function (p) { return !(p[0] === n && (v === undefined || p[1] === v)); });
    update(this);
  } }['delete'], 1);
  def(USP, 'get', { 'get'(name) {
    var l = lst(this), n = usvString(name), i;
    for (i = 0; i < l.length; i++) if (l[i][0] === n) return l[i][1];
    return null;
  } }['get'], 1);
  def(USP, 'getAll', { getAll(name) {
    var n = usvString(name);
    return lst(this).filter(function (p) { return p[0] === n; }).map(function (p) { return p[1]; });
  } }.getAll, 1);
  def(USP, 'has', { has(name, value) {
    var n = usvString(name), v = value === undefined ? undefined : usvString(value);
    return lst(this).some(function (p) { return p[0] === n && (v === undefined || p[1] === v); });
  } }.has, 1);
  def(USP, 'set', { 'set'(name, value) {
    var l = lst(this), n = usvString(name), v = usvString(value), out = [], found = false, i;
    for (i = 0; i < l.length; i++) {
      if (l[i][0] !== n) out.push(l[i]);
      else if (!found) { found = true; out.push([n, v]); }
    }
    if (!found) out.push([n, v]);
    this[S_LIST] = out;
    update(this);
  } }['set'], 2);
  def(USP, 'sort', function sort() {
    lst(this).sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; }); /* our sort is stable */
    update(this);
  }, 0);
  def(USP, 'toString', { toString() { return serializeQuery(lst(this)); } }.toString, 0);
  def(USP, 'forEach', { forEach(fn, thisArg) {
    cc.requireCallable(fn);
    var i;
    for (i = 0; i < lst(this).length; i++) { var p = this[S_LIST][i]; fn.call(thisArg, p[1], p[0], this); }
  } }.forEach, 1);
  cc.defGetter(USP, 'size', function () { return lst(this).length; });
  function pairs(o, kind) {
    return lst(o).map(function (p) { return kind === 0 ? p[0] : kind === 1 ? p[1] : [p[0], p[1]]; })[Symbol.iterator]();
  }
  def(USP, 'keys', { keys() { return pairs(this, 0); } }.keys, 0);
  def(USP, 'values', { values() { return pairs(this, 1); } }.values, 0);
  var uspEntries = def(USP, 'entries', { entries() { return pairs(this, 2); } }.entries, 0);
  Object.defineProperty(USP, Symbol.iterator, { value: uspEntries, writable: true, configurable: true });
  Object.defineProperty(USP, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });

  /* ---- URL ---- */
  var URL = function URL(url, base) {
    if (!(this instanceof URL) || this[S_URL] !== undefined) throw new TypeError("Class constructor URL cannot be invoked without 'new'");
    if (arguments.length === 0) throw new TypeError('The "url" argument must be specified');
    var b = base === undefined ? null : parse(usvString(base), null);
    var u = parse(usvString(url), b);
    Object.defineProperty(this, S_URL, { value: u, writable: true });
    var sp = new URLSearchParams(u.query === null ? '' : u.query);
    sp[S_OWNER] = u;
    Object.defineProperty(this, S_LIST, { value: sp, writable: true });
  };
  var UP = URL.prototype;
  function rec(o) {
    if (!cc.isObject(o) || o[S_URL] === undefined) throw new TypeError('Value of "this" must be of type URL');
    return o[S_URL];
  }
  function replaceRecord(self, u) {
    self[S_URL] = u;
    var sp = self[S_LIST];
    sp[S_LIST] = u.query === null ? [] : parseQuery(u.query);
    sp[S_OWNER] = u;
  }
  /* Setters re-parse the URL with one component replaced; input that
   * would not parse leaves the URL unchanged, as the standard's setters do. */
  function setVia(self, build) {
    var u = rec(self), copy = {}, k;
    for (k in u) copy[k] = u[k];
    var href = build(copy);
    try { replaceRecord(self, parse(href, null)); } catch (e) { /* ignored, as in the standard */ }
  }
  function accessor(name, get, set) {
    var d = { get: get, enumerable: true, configurable: true };
    if (set) d.set = set;
    Object.defineProperty(UP, name, d);
  }
  accessor('href', function () { return serialize(rec(this)); }, function (v) { replaceRecord(this, parse(usvString(v), null)); });
  accessor('origin', function () {
    var u = rec(this);
    if (u.scheme === 'blob:') { try { return new URL(u.path).origin; } catch (e) { return 'null'; } }
    if (!isSpecial(u.scheme) || u.scheme === 'file:') return 'null';
    return u.scheme + '//' + u.host + (u.port !== null ? ':' + u.port : '');
  });
  accessor('protocol', function () { return rec(this).scheme; }, function (v) {
    var s = usvString(v).replace(/:.*$/, '').toLowerCase() + ':', u = rec(this);
    if (!/^[a-z][a-z0-9+.\-]*:$/.test(s) || isSpecial(s) !== isSpecial(u.scheme)) return;
    setVia(this, function (c) { c.scheme = s; if (c.port !== null && SPECIAL[s] === +c.port) c.port = null; return serialize(c); });
  });
  accessor('username', function () { return rec(this).username; }, function (v) {
    if (!rec(this).host) return;
    rec(this).username = encode(usvString(v), USERINFO);
  });
  accessor('password', function () { return rec(this).password; }, function (v) {
    if (!rec(this).host) return;
    rec(this).password = encode(usvString(v), USERINFO);
  });
  accessor('host', function () { var u = rec(this); return u.host === null ? '' : u.host + (u.port !== null ? ':' + u.port : ''); }, function (v) {
    if (rec(this).opaque) return;
    setVia(this, function (c) { var h = usvString(v); c.host = h.split(/[\/?#\\]/)[0]; c.port = null; return serialize(c); });
  });
  accessor('hostname', function () { var u = rec(this); return u.host === null ? '' : u.host; }, function (v) {
    if (rec(this).opaque) return;
    setVia(this, function (c) { c.host = usvString(v).split(/[\/?#\\:]/)[0]; return serialize(c); });
  });
  accessor('port', function () { var p = rec(this).port; return p === null ? '' : p; }, function (v) {
    var u = rec(this), s = usvString(v);
    if (u.host === null || u.host === '' || u.scheme === 'file:') return;
    if (s === '') { u.port = null; return; }
    var m = /^[0-9]+/.exec(s);
    if (!m || +m[0] > 65535) return;
    u.port = SPECIAL[u.scheme] === +m[0] ? null : String(+m[0]);
  });
  accessor('pathname', function () { var u = rec(this); return u.opaque ? u.path : '/' + u.path.join('/'); }, function (v) {
    var u = rec(this);
    if (u.opaque) return;
    var s = usvString(v), sp = isSpecial(u.scheme);
    u.path = pushPath([], s.replace(sp ? /^[\/\\]/ : /^\//, ''), sp);
  });
  accessor('search', function () { var q = rec(this).query; return q === null || q === '' ? '' : '?' + q; }, function (v) {
    var u = rec(this), s = usvString(v);
    if (s.charAt(0) === '?') s = s.slice(1);
    u.query = s === '' ? null : encode(s, isSpecial(u.scheme) ? SPECIAL_QUERY : QUERY);
    this[S_LIST][S_LIST] = s === '' ? [] : parseQuery(u.query);
  });
  accessor('searchParams', function () { rec(this); return this[S_LIST]; });
  accessor('hash', function () { var f = rec(this).fragment; return f === null || f === '' ? '' : '#' + f; }, function (v) {
    var u = rec(this), s = usvString(v);
    if (s.charAt(0) === '#') s = s.slice(1);
    u.fragment = s === '' ? null : encode(s, FRAGMENT);
  });
  def(UP, 'toString', { toString() { return serialize(rec(this)); } }.toString, 0);
  def(UP, 'toJSON', { toJSON() { return serialize(rec(this)); } }.toJSON, 0);
  Object.defineProperty(UP, Symbol.toStringTag, { value: 'URL', configurable: true });
  def(URL, 'canParse', { canParse(url, base) {
    try { new URL(url, base); return true; } catch (e) { return false; }
  } }.canParse, 1);

  def(G, 'URL', URL);
  def(G, 'URLSearchParams', URLSearchParams);
}(this));
