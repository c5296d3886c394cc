// First use of Intl in a fresh guest (loads intl.js, starts ICU, reads the
// embedded data), then a second locale and a warm call. Prints microseconds.
const t0 = performance.now();
const s1 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(1234567.891);
const t1 = performance.now();
const s2 = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(1234567.891);
const t2 = performance.now();
let s3 = '';
for (let i = 0; i < 100; i++) s3 = (1234.5 + i).toLocaleString('de-DE', { style: 'currency', currency: 'EUR' });
const t3 = performance.now();
const s4 = new Date(0).toLocaleDateString('ja-JP', { dateStyle: 'full' }) + ['b', 'a'].sort(new Intl.Collator('sv').compare);
const t4 = performance.now();
if (s1 !== '$1,234,567.89' || s2 !== '1.234.567,89\u00a0€' || !s3 || !s4) throw new Error('wrong output ' + s1 + ' ' + s2);
console.log('first-numberformat-us ' + Math.round((t1 - t0) * 1000));
console.log('second-locale-us ' + Math.round((t2 - t1) * 1000));
console.log('warm-toLocaleString-us ' + Math.round((t3 - t2) * 1000 / 100));
console.log('first-date-and-collator-us ' + Math.round((t4 - t3) * 1000));
