// Await and async functions use the intrinsic Promise machinery, as the spec
// (and node) do: no lookup of a patched `then` or of the species on a native
// promise, an intrinsic promise as the result whatever global.Promise is,
// and the same tick order as node (regression test for the awaitValue path).
const log = [];
const P = Promise;
const realThen = P.prototype.then;
let thenCalls = 0;
P.prototype.then = function (a, b) { thenCalls++; return realThen.call(this, a, b); };
let speciesReads = 0;
Object.defineProperty(P, Symbol.species, { configurable: true, get() { speciesReads++; return P; } });

async function f(x) { const v = await P.resolve(x); return v + 1; }
const ticks = async () => {
  log.push('a1');
  await null;
  log.push('a2');
  await P.resolve();
  log.push('a3');
};
P.resolve().then(() => log.push('t1')).then(() => log.push('t2')).then(() => log.push('t3')).then(() => log.push('t4'));
ticks();

const thenable = { then(res) { log.push('thenable.then'); res(7); } };
async function g() { return await thenable; }

const weird = P.resolve(5);
Object.defineProperty(weird, 'constructor', { get() { throw new Error('constructor getter'); } });
async function h() { try { await weird; return 'no throw'; } catch (e) { return 'caught ' + e.message; } }

const Saved = globalThis.Promise;
globalThis.Promise = function NotAPromise() { throw new Error('must not be called'); };
const r = f(1);
globalThis.Promise = Saved;
console.log('intrinsic result', Object.getPrototypeOf(r) === P.prototype);

r.then = undefined; // own property; the await below must not care
(async () => {
  const before = thenCalls;
  const v = await f(41);
  console.log('f', v, 'patched then calls by await', thenCalls - before);
  console.log('g', await g());
  console.log('h', await h());
  console.log('species reads', speciesReads);
  await new Promise((res) => setTimeout(res, 0));
  console.log(log.join(' '));
})();
0; // the script's completion value: not a promise, so codecell's result rule calls no then() of its own
