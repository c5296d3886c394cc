// codecell-only: Debian's duk has neither String.fromBufferRaw nor the guest's native hidden keys, so its runtime slots are real Symbols.
// The runtime's internal slots and private names are invisible (Duktape
// hidden keys made in C, guest/rtnative.c hiddenKeyNative), as node's
// internal slots are: nothing to list, copy or serialize.
function show(v) { return JSON.stringify(v); }
var key = {};
var m = new Map([[key, 1]]), s = new Set([key]), p = Promise.resolve(1), it = [1, 2][Symbol.iterator]();
var wm = new WeakMap([[key, 2]]);
[key, m, s, p, it, wm, new Date(0), /x/g].forEach(function (o) {
  console.log(Object.prototype.toString.call(o), Reflect.ownKeys(o).map(String).join(','),
    Object.getOwnPropertySymbols(o).length, show(Object.assign({}, o)));
});
console.log(m.get(key), s.has(key), wm.get(key), show(Object.keys(key)));
