// bench/guest-scaling.js: program shapes whose cost grew with the data in
// the guest where node's stays linear (round 18, docs/PERFORMANCE.md): a
// report built with `s += row`, many tiny appends, a queue drained with
// shift(), a dedupe with includes; and two per-call costs (push, a 6-key
// object spread), in µs. Prints one JSON line of [name, ms or µs, result];
// the results must equal node's (`node bench/guest-scaling.js`).
//   codecell run --timeout 60s --cpu 60s bench/guest-scaling.js
function ms(name, f) { const a = Date.now(); const r = f(); return [name, Date.now() - a, r]; }
function us(name, n, f) { const a = performance.now(); let r; for (let i = 0; i < n; i++) r = f(i); return [name, Math.round((performance.now() - a) * 1000 / n * 100) / 100, r]; }
function appends(n, piece) { let s = ''; for (let i = 0; i < n; i++) s += piece + i + '\n'; return s.length; }
const out = [];
out.push(ms('report 20,000 rows (ms)', () => appends(20000, 'some,longer,row,data,')));
out.push(ms('100,000 appends (ms)', () => appends(100000, 'ab')));
out.push(ms('queue of 20,000 drained by shift (ms)', () => { const q = []; for (let i = 0; i < 20000; i++) q.push(i); let s = 0; while (q.length) s += q.shift(); return s; }));
out.push(ms('includes dedupe, 20,000 into 5,000 (ms)', () => { const a = []; for (let i = 0; i < 20000; i++) if (!a.includes(i % 5000)) a.push(i % 5000); return a.length; }));
const pushed = [];
out.push(us('a.push(x) (us)', 200000, (i) => pushed.push(i)));
const six = { id: 'id1', name: 'Item 1', price: 3.7, cat: 'c1', tags: ['a', 'b'], created: '2023-11-14T22:13:20.000Z' };
out.push(us('{ ...six, total: 1 } (us)', 5000, () => ({ ...six, total: 1 }).total));
console.log(JSON.stringify(out));
