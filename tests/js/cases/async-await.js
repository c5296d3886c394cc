// Timers interleaved with promise chains. Due times are kept >= 15 ms apart
// so node's real clock gives the same order as the virtual clock under duk.
// A chained timer (e, due 5 ms after d fires) lags by however late d fired,
// so it keeps 35 ms from the next independent timer (iv2): a loaded CI
// machine once fired d 10 ms late and put iv2 first.
function delay(ms, v) { return new Promise(function (r) { setTimeout(function () { r(v); }, ms); }); }
var order = [];
delay(50, 'x').then(function (v) { order.push('d ' + v); return delay(5, 'y'); }).then(function (v) { order.push('e ' + v); });
setTimeout(function () { order.push('t30'); }, 30);
setTimeout(function () { order.push('t110'); }, 110);
var iv = 0, h = setInterval(function () { order.push('iv' + (++iv)); if (iv === 3) clearInterval(h); }, 45);
var cancelled = setTimeout(function () { order.push('cancelled!'); }, 15);
clearTimeout(cancelled);
setTimeout(function (a, b) { order.push('args ' + a + b); }, 0, 'p', 'q');
setTimeout(function () {
  Promise.resolve().then(function () { order.push('micro after t150'); });
  order.push('t150');
}, 150);
setTimeout(function () { order.push('t170'); }, 170);
setTimeout(function () { console.log(order.join('\n')); }, 200);
try { setTimeout('code', 1); } catch (e) { console.log(e.name, e.code); }
var t = setTimeout(function () {}, 1);
console.log(typeof t.ref, typeof t.unref, t.hasRef(), typeof +t);
var u = setTimeout(function () { console.log('unref timer must not keep the program alive'); }, 100000);
u.unref();
