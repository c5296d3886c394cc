async () => {
  const products = await codemode.listProducts({ category: 'hardware' });
  class Item { constructor(public sku: string, public price: number) {} }
  class Tagged extends Item { tags: string[]; #secret = 1; static kind = 'tagged'; constructor(p: any) { super(p.sku, p.price); this.tags = p.tags; } }
  const items = products.map((p) => new Tagged(p));
  console.log(items[0]);
  console.log(items.slice(0, 2));
  const nullProto = Object.assign(Object.create(null), { a: 1, b: 'two' });
  console.log(nullProto);
  const sym = Symbol('meta');
  const withSym = { id: 1, [sym]: 'hidden?', [Symbol.for('reg')]: 2, 'needs quotes': true, 'valid_id': 1, '1abc': 2, 42: 'num' };
  console.log(withSym);
  const acc = { get g() { return 1; }, set s(v: number) {}, get gs() { return 2; }, set gs(v) {} };
  console.log(acc);
  console.log([undefined, null, , 3], [ , , ], new Array(5), [1, , , 4, , ]);
  console.log({ arr: Array.from({ length: 120 }, (_, i) => i) });
  console.log('a'.repeat(120));
  console.log(['a'.repeat(30), 'b'.repeat(30), 'c'.repeat(30)]);
  console.log({ nested: { a: { b: { c: { d: { e: 1 } } } } }, list: [[1, [2, [3, [4]]]]] });
  console.log([1.5, -0, 0, NaN, Infinity, 1e21, 1e-7], [true, 'str', "it's", 'say "hi"', `both ' and "`]);
  console.log(Object.create({ inherited: 1 }), Object.create(Item.prototype), new (class {})(), new (class Foo { x = 1 })());
  console.log([new Date('2024-06-17T09:30:00Z')], { d: new Date('invalid') }, [/re/gi], { f: function named() {}, a: () => {}, c: Tagged });
  console.log(Tagged, Item, [Tagged], Object.getPrototypeOf(items[0]) === Tagged.prototype);
  console.log('%s has %d items costing %i (%f) %o %j %%', 'hardware', items.length, 12.9, '3.5', { a: [1] }, 'x');
  return items.length;
}
