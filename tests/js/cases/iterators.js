function collect(it) { var out = [], r; while (!(r = it.next()).done) out.push(r.value); return out; }
console.log(JSON.stringify(collect([5, 6][Symbol.iterator]())), JSON.stringify(collect(['a', 'b'].entries())), JSON.stringify(collect([, 'x'].keys())));
console.log(JSON.stringify(collect('ab\u00e9'[Symbol.iterator]())), collect('\ud83d\ude00x'[Symbol.iterator]()).length);
var ai = [1][Symbol.iterator]();
console.log(Object.prototype.toString.call(ai), ai[Symbol.iterator]() === ai, typeof ai.next, Object.keys(ai).length);
var proto = Object.getPrototypeOf(Object.getPrototypeOf(ai));
console.log(typeof proto[Symbol.iterator], proto === Object.getPrototypeOf(Object.getPrototypeOf(new Map().keys())));
console.log(JSON.stringify(collect(new Uint8Array([1, 2]).values())), JSON.stringify(collect(new Int16Array([7]).entries())));
var a = [1, 2]; var li = a.values(); a.push(3); console.log(JSON.stringify(collect(li)));
console.log(JSON.stringify(Array.from({ length: 2, 0: 'x', 1: 'y' })));
var custom = {}; custom[Symbol.iterator] = function () { var i = 0; return { next: function () { i++; return { value: i, done: i > 3 }; } }; };
console.log(JSON.stringify(Array.from(custom)), JSON.stringify(Object.fromEntries([['a', 1]])));
(function () { console.log(JSON.stringify(Array.from(arguments))); }(1, 2));
try { Array.prototype.values.call(null); } catch (e) { console.log(e.name); }
try { ai.next.call({}); } catch (e) { console.log(e.name); }
