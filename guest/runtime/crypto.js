/*
 * crypto.js: the `crypto` global's random half of Web Crypto, as node 20 has
 * it: crypto.getRandomValues(typedArray) and crypto.randomUUID(). There is no
 * crypto.subtle (no key material or digests in the sandbox).
 * Runs in: guest, a lazy unit loaded on first use (trusted bytecode). Input: values from untrusted user code.
 *
 * Bytes come from __cc.randomBytes, getrandom(2) in the guest (allowed by the
 * seccomp filter): the kernel CSPRNG, not Math.random.
 */
(function (cc) {
  'use strict';
  /* A lazy unit (guest/runtime/lazy.js): run with `this` = the internal __cc. */
  var G = cc.global;
  if (typeof cc.randomBytes !== 'function') return; /* duk test runs: no native */
  var randomBytes = cc.randomBytes;
  /* Web Crypto's per-call limit. */
  var MAX_BYTES = 65536;
  var INTEGER_ARRAYS = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
    'Int32Array', 'Uint32Array'];

  var Crypto = function Crypto() { throw new TypeError('Illegal constructor'); };
  var crypto = Object.create(Crypto.prototype);
  Object.defineProperty(Crypto.prototype, 'constructor', { value: Crypto, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(Crypto.prototype, Symbol.toStringTag, { value: 'Crypto', configurable: true });

  cc.def(Crypto.prototype, 'getRandomValues', function getRandomValues(array) {
    if (this !== crypto) {
      var te = new TypeError('Value of "this" must be of type Crypto');
      te.code = 'ERR_INVALID_THIS';
      throw te;
    }
    var tag = ArrayBuffer.isView(array) ? Object.prototype.toString.call(array).slice(8, -1) : '';
    if (INTEGER_ARRAYS.indexOf(tag) < 0)
      throw new G.DOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
    if (array.byteLength > MAX_BYTES)
      throw new G.DOMException('The ArrayBufferView\'s byte length (' + array.byteLength +
        ') exceeds the number of bytes of entropy available via this API (' + MAX_BYTES + ')', 'QuotaExceededError');
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(randomBytes(array.byteLength));
    return array;
  }, 1);

  var HEX = '0123456789abcdef';
  cc.def(Crypto.prototype, 'randomUUID', function randomUUID() {
    var b = randomBytes(16), s = '';
    b[6] = (b[6] & 0x0f) | 0x40; /* version 4 */
    b[8] = (b[8] & 0x3f) | 0x80; /* RFC 4122 variant */
    for (var i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
      s += HEX.charAt(b[i] >> 4) + HEX.charAt(b[i] & 15);
    }
    return s;
  }, 0);

  Object.defineProperty(G, 'Crypto', { value: Crypto, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(G, 'crypto', { value: crypto, writable: true, enumerable: false, configurable: true });
}(this));
