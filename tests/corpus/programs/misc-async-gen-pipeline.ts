async () => {
  const log: string[] = [];
  async function* pages() {
    let page = 1;
    try {
      while (page) {
        const r = await codemode.listOrders({ page, pageSize: 8 });
        log.push(`page ${page}`);
        yield* r.items;
        page = r.nextPage;
      }
    } finally { log.push('pages closed'); }
  }
  async function* filter<T>(src: AsyncIterable<T>, pred: (x: T) => boolean) { for await (const x of src) if (pred(x)) yield x; }
  async function* mapAsync<T, U>(src: AsyncIterable<T>, f: (x: T) => Promise<U> | U) { for await (const x of src) yield await f(x); }
  async function* take<T>(src: AsyncIterable<T>, n: number) { if (n <= 0) return; for await (const x of src) { yield x; if (--n <= 0) return; } }
  const big = take(mapAsync(filter(pages(), (o) => o.status === 'shipped'), async (o) => {
    const u = await codemode.getUser({ id: o.userId });
    return `${o.id} ${u.name} ${o.total}`;
  }), 4);
  const out: string[] = [];
  for await (const line of big) out.push(line);
  const it = pages();
  const a = await it.next();
  const r = await it.return('bye');
  const after = await it.next();
  const syncIter = [Promise.resolve(1), 2, Promise.resolve(3)];
  const fromSync: number[] = [];
  for await (const v of syncIter) fromSync.push(v);
  let thrown = '';
  async function* boom() { yield 1; throw new RangeError('gen failed'); }
  try { for await (const _ of boom()) log.push('boom item'); } catch (e) { thrown = `${(e as Error).name}: ${(e as Error).message}`; }
  console.log(log);
  return { out, first: (a.value as any).id, ret: r, after, fromSync, thrown, tag: Object.prototype.toString.call(it), hasAsyncIter: typeof it[Symbol.asyncIterator] };
}
