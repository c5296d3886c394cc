// Parameter defaults are bound left to right: reading a later (or the
// same) parameter in a default throws ReferenceError (TDZ).
function a(x = y, y) { return x; }
try { a(); console.log("no"); } catch (e) { console.log(e.constructor.name, e.message); }
function b(x = x) { return x; }
try { b(); console.log("no"); } catch (e) { console.log(e.constructor.name, e.message); }
function c(x, y = x + 1, { z } = { z: y }) { return [x, y, z].join(); }
console.log(c(1), c(1, 5));
var f = async (x = y, y) => x;
f().then(() => console.log("resolved"), (e) => console.log("rejected", e.constructor.name));
for (let i = 0; i < 2; i++) { var g = (k = i) => () => k; console.log(g()()); }
function d(x = 1) { var x; return x; }
console.log(d());
