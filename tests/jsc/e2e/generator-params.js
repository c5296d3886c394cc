// Generator parameters are bound at the call: errors throw before the
// generator object exists (async functions reject instead).
var iter = {}; iter[Symbol.iterator] = function () { throw new Error("boom"); };
function* g([x]) { yield x; }
try { g(iter); console.log("no throw"); } catch (e) { console.log("threw", e.message); }
function* h(a = (() => { throw new Error("dflt"); })()) { yield a; }
try { h(); console.log("no throw"); } catch (e) { console.log("threw", e.message); }
function* k(a, [b, c] = [a, 2]) { yield a + b + c + arguments.length; }
console.log(k(1).next().value);
async function* ag([x]) { yield x; }
try { ag(iter); console.log("no throw"); } catch (e) { console.log("threw", e.message); }
var o = { *m({ p }) { yield p + this.q; }, q: 1 };
console.log(o.m({ p: 2 }).next().value);
async function af([x]) { return x; }
af(iter).then(function () { console.log("resolved"); }, function (e) { console.log("rejected", e.message); });
// arguments objects iterate (Duktape's lack @@iterator)
function* ha() { yield arguments.length; yield* arguments; }
console.log([...ha(7, 8)].join());
(function () { var [p, ...q] = arguments; console.log(p, q.join(), [...arguments].length); })(1, 2, 3);
