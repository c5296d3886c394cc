// A prototype used as a key must not lend its identity to every object
// that inherits from it (Map/Set/WeakMap kept ids in an inherited slot).
var s = new Set([Object.prototype]);
var m = new Map([[Function.prototype, 1]]);
var wm = new WeakMap([[Object.prototype, 'p']]);
var o = {};
wm.set(o, 'o');
console.log(String(s.has({})), String(s.has([])), String(s.has(Object.prototype)));
console.log(String(m.has(function () {})), String(m.get(Math.max)), String(m.get(Function.prototype)));
console.log(String(wm.get({})), String(wm.get(Object.prototype)), String(wm.get(o)));
var s2 = new Set();
s2.add(Array.prototype);
s2.add([]);
console.log(String(s2.size));
