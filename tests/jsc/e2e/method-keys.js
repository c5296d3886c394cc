// Shorthand methods Duktape misparses (get/set/keywords), their names, and
// `in` in a for-init conditional.
var o = { get() { return 1; }, set(v) { return v; }, with() { return 42; }, "x y"() { return 3; }, 5() { return 5; }, if() {}, async() {}, *g() { yield 1; }, async am() {}, static() {} };
console.log(o.get(), o.set(2), o.with(), o["x y"](), o[5](), o.get.name, o.set.name, o.with.name, o["x y"].name, o[5].name, o.if.name, o.async.name, o.g.name, o.am.name, o.static.name);
for (var j = true ? "" in {} : 0; false;);
console.log(j);
