// A class with a static [Symbol.hasInstance] is still constructible: the
// lowered constructor's `new` check must not go through instanceof. The
// user's hasInstance still answers `instanceof`, and calls without `new`
// still throw.
class Even {
  static [Symbol.hasInstance](x) { return typeof x === 'number' && x % 2 === 0; }
}
console.log(2 instanceof Even, 3 instanceof Even, new Even() instanceof Even);
class Odd extends Even { constructor() { super(); this.k = 1; } }
const o = new Odd();
console.log(o.k, Object.getPrototypeOf(o) === Odd.prototype);
class Never { static [Symbol.hasInstance]() { return false; } }
class Sub extends Never {}
console.log(typeof new Sub(), typeof new Never());
class Always { static [Symbol.hasInstance]() { return true; } }
for (const f of [() => Always(), () => Always.call({}), () => Even(), () => Sub.call(undefined)]) {
  try { f(); console.log('no error'); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
}
class NT { constructor() { this.nt = new.target === NT; } }
class NT2 extends NT {}
console.log(new NT().nt, new NT2().nt);
