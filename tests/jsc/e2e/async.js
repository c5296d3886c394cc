const sleep = (v) => new Promise((r) => setTimeout(() => r(v), 1));
async function seq() {
  const out = [];
  for (const v of [1, 2, 3]) out.push(await sleep(v * 2));
  try { await Promise.reject(new Error('nope')); } catch (e) { out.push(e.message); } finally { out.push('fin'); }
  return out.join(',');
}
const obj = {
  base: 10,
  async add(n) { return this.base + (await n); },
};
(async () => {
  console.log(await seq());
  console.log(await obj.add(Promise.resolve(5)));
  const results = await Promise.all([1, 2, 3].map(async (x) => { await null; return x * x; }));
  console.log(results.join(' '));
  try { await (async () => { throw new TypeError('bad'); })(); } catch (e) { console.log(e.name, e.message); }
  console.log('order', await Promise.race([sleep('slow'), 'fast']));
})();
console.log('start');
