// TextEncoder.prototype.encodeInto: node's results (read in UTF-16 units, no
// partial sequence, lone surrogates as U+FFFD) and node's argument errors.
var enc = new TextEncoder(), out = [];
function t(src, n, ctor) {
  var u = ctor ? new ctor(n) : new Uint8Array(n);
  try { var r = enc.encodeInto(src, u); out.push(JSON.stringify([typeof src === "string" ? escape(src) : src, n, r, Object.keys(r), Array.prototype.slice.call(u)])); }
  catch (e) { out.push(JSON.stringify([src, n]) + ' ' + e.name + ': ' + e.message + ' ' + (e.code || '')); }
}
var cases = ['', 'abc', 'h\u00e9llo', '\u20ac', '\ud83d\ude00', 'a\ud83d\ude00b', '\ud800', 'a\ud800b', '\udc00x', '\ud83d', 'x\ud83d', '\ud83d\ude00\ud83d\ude00', 'a\u00e9\u20ac\ud83d\ude00'];
for (var i = 0; i < cases.length; i++) for (var n = 0; n <= 9; n++) t(cases[i], n);
t(123, 5); t(undefined, 12); t(null, 5); t({ toString: function () { return 'obj'; } }, 5);
t('abc', 4, Int8Array); t('abc', 4, Uint8ClampedArray); t('abc', 4, ArrayBuffer); t('abc', 4, Array);
try { enc.encodeInto('abc'); } catch (e) { out.push(e.name + ': ' + e.message); }
try { enc.encodeInto('abc', null); } catch (e) { out.push(e.name + ': ' + e.message); }
try { TextEncoder.prototype.encodeInto.call({}, 'a', new Uint8Array(2)); } catch (e) { out.push(e.name + ': ' + e.message); }
var big = new Uint8Array(10), sub = big.subarray(3, 6); out.push(JSON.stringify(enc.encodeInto('h\u00e9llo', sub)), Array.prototype.slice.call(big).join(','));
out.push(TextEncoder.prototype.encodeInto.length, TextEncoder.prototype.encodeInto.name, Object.getOwnPropertyDescriptor(TextEncoder.prototype, 'encodeInto').enumerable, typeof Object.getOwnPropertyDescriptor(TextEncoder.prototype, 'encode').enumerable);
var r = enc.encodeInto('ab', new Uint8Array(4)); out.push(Object.getPrototypeOf(r) === Object.prototype);
console.log(out.join('\n'));
