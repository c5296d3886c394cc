// Sorting 5,000 strings with a.localeCompare(b, 'de') as the comparator, as
// programs sort names: ~60,000 comparisons, each with a locale argument.
// Prints milliseconds.  codecell run bench/localecompare-sort.js
const words = [];
let s = 7;
for (let i = 0; i < 5000; i++) {
  s = (s * 48271) % 2147483647;
  words.push('w' + s.toString(36));
}
const t0 = performance.now();
const sorted = words.slice().sort((x, y) => x.localeCompare(y, 'de'));
const t1 = performance.now();
if (sorted.length !== words.length) throw new Error('lost words');
console.log('sort-5000-localeCompare-de-ms ' + (t1 - t0).toFixed(1));
