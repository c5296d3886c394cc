// codecell-only: async functions and generators need the compiler (duk runs the runtime alone).
// A lowered async function, generator or async generator is a plain Duktape
// function; rt/fnkind.js marks its kind where it is created (declarations,
// expressions, arrows, object and class methods) and gives it the spec's
// prototype, so console.log, Object.prototype.toString, .constructor and
// the prototype chain say what node says. A generator object keeps its
// state under a hidden key: no own properties to list or serialize.
async function af() {}
function* gen() { yield 1; }
async function* agen() {}
const arrow = async () => {};
const o = { async m() {}, *g() {}, async *ag() {}, 'quoted key'() {}, async 'str key'() {}, async 7() {} };
class K { async m() {} static *s() {} }
{
  async function inBlock() {}
  console.log(inBlock);
}
console.log(af, gen, agen, arrow, function () {}, async function () {});
console.log(o, K.prototype.m, K.s);
console.log([af, gen, agen].map((f) => Object.prototype.toString.call(f)).join(' '));
console.log([af, gen, agen, arrow].map((f) => f.constructor.name).join(' '));
const AsyncFunction = Object.getPrototypeOf(af).constructor;
console.log(AsyncFunction.name, typeof AsyncFunction, Object.getPrototypeOf(AsyncFunction) === Function,
  af instanceof AsyncFunction, af instanceof Function, (() => {}) instanceof AsyncFunction);
const GeneratorFunction = Object.getPrototypeOf(gen).constructor;
console.log(GeneratorFunction.name,
  Object.getPrototypeOf(agen) === Object.getPrototypeOf(o.ag), Object.getPrototypeOf(gen) !== Function.prototype);
console.log(af.name, gen.name, o.m.name, o.g.name, o.ag.name, o['str key'].name, o[7].name, K.prototype.m.name, K.s.name);
const it = gen();
console.log(it, Object.keys(it), Reflect.ownKeys(it), JSON.stringify(it), String(it), [agen()]);
console.log(it.next(), it.next(), [...gen()]);
try {
  it.next.call({});
} catch (e) {
  console.log(e.constructor.name);
}
Promise.resolve(af()).then((v) => console.log('af resolved', v));
