async () => {
  function* fib() { let [a, b] = [0, 1]; for (;;) { yield a; [a, b] = [b, a + b]; } }
  function* take<T>(it: Iterable<T>, n: number) { for (const x of it) { if (n-- <= 0) return; yield x; } }
  const first = [...take(fib(), 15)];
  const g = fib();
  g.next(); g.next();
  return { first, third: g.next().value, done: g.return(5) };
}
