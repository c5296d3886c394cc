async () => {
  class LRU<K, V> {
    #map = new Map<K, V>();
    hits = 0; misses = 0; evictions: K[] = [];
    constructor(private capacity: number) {}
    get(k: K) {
      if (!this.#map.has(k)) { this.misses++; return undefined; }
      const v = this.#map.get(k)!;
      this.#map.delete(k); this.#map.set(k, v); this.hits++;
      return v;
    }
    set(k: K, v: V) {
      if (this.#map.has(k)) this.#map.delete(k);
      else if (this.#map.size >= this.capacity) { const oldest = this.#map.keys().next().value as K; this.#map.delete(oldest); this.evictions.push(oldest); }
      this.#map.set(k, v);
      return this;
    }
    get keys() { return [...this.#map.keys()]; }
    get size() { return this.#map.size; }
  }
  const cache = new LRU<number, string>(4);
  const ids = [1, 2, 3, 1, 4, 5, 2, 1, 6, 3, 1, 7, 2];
  let toolCalls = 0;
  const names: string[] = [];
  for (const id of ids) {
    let name = cache.get(id);
    if (name === undefined) { toolCalls++; name = (await codemode.getUser({ id })).name; cache.set(id, name); }
    names.push(name.split(' ')[0]);
  }
  console.log(`hits=${cache.hits} misses=${cache.misses} evicted=${cache.evictions.join(',')}`);
  return { names, toolCalls, keys: cache.keys, size: cache.size, evictions: cache.evictions, ratio: +(cache.hits / ids.length).toFixed(3) };
}
