async () => {
  const p = (await codemode.listProducts({ category: 'books' })) as any;
  class Money {
    #cents: number;
    currency: string;
    static zero = new Money(0, 'USD');
    constructor(cents: number, currency = 'USD') { this.#cents = cents; this.currency = currency; }
    get amount() { return this.#cents / 100; }
    set amount(v: number) { this.#cents = Math.round(v * 100); }
    toString() { return `${this.amount.toFixed(2)} ${this.currency}`; }
  }
  const price = new Money(1999);
  console.log(price, [price], { price }, `${price}`, String(price));
  console.log(Money, Money.zero, Object.getOwnPropertyNames(Money.prototype));
  class Point { constructor(public x: number, public y: number) {} }
  class Point3 extends Point { z = 0; }
  console.log(new Point(1, 2), new Point3(3, 4), [new Point(0, 0), new Point3(1, 1)]);
  const withAccessors = {
    _v: 1,
    get v() { return this._v; },
    set v(x) { this._v = x; },
    get readOnly() { return 'r'; },
    set writeOnly(x: any) {},
  };
  console.log(withAccessors);
  const defined = Object.defineProperty({ visible: 1 }, 'hidden', { value: 2, enumerable: false });
  Object.defineProperty(defined, 'lazy', { get: () => 3, enumerable: true });
  console.log(defined, Object.keys(defined));
  const bare = Object.create(null);
  bare.id = 7;
  bare.tags = ['x'];
  console.log(bare, [bare], { bare }, Object.create(null));
  const sym = Symbol('meta');
  const tagged = { name: 'n', [sym]: { secret: true }, [Symbol.for('registry')]: 1, [Symbol()]: 'anon' };
  console.log(tagged, sym, Symbol.iterator, [Symbol('in array')], Symbol('desc').description);
  class Tagged { get [Symbol.toStringTag]() { return 'Custom'; } value = 1; }
  console.log(new Tagged(), Object.prototype.toString.call(new Tagged()));
  const proto = { greet() { return 'hi'; } };
  const child = Object.create(proto);
  child.own = true;
  console.log(child, Object.create(child), Object.create(Money.prototype));
  class Empty {}
  console.log(new Empty(), [new Empty()], new (class {})(), class {}, class Named extends Empty {});
  const o = { constructor: 'not a function', kind: 'data' };
  console.log(o, { 'key with spaces': 1, 'dash-key': 2, valid_id: 3, $dollar: 4, '123': 5, 'ünï': 6, '': 7 });
  console.log({ __proto__: null, a: 1 }, { ['__proto__']: 5 });
  return { products: Array.isArray(p) ? p.length : typeof p, amount: price.amount };
}
