const fns = [];
for (let i = 0; i < 5; i++) { if (i === 3) continue; if (i === 4) break; fns.push(() => i); i += 0; }
outer: for (const x of [1, 2]) { for (let j = 0; j < 3; j++) { fns.push(() => x * 10 + j); if (j === 1) continue outer; } }
function find(xs) { for (const x of xs) { var last = x; if (x > 1) return () => x; } return null; }
console.log(fns.map(f => f()).join(','), find([1, 2, 3])(), typeof last);
async function aw() { const out = []; for (let k = 0; k < 3; k++) { await null; out.push(() => k); } return out.map(f => f()).join(''); }
aw().then(console.log);
// labelled continue/break to an outer loop, switch inside, while and do-while bodies
const log = [];
outer2: for (let a = 0; a < 3; a++) {
  let b = 0;
  while (true) {
    const snap = b;
    log.push(() => `${a}:${snap}`);
    b++;
    switch (b) {
      case 1: continue;
      case 2: break;
      default: continue outer2;
    }
    if (a === 2) break outer2;
  }
}
console.log(log.map((f) => f()).join(' '));
let n = 0;
const ws = [];
do { const m = n * n; ws.push(() => m); n++; } while (n < 4);
console.log(ws.map((f) => f()).join(','));
const byKey = {};
for (const k in { p: 1, q: 2 }) byKey[k] = () => k.toUpperCase();
console.log(byKey.p(), byKey.q());
for (const [i, ch] of [...'ab'].entries()) setTimeout(() => console.log('timer', i, ch), 0);
function* gen() { for (let i = 0; i < 3; i++) { const f = () => i; yield f; } }
console.log([...gen()].map((f) => f()).join('|'));
