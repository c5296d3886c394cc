// for await and async generators.
const sleep = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
async function* ticker(n) {
  try {
    for (let i = 0; i < n; i++) {
      await sleep(1);
      const got = yield i;
      if (got) console.log('sent', got);
    }
    return 'end';
  } finally {
    console.log('ticker cleanup');
  }
}
async function* relay() {
  yield* ticker(2);
  yield await sleep(1, 'after');
  yield Promise.resolve('unwrapped');
}
const stream = {
  [Symbol.asyncIterator]() {
    let i = 0;
    return {
      next: async () => ({ value: i * 100, done: i++ >= 2 }),
      return: async () => { console.log('stream closed'); return { done: true }; },
    };
  },
};
(async () => {
  const seen = [];
  for await (const v of ticker(3)) seen.push(v);
  console.log('ticker', seen.join(','));
  for await (const v of relay()) console.log('relay', v);
  for await (const v of [sleep(2, 'a'), 'b', Promise.resolve('c')]) console.log('sync-of-promises', v);
  for await (const v of stream) { console.log('stream', v); if (v === 100) break; }
  const g = ticker(5);
  console.log(JSON.stringify(await g.next()), JSON.stringify(await g.next('x')));
  console.log(JSON.stringify(await g.return('early')), JSON.stringify(await g.next()));
  const g2 = ticker(2);
  const [r1, r2, r3] = await Promise.all([g2.next(), g2.next(), g2.next()]);
  console.log(r1.value, r2.value, r3.done, r3.value);
  try {
    for await (const v of (async function* () { yield 1; throw new Error('gen failed'); })()) console.log('before', v);
  } catch (e) { console.log('caught', e.message); }
  const fns = [];
  for await (const v of ticker(2)) fns.push(() => v);
  console.log(fns.map((f) => f()).join('+'));
  class Feed {
    #items = ['p', 'q'];
    async *[Symbol.asyncIterator]() { for (const it of this.#items) yield it.toUpperCase(); }
  }
  const out = [];
  for await (const x of new Feed()) out.push(x);
  console.log('feed', out.join(''), Object.prototype.toString.call(ticker(1)));
  try { for await (const x of 5) console.log(x); } catch (e) { console.log(e.constructor.name); }
})();
