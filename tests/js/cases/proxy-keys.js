// codecell-only: trap keys are ToPropertyKey'd by patches to Duktape (guest/duk/patch-duktape.py, proxy-*-key, reflect-*-key); Debian's duk passes the key as written.
// A Proxy's traps receive the property key as ToPropertyKey made it (a
// string or a Symbol), and the runtime's Array methods read a proxied
// array in the spec's order: length, then the callback check, then
// constructor (ArraySpeciesCreate), then the elements.
function show(k) { return typeof k === 'symbol' ? 'symbol:' + k.description : typeof k + ':' + String(k); }

var log = [];
var handler = {
  get: function (t, k) { log.push('get ' + show(k)); return Reflect.get(t, k); },
  set: function (t, k, v) { log.push('set ' + show(k)); return Reflect.set(t, k, v); },
  has: function (t, k) { log.push('has ' + show(k)); return Reflect.has(t, k); },
  deleteProperty: function (t, k) { log.push('delete ' + show(k)); return Reflect.deleteProperty(t, k); },
};
function flush(what) { console.log(what + ': ' + log.join(', ')); log = []; }

var p = new Proxy([10, 20, 30], handler);
var toStringCalls = 0;
var keyObj = { toString: function () { toStringCalls++; return 'k'; } };
[-1, 0, 1, 1.5, -0, 1e21, 2 ** 32, NaN, true, null, undefined, keyObj, Symbol('s'), Symbol.iterator, 'len'].forEach(function (k) {
  p[k];
  p[k] = 1;
  k in p;
  delete p[k];
  flush('operators ' + show(k));
  Reflect.get(p, k); Reflect.set(p, k, 2); Reflect.has(p, k); Reflect.deleteProperty(p, k);
  flush('Reflect ' + show(k));
});
console.log('object key toString calls: ' + toStringCalls);

// Reflect on a plain target with a Symbol key (the forwarding trap's call).
var o = {};
var sym = Symbol('t');
console.log(Reflect.set(o, sym, 5), Reflect.get(o, sym), Reflect.has(o, sym), Reflect.deleteProperty(o, sym), Reflect.has(o, sym));
console.log(typeof Reflect.get([], Symbol.iterator), Reflect.get([7], 0), Reflect.get([7], '0'));

// Iterating a proxied array reads Symbol.iterator through the trap (the
// reads after it are left out: the compiler's spread reads length once).
var arr = new Proxy([1, 2, 3], handler);
console.log([...arr].join(','));
log = log.slice(0, 1);
flush('spread');

// Array methods on a proxied array: the order of the reads.
function fresh() { return new Proxy([1, [2, 3], 4], handler); }
var r;
r = fresh().map(function (x) { return x; }); flush('map');
r = fresh().filter(function () { return true; }); flush('filter');
r = fresh().slice(1); flush('slice');
r = fresh().splice(0, 1); flush('splice');
r = fresh().concat([5]); flush('concat');
r = fresh().flat(); flush('flat');
r = fresh().flatMap(function (x) { return x; }); flush('flatMap');
['map', 'filter', 'flatMap'].forEach(function (m) {
  try { fresh()[m](42); } catch (e) { log.push(e.constructor.name); }
  flush(m + ' with a non-callable');
});

// A constructor getter on a plain array is read once, after length.
var a = [1, 2];
var ctorReads = 0;
Object.defineProperty(a, 'constructor', { get: function () { ctorReads++; return Array; } });
a.map(function (x) { return x * 2; });
a.filter(Boolean);
a.slice(0);
a.concat([3]);
console.log('constructor getter reads: ' + ctorReads);
