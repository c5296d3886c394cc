async () => {
  const pairs: ReadonlyArray<readonly [string, number]> = [['a', 3], ['b', 1], ['c', 2]];
  const sorted = pairs.toSorted((x, y) => x[1] - y[1]);
  const last = pairs.findLast(([, n]) => n > 1);
  const replaced = pairs.with(1, ['z', 26]);
  return { sorted, last, replaced, orig: pairs.map(([k]) => k).join('') };
}
