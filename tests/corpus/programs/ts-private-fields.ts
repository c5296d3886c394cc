async () => {
  class Counter {
    #n = 0;
    static #instances = 0;
    static { Counter.#instances = 100; }
    constructor() { Counter.#instances++; }
    inc() { return ++this.#n; }
    static get instances() { return Counter.#instances; }
    has(o: object) { return #n in o; }
  }
  const a = new Counter(), b = new Counter();
  a.inc(); a.inc(); b.inc();
  return { a: a.inc(), inst: Counter.instances, has: a.has(b), plain: a.has({}), keys: Object.keys(a) };
}
