function* chunk<T>(items: Iterable<T>, size: number): Generator<T[], number, undefined> {
  let batch: T[] = [];
  let batches = 0;
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batches++;
      batch = [];
    }
  }
  if (batch.length) {
    yield batch;
    batches++;
  }
  return batches;
}

function* range(start: number, end: number, step = 1) {
  for (let i = start; i < end; i += step) yield i;
}

function* take<T>(it: Iterable<T>, n: number) {
  if (n <= 0) return;
  for (const x of it) {
    yield x;
    if (--n <= 0) return;
  }
}

function* naturals() {
  let n = 1;
  while (true) yield n++;
}

function* flatten(xs: unknown[]): Generator<unknown> {
  for (const x of xs) {
    if (Array.isArray(x)) yield* flatten(x);
    else yield x;
  }
}

async () => {
  const ids = [...range(1, 24, 2)];
  const gen = chunk(ids, 4);
  const countries: string[][] = [];
  let r = gen.next();
  while (!r.done) {
    const users = await Promise.all(r.value.map((id) => codemode.getUser({ id })));
    countries.push(users.map((u: any) => u.country));
    console.log(`batch ${countries.length}: ${r.value.join(',')}`);
    r = gen.next();
  }
  const squares = [...take((function* () { for (const n of naturals()) yield n * n; })(), 6)];
  let cleanedUp = false;
  function* withCleanup() {
    try {
      yield* [1, 2, 3];
    } finally {
      cleanedUp = true;
    }
  }
  for (const x of withCleanup()) if (x === 2) break;
  const g = chunk('abcdefg', 3);
  const manual = [g.next().value, g.next().value, g.next().value, g.next(), g.next()];
  const echo = (function* () {
    const a: unknown = yield 'first';
    const b: unknown = yield `got ${a}`;
    return `done ${b}`;
  })();
  const conversation = [echo.next('ignored').value, echo.next('x').value, echo.next('y'), echo.next('z')];
  return { countries, batches: r.value, squares, cleanedUp, manual, conversation, flat: [...flatten([1, [2, [3, [4]], 5], [[6]]])] };
}
