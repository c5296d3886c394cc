class A {
  #secret = 42;
  x = 1;
  static count = 0;
  static { A.count = 10; }
  constructor(y) { this.y = y; A.count++; }
  get sum() { return this.x + this.y + this.#secret; }
  set sum(v) { this.x = v; }
  #priv() { return 'p' + this.#secret; }
  callPriv() { return this.#priv(); }
  static make() { return new this(5); }
  has(o) { return #secret in o; }
  [Symbol.iterator]() { return [1, 2][Symbol.iterator](); }
}
class B extends A {
  z = this.x * 2;
  constructor() { super(3); this.w = super.sum; }
  get sum() { return super.sum * 10; }
  static make() { return super.make(); }
}
class E extends Error { constructor(m) { super(m); this.name = 'E'; } }
const a = new A(2), b = new B();
console.log(a.sum, b.sum, b.z, b.w, a.callPriv(), A.count, a.has(a), a.has({}));
console.log(B.make() instanceof B, Object.keys(a).join(','), [...a].join(','));
const e = new E('bad');
console.log(e instanceof E, e instanceof Error, e.message, e.name, String(e));
try { A(); } catch (err) { console.log(err.message); }
const C = class { static n = this.name; };
console.log(C.name, C.n, (class Named {}).name);
