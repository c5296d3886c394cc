// Errors the engine raises read as node's do (guest/runtime/messages.js):
// a program that prints e.message, and a model reading the result, see the
// same text under codecell as under node.
function show(f) {
  try { f(); } catch (e) { console.log(e.name + ': ' + e.message); }
}
show(function () { var o = null; return o.x; });
show(function () { var o; return o.x; });
show(function () { var o; o.x = 1; });
show(function () { return nope; });
show(function () { var a; return a[0]; });
show(function () { var o = {}; return o.a.b.c; });
show(function () { undefined(); });
// A user's own message is never rewritten.
show(function () { throw new TypeError('cannot read property my way'); });
show(function () { throw new Error("identifier 'x' undefined, says the user"); });
