async () => {
  const cfg = await codemode.getConfig();
  type Node = { name: string; children?: Node[] };
  const toTree = (name: string, v: unknown): Node => v !== null && typeof v === 'object'
    ? { name, children: Object.entries(v).map(([k, c]) => toTree(k, c)) }
    : { name: `${name}=${JSON.stringify(v)}` };
  const tree = toTree('config', cfg);
  function* walk(n: Node, depth = 0): Generator<string, number, undefined> {
    yield `${'  '.repeat(depth)}${n.name}`;
    let count = 1;
    for (const c of n.children ?? []) count += yield* walk(c, depth + 1);
    return count;
  }
  const lines: string[] = [];
  const g = walk(tree);
  let r = g.next();
  while (!r.done) { lines.push(r.value); r = g.next(); }
  const total = r.value;
  function* leaves(n: Node, path: string[] = []): Generator<string> {
    if (!n.children) { yield [...path, n.name].join('.'); return; }
    for (const c of n.children) yield* leaves(c, [...path, n.name]);
  }
  function* zip<A, B>(a: Iterable<A>, b: Iterable<B>): Generator<[A, B]> { const ib = b[Symbol.iterator](); for (const x of a) { const y = ib.next(); if (y.done) return; yield [x, y.value]; } }
  function* fib() { let [a, b] = [0, 1]; for (;;) { yield a; [a, b] = [b, a + b]; } }
  const zipped = [...zip(leaves(tree), fib())].map(([l, f]) => `${f}:${l}`);
  const delegated = (function* () { const r = yield* [1, 2]; yield r; yield* 'hi'; })();
  const gen = walk(tree);
  gen.next();
  const early = gen.return(-1);
  const proto = Object.getPrototypeOf(function* () {});
  console.log(lines.join('\n'));
  return { total, zipped, delegated: [...delegated], early, afterReturn: gen.next(), genName: proto[Symbol.toStringTag], isIter: typeof g[Symbol.iterator], same: g[Symbol.iterator]() === g };
}
