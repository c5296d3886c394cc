// indexOf, lastIndexOf and includes: on a dense array the engine compares
// the elements where they lie (guest/duk/patch-duktape.py, array-find-dense);
// every case here must print what node prints, on that path and off it.
function all(name, a, v, from) {
  var args = from === undefined ? [v] : [v, from];
  console.log(name, a.indexOf.apply(a, args), a.lastIndexOf.apply(a, args), a.includes.apply(a, args));
}
var o = { k: 1 }, o2 = { k: 1 };
var a = [1, '1', o, null, undefined, NaN, -0, 'x', true, o, 1];
all('number', a, 1);
all('string', a, '1');
all('object', a, o);
all('equal object', a, o2);
all('null', a, null);
all('undefined', a, undefined);
all('NaN', a, NaN);
all('+0', a, 0);
all('-0', a, -0);
all('boolean', a, true);
all('missing', a, 'nope');
all('from 2', a, 1, 2);
all('from -1', a, 1, -1);
all('from -100', a, 1, -100);
all('from 100', a, 1, 100);
all('from 1.7', a, 1, 1.7);
all('from NaN', a, 1, NaN);
all('from string', a, 'x', '3');
all('empty', [], undefined);

// holes: indexOf skips them, includes reads undefined, both see the prototype
var holey = [1, , 3];
all('hole, undefined', holey, undefined);
Array.prototype[1] = 'proto';
all('hole, proto value', holey, 'proto');
delete Array.prototype[1];
var longHoley = [];
for (var i = 0; i < 100; i++) longHoley[i * 2] = i;
all('many holes', longHoley, 49);
all('many holes, undefined', longHoley, undefined);

// fromIndex's valueOf changes the array before the scan
var shrink = [1, 2, 3, 4, 5];
var fromShrink = { valueOf: function () { shrink.length = 2; return 0; } };
console.log('shrunk', shrink.indexOf(4, fromShrink), [1, 2, 3, 4, 5].includes(4, { valueOf: function () { return 0; } }));
var shrink2 = [1, 2, 3, 4, 5];
console.log('shrunk includes', shrink2.includes(undefined, { valueOf: function () { shrink2.length = 2; return 0; } }));
var grow = [1, 2, 3];
console.log('grown', grow.indexOf(9, { valueOf: function () { grow.push(9); return 0; } }),
  grow.includes(10, { valueOf: function () { grow.push(10); return 0; } }));
Array.prototype[3] = 'inherited';
var shrink3 = [0, 1, 2, 3, 4];
console.log('shrunk, inherited', shrink3.indexOf('inherited', { valueOf: function () { shrink3.length = 3; return 0; } }));
delete Array.prototype[3];

// a getter element, a frozen array, a Proxy, an array-like, a string
var acc = [1, 2, 3];
var reads = 0;
Object.defineProperty(acc, 1, { get: function () { reads++; return 'g'; }, enumerable: true, configurable: true });
all('getter', acc, 'g');
console.log('getter reads', reads);
all('frozen', Object.freeze([5, 6, 7]), 7);
var log = [];
var p = new Proxy([1, 2, 3], {
  get: function (t, k) { log.push('get ' + String(k)); return t[k]; },
  has: function (t, k) { log.push('has ' + String(k)); return k in t; }
});
console.log('proxy', Array.prototype.includes.call(p, 2), log.join(','));
// (indexOf on a Proxy: Duktape's native asks no `has` trap, node does;
// a deviation of Duktape's own, docs/RUNTIME.md)
var like = { length: 3, 0: 'a', 1: 'b', 2: 'c' };
console.log('array-like', Array.prototype.indexOf.call(like, 'c'), Array.prototype.includes.call(like, 'b'), Array.prototype.lastIndexOf.call(like, 'a'));
console.log('string', Array.prototype.includes.call('abc', 'b'), Array.prototype.indexOf.call('abc', 'c'));

// many elements, strings built at run time (equal strings are one value)
var big = [], parts = [];
for (i = 0; i < 5000; i++) { big.push('k' + i); parts.push(i); }
console.log('big', big.indexOf('k' + 4999), big.includes('k' + 2500), big.lastIndexOf('k0'), big.includes('k5000'), parts.indexOf(4999.5));
var uniq = [];
for (i = 0; i < 3000; i++) if (!uniq.includes(i % 700)) uniq.push(i % 700);
console.log('dedupe', uniq.length, uniq[699]);
