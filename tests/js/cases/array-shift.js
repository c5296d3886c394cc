// Array.prototype.shift: the engine moves a dense array down in one step
// (guest/duk/patch-duktape.py, array-shift-fastpath); every case here must
// print what node prints, on the fast path and off it.
function show(a) { return JSON.stringify(a) + ' len=' + a.length; }
function tryShift(name, a) {
  try { var v = a.shift(); console.log(name, String(v), show(a)); }
  catch (e) { console.log(name, e.constructor.name, show(a)); }
}

var q = [1, 'two', { three: 3 }, [4], null, undefined];
var out = [];
while (q.length) out.push(JSON.stringify(q.shift()) + '');
console.log('drain', out.join(' '), show(q), String(q.shift()), show(q));

// a queue: breadth-first over a generated tree
var seen = {}, queue = [0], order = [], n, m, k;
seen[0] = true;
while (queue.length) {
  n = queue.shift();
  order.push(n);
  for (k = 1; k <= 2; k++) {
    m = n * 2 + k;
    if (m < 5000 && !seen[m]) { seen[m] = true; queue.push(m); }
  }
}
console.log('bfs', order.length, order.slice(0, 6).join(','), order[4999]);

// holes: a hole's Get reads the prototype chain
var holes = [1, , 3];
Array.prototype[1] = 'from proto';
console.log('holes', holes.shift(), JSON.stringify(Object.getOwnPropertyNames(holes)), holes[0], holes[1], holes.length);
delete Array.prototype[1];
var lead = [, 'b', 'c'];
Array.prototype[0] = 'proto0';
console.log('leading hole', lead.shift(), JSON.stringify(Object.getOwnPropertyNames(lead)), lead[0]);
delete Array.prototype[0];

// a getter, a non-writable element, frozen, sealed, length read-only
var acc = [1, 2, 3];
Object.defineProperty(acc, 1, { get: function () { return 'got'; }, configurable: true });
tryShift('accessor', acc);
var ro = [1, 2, 3];
Object.defineProperty(ro, 0, { writable: false });
tryShift('read-only element', ro);
tryShift('frozen', Object.freeze([1, 2]));
tryShift('sealed', Object.seal([1, 2]));
var nl = [1, 2, 3];
Object.defineProperty(nl, 'length', { writable: false });
tryShift('length read-only', nl);
tryShift('non-extensible', Object.preventExtensions([1, 2, 3]));
tryShift('empty, length read-only', Object.defineProperty([], 'length', { writable: false }));

// array-likes, subclass instances, many elements, objects kept alive
var like = { length: 3, 0: 'a', 1: 'b', 2: 'c' };
console.log('array-like', Array.prototype.shift.call(like), JSON.stringify(like));
function Queue() {}
Queue.prototype = Object.create(Array.prototype);
var sub = [5, 6, 7];
Object.setPrototypeOf(sub, Queue.prototype);
console.log('subclass', sub.shift(), show(sub), sub instanceof Queue);
var big = [];
for (k = 0; k < 3000; k++) big.push(k * 3);
var sum = 0;
for (k = 0; k < 1000; k++) sum += big.shift();
console.log('big', sum, big.length, big[0], big[1999]);
var objs = [];
for (k = 0; k < 50; k++) objs.push({ i: k });
var firsts = [];
while (objs.length > 45) firsts.push(objs.shift().i);
objs.push({ i: 'late' });
console.log('objects', firsts.join(','), objs.length, objs[0].i, objs[objs.length - 1].i);
var sparseTail = [1, 2, 3];
sparseTail.length = 5;
console.log('sparse tail', sparseTail.shift(), sparseTail.length, 3 in sparseTail, JSON.stringify(Object.keys(sparseTail)));
var one = ['only'];
console.log('one', one.shift(), show(one), one.shift(), show(one));
