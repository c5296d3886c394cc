function memoizeAsync<A extends unknown[], R>(fn: (...args: A) => Promise<R>, key = (...args: A) => JSON.stringify(args)) {
  const cache = new Map<string, Promise<R>>();
  const stats = { hits: 0, misses: 0 };
  const wrapped = (...args: A): Promise<R> => {
    const k = key(...args);
    const hit = cache.get(k);
    if (hit) {
      stats.hits++;
      return hit;
    }
    stats.misses++;
    const p = fn(...args).catch((e) => {
      cache.delete(k); // failures are not cached
      throw e;
    });
    cache.set(k, p);
    return p;
  };
  return Object.assign(wrapped, { stats, clear: () => cache.clear() });
}

function once<T>(fn: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = fn();
      done = true;
    }
    return value;
  };
}

const compose = <T,>(...fns: Array<(x: T) => T>) => (x: T) => fns.reduceRight((acc, f) => f(acc), x);
const curry = (f: (a: number, b: number, c: number) => number) => (a: number) => (b: number) => (c: number) => f(a, b, c);

async () => {
  let toolCalls = 0;
  const getUser = memoizeAsync(async (id: number) => {
    toolCalls++;
    return codemode.getUser({ id });
  });
  const ids = [1, 2, 1, 3, 2, 1, 99, 99];
  const results = await Promise.allSettled(ids.map((id) => getUser(id)));
  const names = results.map((r) => (r.status === 'fulfilled' ? (r.value as any).name.split(' ')[0] : 'missing'));
  let initCount = 0;
  const init = once(() => ++initCount);
  init(); init(); init();
  const counters = Array.from({ length: 3 }, (_, i) => {
    let n = i * 10;
    return { inc: () => ++n, get: () => n };
  });
  counters[0].inc(); counters[2].inc(); counters[2].inc();
  const slugify = compose<string>((s) => s.replace(/^-|-$/g, ''), (s) => s.replace(/[^a-z0-9]+/g, '-'), (s) => s.toLowerCase());
  const fns: Array<() => number> = [];
  for (var v = 0; v < 3; v++) fns.push(() => v);
  const lets: Array<() => number> = [];
  for (let l = 0; l < 3; l++) lets.push(() => l);
  console.log(`tool calls ${toolCalls}, hits ${getUser.stats.hits}, misses ${getUser.stats.misses}`);
  return {
    names,
    toolCalls,
    stats: getUser.stats,
    initCount,
    counters: counters.map((c) => c.get()),
    slug: slugify('  Hello, World! -- Q3 Report  '),
    varClosures: fns.map((f) => f()),
    letClosures: lets.map((f) => f()),
    curried: curry((a, b, c) => a * 100 + b * 10 + c)(1)(2)(3),
  };
}
