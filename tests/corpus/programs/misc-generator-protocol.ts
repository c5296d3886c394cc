async () => {
  const { items } = await codemode.listProducts() as any;
  const products = await codemode.listProducts();
  const trace: string[] = [];
  function* take<T>(it: Iterable<T>, n: number) {
    let i = 0;
    try { for (const x of it) { if (i++ >= n) return 'early'; yield x; } return 'done'; }
    finally { trace.push(`take(${n}) closed`); }
  }
  function* naturals() { let n = 0; try { while (true) yield n++; } finally { trace.push('naturals closed'); } }
  function* mapG<T, U>(it: Iterable<T>, f: (x: T) => U) { for (const x of it) yield f(x); }
  const squares = [...take(mapG(naturals(), (n) => n * n), 5)];
  const g = take(products, 3);
  const steps = [g.next(), g.next(), g.return('stop' as any), g.next()].map((r) => [r.done, (r.value as any)?.sku ?? r.value]);
  const echo = (function* () { let got = yield 'first'; while (true) got = yield `got ${got}`; })();
  const conv = [echo.next('ignored').value, echo.next('a').value, echo.next('b').value];
  const thrower = (function* () { try { yield 1; } catch (e) { trace.push(`caught ${e}`); yield 2; } })();
  const th = [thrower.next().value, thrower.throw('boom').value, thrower.next().done];
  const [first, , third, ...rest] = take(products.map((p) => p.name), 6);
  const iterable = { from: 1, to: 4, *[Symbol.iterator]() { for (let v = this.from; v <= this.to; v++) yield v; } };
  const entries = Object.entries({ a: 1, b: 2 })[Symbol.iterator]();
  console.log(trace);
  return { squares, steps, conv, th, first, third, rest, spread: [...iterable], max: Math.max(...iterable), entries: entries.next().value, items: items ?? null, toStr: Object.prototype.toString.call(naturals()) };
}
