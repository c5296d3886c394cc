// Fields, private members, statics, accessors, super, new.target, async and
// generator methods, class expressions, scoping.
let order = [];
const key = 'dyn';
class Base {
  static instances = 0;
  static #registry = [];
  #id;
  label = (order.push('Base field'), 'base');
  [key + 'Field'] = 'computed';
  constructor(id) {
    order.push('Base ctor');
    this.#id = id;
    Base.instances++;
    Base.#registry.push(id);
    this.kind = new.target.name;
  }
  get id() { return this.#id; }
  set id(v) { throw new Error('read-only ' + v); }
  static get registry() { return Base.#registry.join('+'); }
  static isBase(o) { return #id in o; }
  [key]() { return 'dyn:' + this.#id; }
  describe() { return `${this.constructor.name}#${this.#id}`; }
  async fetchLater(v) { await null; return this.describe() + '=' + v; }
  *ids() { yield this.#id; yield this.#id + 1; }
  static #secretStatic() { return 'static secret'; }
  static reveal() { return Base.#secretStatic(); }
  toString() { return 'Base(' + this.#id + ')'; }
}
class Child extends Base {
  extra = (order.push('Child field'), this.label + '!');
  arrow = () => this.describe();
  constructor(id) {
    order.push('Child ctor before super');
    super(id * 10);
    order.push('Child ctor after super');
  }
  describe() { return 'child ' + super.describe(); }
  static create(n) { return new this(n); }
  get id() { return super.id + 1; }
}
const c = Child.create(4);
console.log(order.join(' | '));
console.log(c.id, c.describe(), c.arrow.call(null), c.extra, c.dynField, c.dyn(), c.kind, String(c));
console.log(Base.instances, Base.registry, Base.isBase(c), Base.isBase({}), Base.reveal());
console.log([...c.ids()].join(','), Object.keys(c).join(','));
console.log(JSON.stringify(c), Object.getOwnPropertyNames(Base.prototype).join(','));
console.log(typeof Base.prototype.describe, Object.getOwnPropertyDescriptor(Base.prototype, 'describe').enumerable);
try { c.id = 5; } catch (e) { console.log(e.message); }
try { Base.prototype.describe.call({}); } catch (e) { console.log(e.constructor.name, e.message); }
c.fetchLater('v').then((s) => console.log('async', s));

const Counter = class Cnt {
  static made = 0;
  constructor() { Cnt.made++; }
  clone() { return new Cnt(); }
};
new Counter().clone();
console.log(Counter.name, Counter.made);

const makers = [];
for (const name of ['a', 'b']) {
  class Local { who() { return name; } }
  makers.push(new Local());
}
console.log(makers.map((m) => m.who()).join(','));

{
  class Shadow { static v = 'inner'; }
  console.log(Shadow.v);
}
class Shadow { static v = 'outer'; }
console.log(Shadow.v);

class Abstract {
  constructor() { if (new.target === Abstract) throw new TypeError('abstract!'); }
}
class Concrete extends Abstract {}
try { new Abstract(); } catch (e) { console.log(e.message); }
console.log(new Concrete() instanceof Abstract);

class Point {
  constructor(x, y) { this.x = x; this.y = y; }
  static from({ x = 0, y = 0 } = {}) { return new Point(x, y); }
  plus(...others) { return others.reduce((p, o) => new Point(p.x + o.x, p.y + o.y), this); }
}
const p = Point.from({ x: 1 }).plus(new Point(2, 3), Point.from());
console.log(p.x, p.y, Point.length, Point.prototype.plus.length);
class WithReturn { constructor() { return { custom: true }; } }
console.log(JSON.stringify(new WithReturn()));
