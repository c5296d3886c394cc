// Array.prototype.sort against node's (V8's TimSort): for each size, data
// shape and comparator, the sorted result, how many times the comparator was
// called and a hash of the calls in order. Consistent comparators pin the
// result; inconsistent ones (a > b, random answers, constants, NaN, strings)
// pin the algorithm: runs, binary insertion, merges and gallops
// (guest/runtime/array.js). Sizes cross the 64-element minimum run.
var seed = 12345;
function rnd() { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; }
function h(str, acc) { for (var i = 0; i < str.length; i++) acc = (acc * 31 + str.charCodeAt(i)) | 0; return acc; }
function fill(n, f) { var a = []; for (var i = 0; i < n; i++) a.push(f(i)); return a; }
var sizes = [0, 1, 2, 3, 5, 9, 10, 11, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 200, 257, 500, 1000];
var shapes = {
  random: function (n) { return fill(n, function () { return Math.floor(rnd() * n); }); },
  fewdistinct: function (n) { return fill(n, function () { return Math.floor(rnd() * 4); }); },
  sorted: function (n) { return fill(n, function (i) { return i; }); },
  reversed: function (n) { return fill(n, function (i) { return n - i; }); },
  sawtooth: function (n) { return fill(n, function (i) { return i % 17; }); },
  runs: function (n) {
    var a = [];
    while (a.length < n) {
      var len = 1 + Math.floor(rnd() * 80), up = rnd() < 0.5, b = Math.floor(rnd() * 1000);
      for (var i = 0; i < len && a.length < n; i++) a.push(up ? b + i : b - i);
    }
    return a;
  }
};
var cmps = {
  numeric: function () { return function (a, b) { return a - b; }; },
  desc: function () { return function (a, b) { return b - a; }; },
  bool: function () { return function (a, b) { return a > b; }; },
  boolLess: function () { return function (a, b) { return a < b; }; },
  rand: function () { var s = 7; return function () { s = (s * 1103515245 + 12345) & 0x7fffffff; return (s % 3) - 1; }; },
  one: function () { return function () { return 1; }; },
  minus: function () { return function () { return -1; }; },
  zero: function () { return function () { return 0; }; },
  nan: function () { return function (a, b) { return (a - b) * NaN; }; },
  str: function () { return function (a, b) { return String(a - b); }; },
  modkey: function () { return function (a, b) { return (a % 7) - (b % 7); }; },
  none: function () { return undefined; }
};
var lines = [];
sizes.forEach(function (n) {
  Object.keys(shapes).forEach(function (sn) {
    Object.keys(cmps).forEach(function (cn) {
      var arr = shapes[sn](n), c = cmps[cn](), calls = 0, log = 0;
      var wrapped = c === undefined ? undefined : function (a, b) { calls++; log = h(a + ':' + b, log); return c(a, b); };
      var sorted = arr.slice().sort(wrapped);
      lines.push(n + '/' + sn + '/' + cn + ':' + calls + ':' + log + ':' + h(sorted.join(','), 0));
    });
  });
});
var objs = fill(300, function (i) { return { k: Math.floor(rnd() * 10), i: i }; });
lines.push(h(objs.slice().sort(function (a, b) { return a.k - b.k; }).map(function (o) { return o.i; }).join(), 0));
lines.push(JSON.stringify([3, 1, 2].sort(function (a, b) { return a > b; })), JSON.stringify([3, 1, 2].toSorted(function (a, b) { return b - a; })));
lines.push(JSON.stringify(Array.prototype.slice.call(new Int32Array([3, -1, 20, 2]).sort())));
console.log(lines.length, h(lines.join('\n'), 0));
console.log(lines.filter(function (l, i) { return i % 97 === 0 || i > lines.length - 4; }).join('\n'));
