async () => {
  class Cache<K, V> {
    private store = new Map<K, { v: V; hits: number }>();
    async get(key: K, load: (k: K) => Promise<V>): Promise<V> {
      const hit = this.store.get(key);
      if (hit) { hit.hits++; return hit.v; }
      const v = await load(key);
      this.store.set(key, { v, hits: 0 });
      return v;
    }
    stats() { return [...this.store.entries()].map(([k, e]) => `${String(k)}:${e.hits}`); }
  }
  const c = new Cache<number, any>();
  for (const id of [1, 2, 1, 1, 3, 2]) await c.get(id, (k) => codemode.getUser({ id: k }));
  return c.stats();
}
