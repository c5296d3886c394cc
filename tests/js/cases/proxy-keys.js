// codecell-only: trap keys are ToPropertyKey'd by patches to Duktape (guest/duk/patch-duktape.py, proxy-*-key, reflect-*-key); Debian's duk passes the key as written.
// A Proxy's traps receive the property key as ToPropertyKey made it (a
// string or a Symbol).
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
