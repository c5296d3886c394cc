// Function names by position (NamedEvaluation), computed accessors in object
// literals, non-ASCII identifiers (Duktape's tables reject some), and the
// completion value of a script ending in an `if`.
var f = function () {}; let a = () => 1; const C = class {}; var g;
g = function* () {};
var o = { m() {}, n: function () { return n; }, "x y": () => 1, k: async function () {}, __proto__: function () {} };
var [d = function () {}] = []; var { e = class {} } = {};
(function (p = () => 0) { console.log('param', p.name); })();
var h; h ??= function () {}; var q = function () { return q; };
var cover; cover = (function () {});
var notNamed = (0, function () {});
console.log(f.name, a.name, C.name, g.name, o.m.name, o.n.name, o['x y'].name, o.k.name, d.name, e.name, h.name, q.name, cover.name, JSON.stringify(notNamed.name));
var self = function () { return typeof self; };
console.log(self(), self.name);

var k = 'x', s = Symbol('q'), log = [];
var lit = {
  a: 1,
  get [(log.push('k1'), k)]() { return this.a + 4; },
  set [(log.push('k2'), k)](v) { this.v = v; },
  b: 2,
  get [s]() { return 1; },
  [(log.push('k3'), 'c')]: 3,
};
lit.x = 9;
console.log(Object.keys(lit).join(), lit.x, lit.v, log.join());
var dx = Object.getOwnPropertyDescriptor(lit, 'x');
console.log(typeof dx.get, typeof dx.set, dx.enumerable, dx.get.name, dx.set.name);

var ℘ = 1, ZW_\u200C_NJ = 2, o2 = { ℘: 3 };
o2.℘ += ℘;
console.log(℘, ZW_\u200C_NJ, o2['℘']);

var fnResult = function () { return 'not called'; };
if (false) {}
