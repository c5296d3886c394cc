// Object spread {...a, k: v}: the result is built without a prototype and
// given Object.prototype at the end (guest/compiler/rt/misc.js, ospread);
// everything a program can observe must be what node prints.
const sym = Symbol('s');
const x = { a: 1, b: 2, [sym]: 3, 10: 'ten', 2: 'two' };
Object.defineProperty(x, 'hidden', { value: 1, enumerable: false });
const show = (o) => JSON.stringify(Object.getOwnPropertyNames(o).map((k) => {
  const d = Object.getOwnPropertyDescriptor(o, k);
  return k + ':' + ('value' in d ? String(d.value) : 'accessor') + (d.writable === false ? ':ro' : '') +
    (d.enumerable ? '' : ':hidden') + (d.configurable ? '' : ':fixed');
}));
console.log('basic', show({ ...x }), Object.getOwnPropertySymbols({ ...x }).length, Object.getPrototypeOf({ ...x }) === Object.prototype);
console.log('order', show({ z: 0, ...x, c: 3, 1: 'one' }));
const lit = { z: 0, ...x, get acc() { return 'A'; }, ...{ acc: 'over' }, c: 3 };
console.log('accessor then data', show(lit));
const lit2 = { get g() { return 'G'; }, set s(v) { this.seen = v; }, ...{ s: 'data', g: 'gd' } };
console.log('accessors replaced', show(lit2));
const g = { get v() { return 'got'; } };
console.log('getter source', show({ ...g }));
console.log('primitives', show({ ...'hey', ...[7, 8], ...null, ...undefined, ...5, ...true }));
const seen = [];
Object.defineProperty(Object.prototype, 'q', { set(v) { seen.push(v); }, get() { return 'proto q'; }, configurable: true });
const r = { ...{ q: 1 }, w: 2 };
console.log('prototype setter not called', seen.length, show(r), ({}).q);
delete Object.prototype.q;
console.log('__proto__ key', show({ ...x, ['__proto__']: 5 }), Object.getPrototypeOf({ ...{ ['__proto__']: 6 } }) === Object.prototype);
const order = [];
const src = {
  get first() { order.push('first'); delete this.second; Object.defineProperty(this, 'third', { enumerable: false }); return 1; },
  second: 2,
  third: 3,
  fourth: 4,
};
console.log('getter deletes and hides', show({ ...src }), order.join(','));
const inst = new (class P { constructor() { this.own = 1; } get proto() { return 2; } })();
console.log('class instance', show({ ...inst }));
const arr = [1, 2];
arr.extra = 'e';
console.log('array source', show({ ...arr }));
const frozen = Object.freeze({ f: 1 });
const copy = { ...frozen };
copy.f = 2;
console.log('frozen source, copy writable', copy.f, Object.isFrozen(copy));
const nested = { o: { deep: 1 } };
const sh = { ...nested };
console.log('shallow', sh.o === nested.o);
const rows = Array.from({ length: 300 }, (_, i) => ({ id: i, name: 'n' + i }));
const merged = rows.map((row) => ({ ...row, total: row.id * 2 }));
console.log('map spread', merged.length, show(merged[299]));
const byId = rows.reduce((acc, row) => ({ ...acc, [row.id]: row.name }), {});
console.log('reduce spread', Object.keys(byId).length, byId[250], Object.keys(byId).slice(0, 3).join(','));
try { ({ ...{ get boom() { throw new Error('boom'); } } }); } catch (e) { console.log('throwing getter', e.message); }
