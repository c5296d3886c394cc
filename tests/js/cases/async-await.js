// Timers interleaved with promise chains. Independent due times are kept
// >= 45 ms apart so node's real clock gives the same order as the virtual
// clock under duk, even on a loaded machine: a chained timer (e after d, each
// interval tick after the last) lags by however late its predecessor fired,
// and a loaded CI box has fired one 10-20 ms late.
function delay(ms, v) { return new Promise(function (r) { setTimeout(function () { r(v); }, ms); }); }
var order = [];
delay(50, 'x').then(function (v) { order.push('d ' + v); return delay(5, 'y'); }).then(function (v) { order.push('e ' + v); });
setTimeout(function () { order.push('t30'); }, 30);
setTimeout(function () { order.push('t250'); }, 250);
var iv = 0, h = setInterval(function () { order.push('iv' + (++iv)); if (iv === 3) clearInterval(h); }, 100);
var cancelled = setTimeout(function () { order.push('cancelled!'); }, 15);
clearTimeout(cancelled);
setTimeout(function (a, b) { order.push('args ' + a + b); }, 0, 'p', 'q');
setTimeout(function () {
  Promise.resolve().then(function () { order.push('micro after t150'); });
  order.push('t150');
}, 150);
setTimeout(function () { console.log(order.join('\n')); }, 400);
try { setTimeout('code', 1); } catch (e) { console.log(e.name, e.code); }
var t = setTimeout(function () {}, 1);
console.log(typeof t.ref, typeof t.unref, t.hasRef(), typeof +t);
var u = setTimeout(function () { console.log('unref timer must not keep the program alive'); }, 100000);
u.unref();
