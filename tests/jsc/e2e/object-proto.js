// `__proto__: v` in an object literal sets the prototype (ES2015 B.3.1);
// Duktape's own literal defines an own "__proto__" property instead, so the
// compiler lowers it (lower_expr.c, rt/misc.js oproto).
var order = [];
function tick(name, v) { order.push(name); return v; }
var base = { greet: function () { return 'hi ' + this.name; } };

var o = { __proto__: base, name: 'x' };
console.log(Object.getPrototypeOf(o) === base, o.greet(), JSON.stringify(Object.keys(o)), o.hasOwnProperty('__proto__'));

var s = { '__proto__': base, name: 'y' };
console.log(Object.getPrototypeOf(s) === base, s.greet(), JSON.stringify(s));

var n = { __proto__: null, a: 1 };
console.log(Object.getPrototypeOf(n), 'a' in n, typeof n.toString, JSON.stringify(Object.keys(n)));

// Not an object or null: ignored, the prototype stays Object.prototype.
[5, 'str', undefined, true].forEach(function (v) {
	var t = { __proto__: v, b: 2 };
	console.log(typeof v, Object.getPrototypeOf(t) === Object.prototype, JSON.stringify(Object.keys(t)));
});
var fp = { __proto__: function f() { return 1; } };
console.log(typeof Object.getPrototypeOf(fp), fp.call === Function.prototype.call);

// Defined, not the prototype: computed key, shorthand, method.
const k = '__proto__';
const c = { [k]: 5 };
console.log(Object.getPrototypeOf(c) === Object.prototype, JSON.stringify(Object.keys(c)), c.__proto__);
const __proto__ = base;
const sh = { __proto__ };
console.log(Object.getPrototypeOf(sh) === Object.prototype, JSON.stringify(Object.keys(sh)), sh.__proto__ === base);
const m = { __proto__() { return 1; } };
console.log(Object.getPrototypeOf(m) === Object.prototype, JSON.stringify(Object.keys(m)), m.__proto__());
const ms = { '__proto__'() { return 2; } };
console.log(Object.getPrototypeOf(ms) === Object.prototype, JSON.stringify(Object.keys(ms)), ms.__proto__());
const both = { __proto__: base, ['__proto__']: 7 };
console.log(Object.getPrototypeOf(both) === base, JSON.stringify(Object.keys(both)), both.__proto__);

// Evaluation order is the source's.
var ev = { a: tick('a', 1), __proto__: tick('p', base), b: tick('b', 2) };
console.log(order.join(','), Object.getPrototypeOf(ev) === base, JSON.stringify(Object.keys(ev)));

// With spread and with computed accessors.
var sp = { ...{ a: 1 }, __proto__: base, x: 1, ...{ y: 2 } };
console.log(Object.getPrototypeOf(sp) === base, JSON.stringify(Object.keys(sp)), sp.greet());
var acc = { __proto__: base, get ['na' + 'me']() { return 'z'; }, w: 1 };
console.log(Object.getPrototypeOf(acc) === base, acc.greet(), JSON.stringify(Object.keys(acc)));

// A setter on the prototype chain is not called for later keys.
var guarded = { set name(v) { throw new Error('setter called'); } };
var g = { __proto__: guarded, name: 'own' };
console.log(Object.getOwnPropertyDescriptor(g, 'name').value);

// Nested, in a function, in a class field, and a chain.
function make(p, v) { return { __proto__: p, v: v }; }
var chain = make(make(base, 1), 2);
console.log(chain.v, Object.getPrototypeOf(chain).v, 'greet' in chain);
class Holder { cfg = { __proto__: { mode: 'default' }, size: 3 }; }
var h = new Holder();
console.log(h.cfg.mode, h.cfg.size, JSON.stringify(Object.keys(h.cfg)));

// In a pattern it reads the property: the prototype.
var target;
({ __proto__: target } = o);
console.log(target === base);
const { __proto__: p2 } = [];
console.log(p2 === Array.prototype);
