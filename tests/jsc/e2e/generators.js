function* count(n) { for (let i = 0; i < n; i++) yield i; return 'done'; }
console.log([...count(3)].join(','));
const it = count(2);
console.log(JSON.stringify(it.next()), JSON.stringify(it.next()), JSON.stringify(it.next()), JSON.stringify(it.next()));
function* inner() { const x = yield 1; console.log('got', x); try { yield 2; } finally { console.log('cleanup'); } }
function* outer() { yield* inner(); yield 3; }
const g = outer();
console.log(g.next().value, g.next('A').value);
console.log(JSON.stringify(g.return(42)), JSON.stringify(g.next()));
const fib = { *[Symbol.iterator]() { let [a, b] = [0, 1]; for (;;) { yield a; [a, b] = [b, a + b]; } } };
const out = [];
for (const f of fib) { if (f > 50) break; out.push(f); }
console.log(out.join(' '));
function* thrower() { try { yield 1; } catch (e) { console.log('caught', e); yield 2; } }
const th = thrower(); th.next(); console.log(th.throw('boom').value);
