async () => {
  const a = [1, , 3];
  const b = new Array(3);
  const c = Array.from({ length: 3 });
  return { a: JSON.stringify(a), inA: 1 in a, b: b.length, c, mapped: a.map((x) => x * 2), keys: Object.keys(a) };
}
