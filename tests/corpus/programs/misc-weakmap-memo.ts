async () => {
  const memo = new WeakMap<object, number>();
  let computed = 0;
  const score = (o: { price: number; rating: number }) => {
    if (!memo.has(o)) { computed++; memo.set(o, o.rating * 100 - o.price); }
    return memo.get(o)!;
  };
  const ps = await codemode.listProducts({});
  const best = ps.reduce((a, b) => (score(b) > score(a) ? b : a));
  return { best: best.name, computed };
}
