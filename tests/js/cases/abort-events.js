// AbortController / AbortSignal / Event / EventTarget as node 20 has them;
// String isWellFormed/toWellFormed; constructor names of AggregateError and
// DOMException.
var ac = new AbortController();
var seen = [];
ac.signal.addEventListener('abort', function (e) { seen.push(e.type + ':' + (e.target === ac.signal)); });
ac.signal.onabort = function () { seen.push('onabort'); };
ac.abort();
ac.abort(new Error('second abort is ignored'));
console.log(seen.join(','), ac.signal.aborted, ac.signal.reason.name, ac.signal.reason.message,
  ac.signal.reason instanceof DOMException, String(ac.signal), String(ac));
try { ac.signal.throwIfAborted(); } catch (e) { console.log('thrown', e.name, e.code); }
var a2 = AbortSignal.abort('why');
console.log(a2.aborted, a2.reason);
var any = AbortSignal.any([new AbortController().signal, a2]);
console.log(any.aborted, any.reason);
var c1 = new AbortController(), c2 = new AbortController();
var any2 = AbortSignal.any([c1.signal, c2.signal]);
console.log(any2.aborted);
c2.abort(new Error('x'));
c1.abort(new Error('y'));
console.log(any2.aborted, any2.reason.message);
try { new AbortSignal(); } catch (e) { console.log(e.name, e.message); }
try { AbortSignal.timeout(-1); } catch (e) { console.log(e.name, e.code); }
try { AbortSignal.timeout('5'); } catch (e) { console.log(e.name, e.code); }
console.log('ab\uD800'.isWellFormed(), 'ab\uD800c\uDC00'.toWellFormed() === 'ab\uFFFDc\uFFFD', '\uD83D\uDE00'.isWellFormed(),
  'x'.toWellFormed(), String.prototype.isWellFormed.length);
console.log(new AggregateError([]).constructor.name, new DOMException('m').constructor.name);
var et = new EventTarget(), n = 0;
function inc() { n++; }
et.addEventListener('x', inc, { once: true });
et.dispatchEvent(new Event('x'));
et.dispatchEvent(new Event('x'));
et.addEventListener('y', inc);
et.addEventListener('y', inc);
et.dispatchEvent(new Event('y'));
et.removeEventListener('y', inc);
et.dispatchEvent(new Event('y'));
var ev = new Event('z', { cancelable: true });
et.addEventListener('z', function (e) { e.preventDefault(); });
console.log(n, et.dispatchEvent(ev), ev.defaultPrevented, ev.cancelable, ev.bubbles, ev.type);
var ctl = new AbortController(), got = 0;
et.addEventListener('w', function () { got++; }, { signal: ctl.signal });
et.dispatchEvent(new Event('w'));
ctl.abort();
et.dispatchEvent(new Event('w'));
console.log(got);
var s = AbortSignal.timeout(5);
setTimeout(function () { console.log('timeout', s.aborted, s.reason.name, s.reason.message); }, 30);
