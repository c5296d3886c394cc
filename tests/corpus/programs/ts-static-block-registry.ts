async () => {
  const products = await codemode.listProducts();
  class Registry {
    static #instances = new Map<string, Registry>();
    static readonly categories: string[];
    static count = 0;
    static {
      (this as any).categories = ['hardware', 'software'];
      this.count = 10;
    }
    #items: typeof products = [];
    #frozen = false;
    constructor(readonly category: string) { Registry.#instances.set(category, this); Registry.count++; }
    static get(category: string) { return Registry.#instances.get(category) ?? new Registry(category); }
    static has(obj: unknown): obj is Registry { return typeof obj === 'object' && obj !== null && #items in obj; }
    #check() { if (this.#frozen) throw new TypeError(`registry ${this.category} is frozen`); }
    add(p: (typeof products)[number]) { this.#check(); this.#items.push(p); return this; }
    freeze() { this.#frozen = true; return this; }
    get size() { return this.#items.length; }
    get value() { return Math.round(this.#items.reduce((s, p) => s + p.price * p.stock, 0) * 100) / 100; }
    set label(v: string) { this.#items.forEach((p) => (p as any).label = v); }
    get [Symbol.toStringTag]() { return `Registry:${this.category}`; }
  }
  class Special extends Registry {
    static { this.count += 100; }
    #extra = 'x';
    override add(p: (typeof products)[number]) { return p.rating >= 4 ? super.add(p) : this; }
    get extra() { return this.#extra; }
  }
  for (const p of products) Registry.get(p.category).add(p);
  const sp = new Special('top');
  products.forEach((p) => sp.add(p));
  let frozenErr = '';
  try { Registry.get('books').freeze().add(products[0]); } catch (e) { frozenErr = (e as Error).message; }
  const fake = { category: 'fake' };
  console.log(String(Registry.get('office')), Object.prototype.toString.call(sp));
  return {
    count: Registry.count, specialCount: Special.count, cats: Registry.categories,
    sizes: ['hardware', 'software', 'books', 'office'].map((c) => [c, Registry.get(c).size, Registry.get(c).value]),
    top: [sp.size, sp.extra, sp instanceof Registry, sp instanceof Special, fake instanceof Registry],
    frozenErr, keys: Object.keys(sp), own: ["count", "categories", "get", "has", "length", "name", "prototype"].filter((k) => Object.prototype.hasOwnProperty.call(Registry, k)),
    protoChain: Object.getPrototypeOf(Special) === Registry,
  };
}
