function collect(xs) {
  const fns = [];
  for (let i = 0; i < xs.length; i++) {
    if (xs[i] < 0) continue;
    if (xs[i] > 100) break;
    if (xs[i] === 42) return null;
    fns.push(() => xs[i] * i);
  }
  return fns;
}
