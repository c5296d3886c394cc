// codecell-only: spread and rest are lowered to rt/iter.js helpers (spreadOne, rest, restFrom, toArr) that Debian's duk, running the cases unlowered, does not use
// Spread and rest build their arrays by index: a program that replaced
// Array.prototype.push still gets node's arrays.
const push = Array.prototype.push;
Array.prototype.push = null;
const [a, ...r] = new Set([1, 2, 3]);
function f(x) { const [b, ...s] = x; return [b, s]; }
const [b, s] = f([7, 8, 9]);
const out = [[...new Set([4, 5])], [...'ab', 1], r, s, [...[1, , 3]].length, Math.max(...new Set([2, 6]))];
Array.prototype.push = push;
console.log(JSON.stringify(out), a, b);
