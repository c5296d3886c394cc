// Microtask ordering: then-chains interleave, thenables take the extra tick,
// returning a promise from a handler takes two extra ticks.
var log = [];
function out(x) { log.push(x); }
Promise.resolve(1).then(function (v) { out('a' + v); return Promise.resolve(2); }).then(function (v) { out('b' + v); });
Promise.resolve().then(function () { out('c1'); }).then(function () { out('c2'); }).then(function () { out('c3'); }).then(function () { out('c4'); });
new Promise(function (res) { res({ then: function (r) { out('thenable'); r(7); } }); }).then(function (v) { out('t' + v); });
Promise.reject(new Error('boom')).finally(function () { out('fin'); }).catch(function (e) { out('caught ' + e.message); });
Promise.resolve(5).finally(function () { return 9; }).then(function (v) { out('finally keeps ' + v); });
Promise.resolve(5).finally(function () { throw 'fthrow'; }).catch(function (v) { out('finally throws ' + v); });
queueMicrotask(function () { out('qm'); });
var p = new Promise(function (res, rej) { res('first'); res('second'); rej('third'); });
p.then(function (v) { out('once ' + v); });
new Promise(function () { throw new TypeError('exec'); }).catch(function (e) { out('executor ' + e.name); });
var self = new Promise(function (r) { setTimeout(function () { r(self); }, 0); });
self.catch(function (e) { out('cycle ' + e.name); });
setTimeout(function () {
  out('timeout');
  console.log(log.join('\n'));
}, 5);
console.log('sync', Object.prototype.toString.call(p), typeof Promise.prototype.then, Promise.length, Promise.prototype.then.length, Object.keys(p).length);
