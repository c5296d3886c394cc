async () => {
  const user = await codemode.getUser({ id: 5 });
  const snapshot = {
    user, when: new Date(user.createdAt), seen: new Set([1, 2, 2]), idx: new Map([[user.id, user.name]]),
    re: /x+/gi, buf: new Uint8Array([1, 2, 255]), nested: { arr: [1, [2, [3]]], undef: undefined }, nan: NaN,
  };
  (snapshot as any).self = snapshot;
  const copy = structuredClone(snapshot);
  const checks = {
    deep: copy.user !== snapshot.user && copy.user.name === user.name,
    date: copy.when instanceof Date && copy.when.getTime() === snapshot.when.getTime(),
    set: copy.seen instanceof Set && [...copy.seen],
    map: copy.idx.get(user.id),
    re: [copy.re.source, copy.re.flags, copy.re.lastIndex],
    buf: Array.from(copy.buf),
    cyc: (copy as any).self === copy,
    undef: 'undef' in copy.nested,
    nan: Number.isNaN(copy.nan),
  };
  class Point { constructor(public x = 1, public y = 2) {} len() { return Math.hypot(this.x, this.y); } }
  const pc = structuredClone(new Point(3, 4));
  const errs: string[] = [];
  for (const bad of [() => 1, { f() {} }, Symbol('s')]) {
    try { structuredClone(bad); } catch (e: any) { errs.push(`${e.name}: ${e.message}`); }
  }
  const err = structuredClone(new RangeError('out of range'));
  const arr = structuredClone([1, , 3]);
  console.log(copy.seen, copy.idx, pc);
  return { checks, pcProto: pc instanceof Point, pcKeys: Object.keys(pc), errs, err: [err instanceof RangeError, err.name, err.message], holes: 1 in arr, len: arr.length };
}
