/*
 * buffer.js: node's Buffer, the part programs use: Buffer.from / alloc /
 * allocUnsafe / concat / byteLength / isBuffer / isEncoding / compare, and on
 * instances toString / toJSON / equals / compare / slice / subarray / write /
 * fill / indexOf / includes / copy and the fixed-width read/write methods,
 * with the encodings utf8, hex, base64, base64url, latin1 (binary), ascii and
 * utf16le (ucs2).
 * Runs in: guest, a lazy unit loaded on first use (trusted bytecode). Input: values from untrusted user code.
 *
 * Duktape's own `Buffer` is its old Node.js binding (no from, alloc, hex or
 * base64), so it is replaced. A Buffer is a Uint8Array whose prototype is
 * Buffer.prototype (itself inheriting Uint8Array.prototype), as in node:
 * `buf instanceof Uint8Array`, indexing and typed-array methods work, and
 * slice/subarray share memory and return Buffers. Text conversion uses the
 * runtime's TextEncoder/TextDecoder (UTF-8, lone surrogates as U+FFFD).
 */
(function (cc) {
  'use strict';
  /* A lazy unit (guest/runtime/lazy.js): run with `this` = the internal __cc. */
  var G = cc.global;
  var impl = {};
  var def = cc.def;
  var U8 = Uint8Array;
  var U8P = U8.prototype;
  var setProto = Object.setPrototypeOf;
  var tag = function (v) { return Object.prototype.toString.call(v); };
  /* node's buffer.constants.MAX_LENGTH on 64-bit is 2^32; the heap cap
   * stops real programs long before. */
  var MAX_LENGTH = 4294967296;
  /* node's inspect shows this many bytes (buffer.INSPECT_MAX_BYTES). */
  var INSPECT_MAX_BYTES = 50;

  var ENCODINGS = { utf8: 'utf8', 'utf-8': 'utf8', hex: 'hex', base64: 'base64', base64url: 'base64url',
    latin1: 'latin1', binary: 'latin1', ascii: 'ascii', utf16le: 'utf16le', 'utf-16le': 'utf16le',
    ucs2: 'utf16le', 'ucs-2': 'utf16le' };

  function argType(name, what, v) {
    return cc.argTypeError(name, what, cc.describe(v));
  }
  function encodingOf(enc) {
    if (enc === undefined || enc === null) return 'utf8';
    var e = ENCODINGS[String(enc).toLowerCase()];
    if (!e) {
      var err = new TypeError('Unknown encoding: ' + enc);
      err.code = 'ERR_UNKNOWN_ENCODING';
      throw err;
    }
    return e;
  }
  function make(u8) {
    setProto(u8, Buffer.prototype);
    return u8;
  }
  function checkSize(size) {
    if (typeof size !== 'number') throw argType('size', 'of type number', size);
    if (!(size >= 0 && size <= MAX_LENGTH)) {
      var e = new RangeError('The value of "size" is out of range. It must be >= 0 && <= ' + MAX_LENGTH +
        '. Received ' + String(size));
      e.code = 'ERR_OUT_OF_RANGE';
      throw e;
    }
    return Math.floor(size);
  }

  /* ---- encoders: string -> bytes ---- */
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  var B64REV = {};
  for (var bi = 0; bi < 64; bi++) B64REV[B64.charAt(bi)] = bi;
  B64REV['-'] = 62;
  B64REV._ = 63;

  function encode(str, enc) {
    var i, out, n = str.length;
    switch (enc) {
    case 'utf8': return new G.TextEncoder().encode(str);
    case 'latin1':
    case 'ascii':
      out = new U8(n);
      for (i = 0; i < n; i++) out[i] = str.charCodeAt(i) & 255;
      return out;
    case 'utf16le':
      out = new U8(n * 2);
      for (i = 0; i < n; i++) { var c = str.charCodeAt(i); out[2 * i] = c & 255; out[2 * i + 1] = c >> 8; }
      return out;
    case 'hex': {
      /* node stops at the first pair that is not two hex digits */
      var len = 0;
      out = new U8(n >> 1);
      for (i = 0; i + 1 < n; i += 2) {
        var hi = parseInt(str.charAt(i), 16), lo = parseInt(str.charAt(i + 1), 16);
        if (hi !== hi || lo !== lo) break;
        out[len++] = hi * 16 + lo;
      }
      return len === out.length ? out : out.subarray(0, len);
    }
    default: { /* base64 and base64url: both alphabets, other characters skipped */
      var bytes = [], acc = 0, bits = 0;
      for (i = 0; i < n; i++) {
        var ch = str.charAt(i);
        if (ch === '=') break;
        var v = B64REV[ch];
        if (v === undefined) continue;
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) { bits -= 8; bytes.push((acc >> bits) & 255); }
      }
      return new U8(bytes);
    }
    }
  }

  /* ---- decoders: bytes -> string ---- */
  function decode(u8, enc, start, end) {
    var i, s = '', v = u8.subarray(start, end), n = v.length;
    switch (enc) {
    case 'utf8': return new G.TextDecoder().decode(v);
    case 'latin1':
      for (i = 0; i < n; i += 4096) s += String.fromCharCode.apply(null, Array.prototype.slice.call(v.subarray(i, i + 4096)));
      return s;
    case 'ascii':
      for (i = 0; i < n; i++) s += String.fromCharCode(v[i] & 127);
      return s;
    case 'utf16le':
      for (i = 0; i + 1 < n; i += 2) s += String.fromCharCode(v[i] | (v[i + 1] << 8));
      return s;
    case 'hex':
      for (i = 0; i < n; i++) s += (v[i] < 16 ? '0' : '') + v[i].toString(16);
      return s;
    default: {
      var url = enc === 'base64url';
      var alpha = url ? B64.slice(0, 62) + '-_' : B64;
      for (i = 0; i + 2 < n; i += 3) {
        var t = (v[i] << 16) | (v[i + 1] << 8) | v[i + 2];
        s += alpha.charAt(t >> 18) + alpha.charAt((t >> 12) & 63) + alpha.charAt((t >> 6) & 63) + alpha.charAt(t & 63);
      }
      if (n - i === 1) s += alpha.charAt(v[i] >> 2) + alpha.charAt((v[i] & 3) << 4) + (url ? '' : '==');
      else if (n - i === 2) {
        var t2 = (v[i] << 8) | v[i + 1];
        s += alpha.charAt(t2 >> 10) + alpha.charAt((t2 >> 4) & 63) + alpha.charAt((t2 & 15) << 2) + (url ? '' : '=');
      }
      return s;
    }
    }
  }

  function isBuffer(v) { return v instanceof Buffer; }
  function isU8(v) { return ArrayBuffer.isView(v) && tag(v) === '[object Uint8Array]'; }

  /* Buffer(arg, enc): node's deprecated call form, as from/alloc. */
  var Buffer = function Buffer(arg, encodingOrOffset, length) {
    if (typeof arg === 'number') return Buffer.alloc(arg);
    return Buffer.from(arg, encodingOrOffset, length);
  };
  Buffer.prototype = Object.create(U8P);
  Object.defineProperty(Buffer.prototype, 'constructor', { value: Buffer, writable: true, enumerable: false, configurable: true });
  setProto(Buffer, U8);
  Object.defineProperty(Buffer, 'length', { value: 3, configurable: true });

  def(Buffer, 'from', { from(value, encodingOrOffset, length) {
    if (typeof value === 'string') return make(encode(value, encodingOrOffset === undefined ? 'utf8' : encodingOf(encodingOrOffset)));
    if (value !== null && typeof value === 'object') {
      var t = tag(value);
      if (t === '[object ArrayBuffer]') {
        var off = encodingOrOffset === undefined ? 0 : Number(encodingOrOffset) || 0;
        var len = length === undefined ? value.byteLength - off : Number(length) || 0;
        if (off < 0 || off > value.byteLength) {
          var re = new RangeError('"offset" is outside of buffer bounds');
          re.code = 'ERR_BUFFER_OUT_OF_BOUNDS';
          throw re;
        }
        if (len < 0 || off + len > value.byteLength) {
          var rl = new RangeError('"length" is outside of buffer bounds');
          rl.code = 'ERR_BUFFER_OUT_OF_BOUNDS';
          throw rl;
        }
        return make(new U8(value, off, len));
      }
      if (ArrayBuffer.isView(value)) {
        /* a copy of the view's elements (bytes for a Uint8Array/Buffer) */
        var out = new U8(value.length);
        for (var i = 0; i < value.length; i++) out[i] = value[i] & 255;
        return make(out);
      }
      if (value.type === 'Buffer' && Array.isArray(value.data)) return Buffer.from(value.data);
      if (typeof value.length === 'number' || Array.isArray(value)) {
        var n = value.length >>> 0, arr = new U8(n);
        for (var j = 0; j < n; j++) arr[j] = Number(value[j]) & 255;
        return make(arr);
      }
      var prim = typeof value.valueOf === 'function' ? value.valueOf() : value;
      if (prim !== value && prim !== null && prim !== undefined) return Buffer.from(prim, encodingOrOffset, length);
    }
    throw argType('first', 'of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object', value);
  } }.from, 3);

  def(Buffer, 'alloc', { alloc(size, fill, encoding) {
    var b = make(new U8(checkSize(size)));
    if (fill !== undefined && fill !== 0 && b.length) b.fill(fill, 0, b.length, encoding);
    return b;
  } }.alloc, 3);
  def(Buffer, 'allocUnsafe', { allocUnsafe(size) { return make(new U8(checkSize(size))); } }.allocUnsafe, 1);
  def(Buffer, 'allocUnsafeSlow', { allocUnsafeSlow(size) { return make(new U8(checkSize(size))); } }.allocUnsafeSlow, 1);
  def(Buffer, 'isBuffer', { isBuffer(v) { return isBuffer(v); } }.isBuffer, 1);
  def(Buffer, 'isEncoding', { isEncoding(e) { return typeof e === 'string' && ENCODINGS.hasOwnProperty(e.toLowerCase()); } }.isEncoding, 1);
  def(Buffer, 'byteLength', { byteLength(s, enc) {
    if (typeof s === 'string') return encode(s, encodingOf(enc)).length;
    if (ArrayBuffer.isView(s) || tag(s) === '[object ArrayBuffer]') return s.byteLength;
    throw argType('string', 'of type string or an instance of Buffer or ArrayBuffer', s);
  } }.byteLength, 2);
  def(Buffer, 'concat', { concat(list, totalLength) {
    if (!Array.isArray(list)) throw argType('list', 'an instance of Array', list);
    var total = 0, i;
    for (i = 0; i < list.length; i++) {
      if (!isU8(list[i])) throw argType('list[' + i + ']', 'an instance of Buffer or Uint8Array', list[i]);
      total += list[i].length;
    }
    if (totalLength !== undefined) total = checkSize(totalLength);
    var out = new U8(total), at = 0;
    for (i = 0; i < list.length && at < total; i++) {
      var part = list[i].length > total - at ? list[i].subarray(0, total - at) : list[i];
      out.set(part, at);
      at += part.length;
    }
    return make(out);
  } }.concat, 2);
  function compareBytes(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }
  def(Buffer, 'compare', { compare(a, b) {
    if (!isU8(a)) throw argType('buf1', 'an instance of Buffer or Uint8Array', a);
    if (!isU8(b)) throw argType('buf2', 'an instance of Buffer or Uint8Array', b);
    return compareBytes(a, b);
  } }.compare, 2);
  cc.defConst(Buffer, 'poolSize', 8192);

  var BP = Buffer.prototype;
  function clampRange(len, start, end) {
    start = start === undefined ? 0 : Math.max(0, Math.min(len, Math.trunc(Number(start)) || 0));
    end = end === undefined ? len : Math.max(0, Math.min(len, Math.trunc(Number(end)) || 0));
    return [start, Math.max(start, end)];
  }
  def(BP, 'toString', { toString(encoding, start, end) {
    if (arguments.length === 0) return decode(this, 'utf8', 0, this.length);
    var r = clampRange(this.length, start, end);
    return decode(this, encodingOf(encoding), r[0], r[1]);
  } }.toString, 3);
  def(BP, 'toLocaleString', { toLocaleString(encoding, start, end) { return BP.toString.apply(this, arguments); } }.toLocaleString, 0);
  def(BP, 'toJSON', { toJSON() { return { type: 'Buffer', data: Array.prototype.slice.call(this) }; } }.toJSON, 0);
  def(BP, 'equals', { equals(other) {
    if (!isU8(other)) throw argType('otherBuffer', 'an instance of Buffer or Uint8Array', other);
    return compareBytes(this, other) === 0;
  } }.equals, 1);
  def(BP, 'compare', { compare(target) {
    if (!isU8(target)) throw argType('target', 'an instance of Buffer or Uint8Array', target);
    return compareBytes(this, target);
  } }.compare, 1);
  def(BP, 'subarray', { subarray(start, end) {
    var len = this.length;
    var s = start === undefined ? 0 : Math.trunc(Number(start)) || 0, e = end === undefined ? len : Math.trunc(Number(end)) || 0;
    if (s < 0) s = Math.max(0, len + s);
    if (e < 0) e = Math.max(0, len + e);
    s = Math.min(s, len);
    e = Math.max(s, Math.min(e, len));
    return make(U8P.subarray.call(this, s, e));
  } }.subarray, 2);
  /* node's Buffer#slice shares memory (unlike Uint8Array#slice) */
  def(BP, 'slice', { slice(start, end) { return BP.subarray.call(this, start, end); } }.slice, 2);
  def(BP, 'write', { write(string, offset, length, encoding) {
    if (typeof offset === 'string') { encoding = offset; offset = 0; length = undefined; }
    else if (typeof length === 'string') { encoding = length; length = undefined; }
    offset = offset === undefined ? 0 : offset >>> 0;
    var bytes = encode(String(string), encodingOf(encoding));
    var n = Math.min(bytes.length, this.length - offset, length === undefined ? Infinity : length >>> 0);
    if (n <= 0) return 0;
    this.set(bytes.subarray(0, n), offset);
    return n;
  } }.write, 4);
  def(BP, 'fill', { fill(value, offset, end, encoding) {
    if (typeof offset === 'string') { encoding = offset; offset = 0; end = this.length; }
    var r = clampRange(this.length, offset, end);
    var pat = typeof value === 'number' ? [value & 255]
      : typeof value === 'string' ? encode(value, encodingOf(encoding))
      : isU8(value) ? value : [Number(value) & 255];
    if (!pat.length) pat = [0];
    for (var i = r[0], k = 0; i < r[1]; i++, k = (k + 1) % pat.length) this[i] = pat[k];
    return this;
  } }.fill, 4);
  function needle(v, enc) {
    if (typeof v === 'string') return encode(v, encodingOf(enc));
    if (typeof v === 'number') return [v & 255];
    if (isU8(v)) return v;
    throw argType('value', 'one of type number or string or an instance of Buffer or Uint8Array', v);
  }
  def(BP, 'indexOf', { indexOf(value, byteOffset, encoding) {
    if (typeof byteOffset === 'string') { encoding = byteOffset; byteOffset = 0; }
    var nd = needle(value, encoding), len = this.length;
    var from = byteOffset === undefined ? 0 : Math.trunc(Number(byteOffset)) || 0;
    if (from < 0) from = Math.max(0, len + from);
    if (nd.length === 0) return Math.min(from, len);
    outer: for (var i = from; i + nd.length <= len; i++) {
      for (var j = 0; j < nd.length; j++) if (this[i + j] !== nd[j]) continue outer;
      return i;
    }
    return -1;
  } }.indexOf, 3);
  def(BP, 'includes', { includes(value, byteOffset, encoding) { return BP.indexOf.call(this, value, byteOffset, encoding) !== -1; } }.includes, 3);
  def(BP, 'copy', { copy(target, targetStart, sourceStart, sourceEnd) {
    if (!isU8(target)) throw argType('target', 'an instance of Buffer or Uint8Array', target);
    targetStart = targetStart === undefined ? 0 : targetStart >>> 0;
    var r = clampRange(this.length, sourceStart, sourceEnd);
    var n = Math.max(0, Math.min(r[1] - r[0], target.length - targetStart));
    if (n > 0) target.set(U8P.subarray.call(this, r[0], r[0] + n), targetStart);
    return n;
  } }.copy, 4);

  /* Fixed-width reads and writes through a DataView on the same bytes. */
  function view(b) { return new DataView(b.buffer, b.byteOffset, b.byteLength); }
  function checkOffset(b, offset, size) {
    offset = offset === undefined ? 0 : offset;
    if (typeof offset !== 'number') throw argType('offset', 'of type number', offset);
    if (offset !== Math.floor(offset) || offset < 0 || offset + size > b.length) {
      var e = new RangeError('The value of "offset" is out of range. It must be >= 0 and <= ' + (b.length - size) +
        '. Received ' + offset);
      e.code = 'ERR_OUT_OF_RANGE';
      throw e;
    }
    return offset;
  }
  [['UInt8', 'Uint8', 1], ['Int8', 'Int8', 1], ['UInt16LE', 'Uint16', 2, true], ['UInt16BE', 'Uint16', 2, false],
    ['Int16LE', 'Int16', 2, true], ['Int16BE', 'Int16', 2, false], ['UInt32LE', 'Uint32', 4, true],
    ['UInt32BE', 'Uint32', 4, false], ['Int32LE', 'Int32', 4, true], ['Int32BE', 'Int32', 4, false],
    ['FloatLE', 'Float32', 4, true], ['FloatBE', 'Float32', 4, false], ['DoubleLE', 'Float64', 8, true],
    ['DoubleBE', 'Float64', 8, false]].forEach(function (m) {
    var name = m[0], dv = m[1], size = m[2], little = !!m[3];
    /* one function object per name (def names it); methods, not constructors */
    var rd = function () {
      return { read(offset) { return view(this)['get' + dv](checkOffset(this, offset, size), little); } }.read;
    };
    var wr = function () {
      return { write(value, offset) {
        offset = checkOffset(this, offset, size);
        view(this)['set' + dv](offset, Number(value), little);
        return offset + size;
      } }.write;
    };
    def(BP, 'read' + name, rd(), 1);
    def(BP, 'write' + name, wr(), 2);
    if (name.indexOf('UInt') === 0) {
      def(BP, 'readUint' + name.slice(4), rd(), 1);
      def(BP, 'writeUint' + name.slice(4), wr(), 2);
    }
  });

  impl.inspect = function (b) {
    var n = Math.min(b.length, INSPECT_MAX_BYTES), s = '<Buffer';
    for (var i = 0; i < n; i++) s += ' ' + (b[i] < 16 ? '0' : '') + b[i].toString(16);
    if (b.length > n) s += ' ... ' + (b.length - n) + ' more byte' + (b.length - n > 1 ? 's' : '');
    return s + '>';
  };
  impl.isBuffer = isBuffer;
  Object.defineProperty(G, 'Buffer', { value: Buffer, writable: true, enumerable: false, configurable: true });
  /* The completion value: console's hooks (lazy.js hands them to core.js). */
  return impl;
}(this));
