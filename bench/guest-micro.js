// bench/guest-micro.js: per-operation cost of a few runtime operations on
// the guest's Duktape, timed with performance.now() (microseconds per call,
// 2000 calls each): what a tool call's JS path was made of.
//   codecell run bench/guest-micro.js
const N = 2000;
function t(name, f) {
  const a = performance.now();
  for (let i = 0; i < N; i++) f(i);
  console.log(name, ((performance.now() - a) * 1000 / N).toFixed(2));
}
t('empty-function', () => {});
t('Array.prototype.slice.call(arguments)', function () { return Array.prototype.slice.call(arguments); });
t('new Promise(executor)', () => new Promise((r) => r(1)));
const p = Promise.resolve(1);
t('promise.then', () => p.then(undefined, () => {}));
t('object literal', (i) => ({ t: 'tool', id: i, ns: 'bench', name: 'echo', args: [i] }));
t('JSON.stringify', (i) => JSON.stringify({ t: 'tool', id: i, ns: 'bench', name: 'echo', args: [i] }));
const hasOwn = Object.prototype.hasOwnProperty;
t('payload copy (for-in + hasOwnProperty)', (i) => {
  const o = { t: 'tool', id: i }, p = { ns: 'b', name: 'echo', args: [i] };
  for (const k in p) if (hasOwn.call(p, k)) o[k] = p[k];
});
// Array and object operations every program makes (round 18: the runtime's
// wrapped natives dispatch in C; object spread assigns into a result with no
// prototype). `node bench/guest-micro.js` prints the same lines.
const arr = [];
t('a.push(x)', (i) => arr.push(i));
t('a.pop()', () => arr.pop());
const small = [1, 2, 3];
t('a.indexOf(x)', () => small.indexOf(3));
t('a.includes(x)', () => small.includes(3));
t("a.join(',')", () => small.join(','));
const six = { id: 'id1', name: 'Item 1', price: 3.7, cat: 'c1', tags: ['a'], created: '2023' };
t('{ ...six, total: 1 }', () => ({ ...six, total: 1 }));
// Round 19: number parsing by strtod (patch-duktape.py numconv-libc-parse),
// localeCompare's collator memo, Map/Set and array destructuring without
// per-step objects, Object.fromEntries by index.
t("Number('3.14159')", () => Number('3.14159'));
t("JSON.parse('[1.5,2.25,3.125]')", () => JSON.parse('[1.5,2.25,3.125]'));
t("'apple'.localeCompare('banana')", () => 'apple'.localeCompare('banana'));
const ten = [5, 3, 8, 1, 9, 2, 7, 4, 6, 0];
t('new Set(ten)', () => new Set(ten));
const pair = ['k', 1];
t('const [k, v] = pair', () => { const [k, v] = pair; return v; });
const m10 = new Map(ten.map((x) => [x, x]));
t('for (const [k, v] of map10)', () => { let s = 0; for (const [k, v] of m10) s += v; return s; });
const six2 = [['a', 1], ['b', 2], ['c', 3], ['d', 4], ['e', 5], ['f', 6]];
t('Object.fromEntries(six pairs)', () => Object.fromEntries(six2));
t('(i * 1.1).toFixed(2)', (i) => (i * 1.1).toFixed(2));
// Round 20: arrows, methods and async functions are no constructors (no
// prototype object, no cycle per closure: "use cc noctor"), nor are the
// runtime's per-call closures; [...x] in one pass (rt/iter.js spreadOne).
t('make an arrow', (i) => (v) => v + i);
t('make an async arrow', (i) => async (v) => v + i);
t('new Promise((r) => r(i))', (i) => new Promise((r) => r(i)));
t('[...ten]', () => [...ten]);
t('[...new Set(ten)]', () => [...new Set(ten)]);
t('ten.map((x) => x * 2)', () => ten.map((x) => x * 2));
