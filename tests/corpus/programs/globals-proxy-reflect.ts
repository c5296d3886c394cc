async () => {
  const reads: string[] = [];
  const target = { a: 1, get double() { return this.a * 2; } };
  const p = new Proxy(target, {
    get(t, key, receiver) { reads.push(String(key)); return Reflect.get(t, key, receiver); },
    has(t, key) { return key !== 'hidden' && Reflect.has(t, key); },
  });
  return { double: p.double, has: 'a' in p, reads };
}
