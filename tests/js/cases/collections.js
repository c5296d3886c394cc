var m = new Map([[1, 'a'], [NaN, 'n'], [-0, 'z'], ['1', 's']]);
console.log(m.size, m.get(1), m.get(NaN), m.get(0), m.get('1'), 1 / Array.from(m.keys())[2]);
var o = {}, fz = Object.freeze({});
m.set(o, 'obj').set(fz, 'frozen');
console.log(m.get(o), m.get(fz), m.has({}), JSON.stringify(Object.keys(o)), JSON.stringify(Object.getOwnPropertyNames(o)), JSON.stringify(o));
var out = [];
m.forEach(function (v, k) { out.push(String(k)); if (k === 1) { m.delete('1'); m.set('new', 1); } });
console.log(out.join(','));
var s = new Set([3, 1, 3, 2]); var r = [];
s.forEach(function (v) { r.push(v); if (v === 3) s.delete(1); if (v === 2) s.add(9); });
console.log(r.join(','), s.size);
var it2 = s.values(); console.log(JSON.stringify(it2.next())); s.clear(); s.add('x');
console.log(JSON.stringify(it2.next()), JSON.stringify(it2.next()), JSON.stringify(it2.next()));
var wm = new WeakMap(); var k = {}; wm.set(k, 1);
console.log(wm.get(k), wm.has({}), wm.delete(k), wm.has(k), wm.get(1));
var ws = new WeakSet([k]); console.log(ws.has(k), ws.has(fz), ws.add(fz).has(fz), ws.delete(fz), ws.has(fz));
try { wm.set(1, 2); } catch (e) { console.log(e.name); }
try { new WeakSet().add('s'); } catch (e) { console.log(e.name); }
try { Map(); } catch (e) { console.log(e.name); }
try { Map.prototype.get.call({}, 1); } catch (e) { console.log(e.name); }
console.log(Object.prototype.toString.call(m), Object.prototype.toString.call(m.entries()), Object.prototype.toString.call(new Set().values()));
console.log(JSON.stringify(Array.from(new Map([[1, 2], [3, 4]]))), JSON.stringify(Array.from(new Set('hello'))), JSON.stringify(Array.from(new Set([1, 2]).entries())));
console.log(Map.prototype[Symbol.iterator] === Map.prototype.entries, Set.prototype.keys === Set.prototype.values, Map.length, Map.prototype.set.length);
var big = new Map(); for (var i = 0; i < 1000; i++) big.set('k' + i, i); for (i = 0; i < 1000; i += 2) big.delete('k' + i);
var sum = 0; big.forEach(function (v) { sum += v; }); console.log(big.size, sum, big.get('k999'), big.has('k998'));
var key = Symbol('s'); var sm = new Map([[key, 'sym'], [null, 'null'], [undefined, 'undef'], [true, 'true']]);
console.log(sm.get(key), sm.get(null), sm.get(undefined), sm.get(true), sm.get(false), sm.size);
var live = new Map([[1, 1]]); var li = live[Symbol.iterator](); live.set(2, 2); live.delete(1);
console.log(JSON.stringify(li.next()), JSON.stringify(li.next()));
console.log(Object.keys(Map.prototype).length, Object.keys(new Map([[1, 1]])).length);
