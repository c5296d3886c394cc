// codecell-only: tests guest/duk/patch-duktape.py v8msg-toprimitive-failed, which Debian's duk lacks
// V8's message when no conversion to a primitive gives one.
function msg(f) { try { f(); return 'no error'; } catch (e) { return e.name + ': ' + e.message; } }
var bad = { toString: function () { return {}; }, valueOf: function () { return {}; } };
console.log(msg(function () { return '' + bad; }));
console.log(msg(function () { return String(bad); }));
console.log(msg(function () { return bad * 2; }));
console.log(msg(function () { return Object.create(null) + ''; }));
var sym = {}; sym[Symbol.toPrimitive] = function () { return {}; };
console.log(msg(function () { return +sym; }));
