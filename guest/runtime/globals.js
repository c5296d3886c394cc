/*
 * globals.js: web-platform globals node provides: DOMException,
 * queueMicrotask, structuredClone, atob, btoa, TextEncoder's encodeInto
 * (Duktape has the rest of TextEncoder); and the names of the global
 * functions Duktape leaves without one.
 * Runs in: guest prelude (trusted bytecode). Input: values from untrusted user code.
 */
(function (G) {
  'use strict';
  var cc = G.__cc;
  var def = cc.def;

  /* Duktape's parseInt and parseFloat (also Number.parseInt/parseFloat)
   * have name '': console.log showed [Function (anonymous)]. */
  cc.setLengthName(G.parseInt, 2, 'parseInt');
  cc.setLengthName(G.parseFloat, 1, 'parseFloat');

  /* ---- DOMException (name -> legacy code, WebIDL table) ---- */
  var CODES = { IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11, SyntaxError: 12,
    InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15, TypeMismatchError: 17,
    SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21, QuotaExceededError: 22,
    TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25 };
  var DOMException = function DOMException(message, name) {
    var e = new G.Error(message === undefined ? '' : String(message));
    Object.setPrototypeOf(e, (this instanceof DOMException) ? Object.getPrototypeOf(this) : DOMException.prototype);
    var n = name === undefined ? 'Error' : String(name);
    Object.defineProperty(e, 'name', { value: n, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(e, 'code', { value: CODES[n] || 0, writable: true, configurable: true, enumerable: false });
    return e;
  };
  DOMException.prototype = Object.create(Error.prototype);
  Object.defineProperty(DOMException.prototype, 'constructor', { value: DOMException, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: 'DOMException', configurable: true });
  Object.defineProperty(DOMException, 'length', { value: 0, configurable: true });
  /* The legacy constants, in CODES order: each name's words joined by '_',
   * upper case, 'ERROR' cut to 'ERR' (written out: deriving them with three
   * regular expressions per name cost ~0.1 ms of every run's start). */
  var CONSTS = ['INDEX_SIZE_ERR', 'HIERARCHY_REQUEST_ERR', 'WRONG_DOCUMENT_ERR', 'INVALID_CHARACTER_ERR',
    'NO_MODIFICATION_ALLOWED_ERR', 'NOT_FOUND_ERR', 'NOT_SUPPORTED_ERR', 'INVALID_STATE_ERR', 'SYNTAX_ERR',
    'INVALID_MODIFICATION_ERR', 'NAMESPACE_ERR', 'INVALID_ACCESS_ERR', 'TYPE_MISMATCH_ERR', 'SECURITY_ERR',
    'NETWORK_ERR', 'ABORT_ERR', 'URLMISMATCH_ERR', 'QUOTA_EXCEEDED_ERR', 'TIMEOUT_ERR', 'INVALID_NODE_TYPE_ERR',
    'DATA_CLONE_ERR'];
  Object.keys(CODES).forEach(function (n, i) { cc.defConst(DOMException, CONSTS[i], CODES[n]); });
  def(G, 'DOMException', DOMException);
  cc.domException = function (message, name) { return new DOMException(message, name); };

  def(G, 'queueMicrotask', { queueMicrotask(callback) {
    if (typeof callback !== 'function') {
      var e = new TypeError('The "callback" argument must be of type function. Received ' + cc.describe(callback));
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    cc.enqueueJob(callback, undefined);
  } }.queueMicrotask, 1);

  /* ---- structuredClone: the HTML structured clone algorithm for the
   * serializable types a sandboxed program can hold. ---- */
  var toStr = Object.prototype.toString;
  function cloneError(what) {
    return new DOMException(what + ' could not be cloned.', 'DataCloneError');
  }
  function describeForError(v) {
    if (typeof v === 'function') return String(v).replace(/\s+/g, ' ').slice(0, 80);
    if (typeof v === 'symbol') return String(v);
    var tag = toStr.call(v).slice(8, -1);
    return '#<' + (tag === 'Object' && v.constructor && v.constructor.name ? v.constructor.name : tag) + '>';
  }
  function cloneValue(v, memory) {
    if (typeof v === 'function' || typeof v === 'symbol') throw cloneError(describeForError(v));
    if (typeof v !== 'object' || v === null) return v;
    var seen = memory.get(v), out, i, keys, tag = toStr.call(v);
    if (seen !== undefined) return seen;
    switch (tag) {
      case '[object Boolean]': out = Object(Boolean.prototype.valueOf.call(v)); break;
      case '[object Number]': out = Object(Number.prototype.valueOf.call(v)); break;
      case '[object String]': out = Object(String.prototype.valueOf.call(v)); break;
      case '[object Date]': out = new Date(Date.prototype.getTime.call(v)); break;
      case '[object RegExp]': out = new RegExp(v.source, v.flags); break;
      case '[object ArrayBuffer]': out = v.slice(0); break;
      case '[object Error]': {
        var name = v.name, proto = Error.prototype;
        if (name === 'EvalError' || name === 'RangeError' || name === 'ReferenceError' || name === 'SyntaxError' ||
          name === 'TypeError' || name === 'URIError') proto = G[name].prototype;
        out = Object.create(proto);
        memory.set(v, out);
        if (Object.prototype.hasOwnProperty.call(v, 'message')) Object.defineProperty(out, 'message', { value: String(v.message), writable: true, configurable: true });
        if (typeof v.stack === 'string') Object.defineProperty(out, 'stack', { value: v.stack, writable: true, configurable: true });
        if (Object.prototype.hasOwnProperty.call(v, 'cause')) Object.defineProperty(out, 'cause', { value: cloneValue(v.cause, memory), writable: true, configurable: true });
        return out;
      }
      default: break;
    }
    if (out !== undefined) { memory.set(v, out); return out; }
    if (ArrayBuffer.isView(v)) {
      var buf = cloneValue(v.buffer, memory);
      out = (v instanceof DataView) ? new DataView(buf, v.byteOffset, v.byteLength)
        : new v.constructor(buf, v.byteOffset, v.length);
      memory.set(v, out);
      return out;
    }
    if (v instanceof G.Map) {
      out = new G.Map(); memory.set(v, out);
      var ents = [];
      v.forEach(function (val, key) { ents.push(key, val); });
      for (i = 0; i < ents.length; i += 2) out.set(cloneValue(ents[i], memory), cloneValue(ents[i + 1], memory));
      return out;
    }
    if (v instanceof G.Set) {
      out = new G.Set(); memory.set(v, out);
      var vals = [];
      v.forEach(function (val) { vals.push(val); });
      for (i = 0; i < vals.length; i++) out.add(cloneValue(vals[i], memory));
      return out;
    }
    if (Array.isArray(v)) {
      out = new Array(v.length);
    } else if (tag === '[object Object]' && !(v instanceof G.Promise) && !(v instanceof G.WeakMap) && !(v instanceof G.WeakSet) && !cc.isPromise(v)) {
      out = {};
    } else {
      throw cloneError(describeForError(v));
    }
    memory.set(v, out);
    keys = Object.keys(v);
    for (i = 0; i < keys.length; i++) out[keys[i]] = cloneValue(v[keys[i]], memory);
    return out;
  }
  def(G, 'structuredClone', { structuredClone(value) {
    if (arguments.length === 0) throw new TypeError("The \"value\" argument must be specified");
    return cloneValue(value, new G.Map());
  } }.structuredClone, 0); /* node 20's native takes its arguments unnamed: length 0 */

  /* ---- atob / btoa (forgiving-base64, HTML spec) ---- */
  var ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  var DECODE = Object.create(null);
  (function () { for (var i = 0; i < 64; i++) DECODE[ALPHA.charAt(i)] = i; }());

  def(G, 'btoa', { btoa(data) {
    if (arguments.length === 0) throw new TypeError('The "data" argument must be specified');
    var s = String(data), out = '', i, a, b, c;
    for (i = 0; i < s.length; i++) if (s.charCodeAt(i) > 255) throw new DOMException('Invalid character', 'InvalidCharacterError');
    for (i = 0; i + 2 < s.length; i += 3) {
      a = s.charCodeAt(i); b = s.charCodeAt(i + 1); c = s.charCodeAt(i + 2);
      out += ALPHA.charAt(a >> 2) + ALPHA.charAt(((a & 3) << 4) | (b >> 4)) + ALPHA.charAt(((b & 15) << 2) | (c >> 6)) + ALPHA.charAt(c & 63);
    }
    if (i + 1 === s.length) {
      a = s.charCodeAt(i);
      out += ALPHA.charAt(a >> 2) + ALPHA.charAt((a & 3) << 4) + '==';
    } else if (i + 2 === s.length) {
      a = s.charCodeAt(i); b = s.charCodeAt(i + 1);
      out += ALPHA.charAt(a >> 2) + ALPHA.charAt(((a & 3) << 4) | (b >> 4)) + ALPHA.charAt((b & 15) << 2) + '=';
    }
    return out;
  } }.btoa, 1);

  def(G, 'atob', { atob(data) {
    if (arguments.length === 0) throw new TypeError('The "data" argument must be specified');
    var s = String(data).replace(/[\t\n\f\r ]+/g, '');
    if (s.length % 4 === 0) s = s.replace(/==?$/, '');
    /* node's two messages: a character outside the alphabet, else a length no encoding has */
    if (/[^A-Za-z0-9+\/]/.test(s)) throw new DOMException('Invalid character', 'InvalidCharacterError');
    if (s.length % 4 === 1) {
      throw new DOMException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
    }
    var out = '', buf = 0, bits = 0, i;
    for (i = 0; i < s.length; i++) {
      buf = (buf << 6) | DECODE[s.charAt(i)];
      bits += 6;
      if (bits >= 8) { bits -= 8; out += String.fromCharCode((buf >> bits) & 255); }
    }
    return out;
  } }.atob, 1);

  /* ---- TextEncoder.prototype.encodeInto (WHATWG Encoding) ----
   * UTF-8 of src into dest, stopping before the first code point whose
   * bytes do not all fit (never a partial sequence); read counts UTF-16
   * code units, a lone surrogate is U+FFFD. Argument checks and messages
   * are node's (lib/internal/encoding.js). */
  var TE = G.TextEncoder;
  if (typeof TE === 'function') {
    Object.defineProperty(TE.prototype, 'encodeInto', { value: cc.setLengthName({ encodeInto(src, dest) {
      if (!(this instanceof TE)) {
        var e = new TypeError('Value of "this" must be of type TextEncoder');
        e.code = 'ERR_INVALID_THIS';
        throw e;
      }
      if (typeof src !== 'string') throw cc.argTypeError('src', 'of type string', cc.received(src));
      /* the class, not instanceof: a Buffer passes, an object made from
       * Uint8Array.prototype does not (node checks the typed array kind) */
      if (Object.prototype.toString.call(dest) !== '[object Uint8Array]') throw cc.argTypeError('dest', 'an instance of Uint8Array', cc.received(dest));
      var n = src.length, cap = dest.length, read = 0, written = 0;
      while (read < n) {
        var c = src.charCodeAt(read), units = 1;
        if (c >= 0xd800 && c <= 0xdfff) {
          var d = c <= 0xdbff && read + 1 < n ? src.charCodeAt(read + 1) : 0;
          if (d >= 0xdc00 && d <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            units = 2;
          } else {
            c = 0xfffd;
          }
        }
        var len = c < 0x80 ? 1 : (c < 0x800 ? 2 : (c < 0x10000 ? 3 : 4));
        if (written + len > cap) break;
        if (len === 1) {
          dest[written] = c;
        } else if (len === 2) {
          dest[written] = 0xc0 | (c >> 6);
          dest[written + 1] = 0x80 | (c & 0x3f);
        } else if (len === 3) {
          dest[written] = 0xe0 | (c >> 12);
          dest[written + 1] = 0x80 | ((c >> 6) & 0x3f);
          dest[written + 2] = 0x80 | (c & 0x3f);
        } else {
          dest[written] = 0xf0 | (c >> 18);
          dest[written + 1] = 0x80 | ((c >> 12) & 0x3f);
          dest[written + 2] = 0x80 | ((c >> 6) & 0x3f);
          dest[written + 3] = 0x80 | (c & 0x3f);
        }
        read += units;
        written += len;
      }
      return { read: read, written: written };
    } }.encodeInto, 2, 'encodeInto'), writable: true, enumerable: true, configurable: true });
  }
}(this));
