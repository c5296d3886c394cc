// Each chain's outcome, printed sorted once every chain has settled: which
// chain settles first depends on timers created at different moments, which a
// loaded machine can reorder (node too); promise-order.js checks ordering.
var log = [], ps = [];
function out(x) { log.push(x); }
function later(v, ms, fail) { return new Promise(function (res, rej) { setTimeout(function () { (fail ? rej : res)(v); }, ms); }); }
ps.push(Promise.all([1, Promise.resolve(2), later(3, 80)]).then(function (v) { out('all ' + JSON.stringify(v)); }));
ps.push(Promise.all([]).then(function (v) { out('all empty ' + v.length); }));
ps.push(Promise.all([later(1, 60), later('bad', 40, true)]).catch(function (e) { out('all rejects ' + e); }));
ps.push(Promise.allSettled([1, Promise.reject(2), later(3, 10)]).then(function (v) { out('settled ' + JSON.stringify(v)); }));
ps.push(Promise.race([later('slow', 90), later('fast', 30)]).then(function (v) { out('race ' + v); }));
Promise.race([]).then(function () { out('never'); });
ps.push(Promise.any([Promise.reject(1), later(2, 20)]).then(function (v) { out('any ' + v); }));
ps.push(Promise.any([Promise.reject(1), Promise.reject(2)]).catch(function (e) {
  out('any ' + e.name + ' ' + JSON.stringify(e.errors) + ' ' + e.message + ' ' + (e instanceof AggregateError) + ' ' + (e instanceof Error));
}));
ps.push(Promise.any([]).catch(function (e) { out('any empty ' + e.errors.length); }));
ps.push(Promise.all(new Set(['s1', 's2'])).then(function (v) { out('from set ' + v.join()); }));
ps.push(Promise.all('ab').then(function (v) { out('from string ' + v.join()); }));
ps.push(Promise.all(5).catch(function (e) { out('not iterable ' + e.name); }));
ps.push(Promise.resolve().then(function () { return later('nested', 50); }).then(function (v) { out('nested ' + v); }));
try { Promise.prototype.then.call({}, function () {}); } catch (e) { out('then on non-promise ' + e.name); }
try { Promise(function () {}); } catch (e) { out('no new ' + e.name); }
try { new Promise(5); } catch (e) { out('bad executor ' + e.name); }
var q = Promise.resolve(1);
out('resolve identity ' + (Promise.resolve(q) === q));
Promise.allSettled(ps).then(function () { console.log(log.sort().join('\n')); });
