/*
 * timers.js: setTimeout/setInterval/clearTimeout/clearInterval (node semantics),
 * driven by the guest's event loop.
 * Runs in: guest prelude (trusted bytecode). Input: callbacks and delays from untrusted user code.
 *
 * Event loop contract (the guest's C loop, between waits for tool replies):
 *   ms = __cc.nextTimer()   -1: no referenced timer is pending; else ms until the earliest is due
 *   __cc.runTimers()        runs every timer due now, in (due time, creation) order; after each
 *                           callback it drains the microtask queue (__cc.runJobs()) and calls
 *                           __cc.afterTask() if the guest defined one (to report unhandled
 *                           rejections, as node does after each macrotask)
 * Time comes from __cc.nowMs() (the guest's monotonic clock), else Date.now().
 */
(function (G) {
  'use strict';
  var cc = G.__cc;
  var def = cc.def;
  /* node clamps delays outside [1, 2^31-1] to 1 ms (TIMEOUT_MAX). */
  var TIMEOUT_MAX = 2147483647;
  var S_TIMER = cc.hidden('Timer');

  function now() { return typeof cc.nowMs === 'function' ? cc.nowMs() : Date.now(); }

  /* Binary min-heap of timer records ordered by (due, seq); cancelled
   * records stay in the heap until they surface (lazy deletion). */
  var heap = [], seq = 0, nextId = 1, refCount = 0, byId = Object.create(null);
  function less(a, b) { return a.due < b.due || (a.due === b.due && a.seq < b.seq); }
  function push(t) {
    var i = heap.length, p;
    heap.push(t);
    while (i > 0) {
      p = (i - 1) >> 1;
      if (!less(heap[i], heap[p])) break;
      var x = heap[i]; heap[i] = heap[p]; heap[p] = x; i = p;
    }
  }
  function pop() {
    var top = heap[0], last = heap.pop(), n = heap.length, i = 0, l, r, m, x;
    if (n > 0) {
      heap[0] = last;
      for (;;) {
        l = 2 * i + 1; r = l + 1; m = i;
        if (l < n && less(heap[l], heap[m])) m = l;
        if (r < n && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        x = heap[i]; heap[i] = heap[m]; heap[m] = x; i = m;
      }
    }
    return top;
  }
  function dropCancelled() { while (heap.length > 0 && !heap[0].active) pop(); }

  /* node's Timeout object: ref/unref/hasRef/refresh, and a primitive value
   * equal to its id so it can be used as a key or passed as a number. */
  var Timeout = function Timeout() { throw new TypeError('Illegal constructor'); };
  var TP = Timeout.prototype;
  function rec(o) {
    var t = cc.isObject(o) ? o[S_TIMER] : undefined;
    if (t === undefined) throw new TypeError('not a Timeout');
    return t;
  }
  def(TP, 'ref', { ref() { var t = rec(this); if (!t.ref && t.active) refCount++; t.ref = true; return this; } }.ref, 0);
  def(TP, 'unref', { unref() { var t = rec(this); if (t.ref && t.active) refCount--; t.ref = false; return this; } }.unref, 0);
  def(TP, 'hasRef', { hasRef() { return rec(this).ref; } }.hasRef, 0);
  def(TP, 'refresh', { refresh() {
    var t = rec(this);
    if (t.active) {
      t.active = false;
      var n = { id: t.id, due: now() + t.delay, seq: seq++, fn: t.fn, args: t.args, delay: t.delay, repeat: t.repeat, active: true, ref: t.ref, obj: this };
      this[S_TIMER] = n; byId[n.id] = n;
      push(n);
    }
    return this;
  } }.refresh, 0);
  def(TP, 'close', { close() { cancel(this); return this; } }.close, 0);
  def(TP, Symbol.toPrimitive, { m() { return rec(this).id; } }.m, 1);

  function clampDelay(d) {
    d = +d;
    if (!(d >= 1 && d <= TIMEOUT_MAX)) d = 1; /* NaN, < 1, too large */
    return Math.floor(d);
  }

  function schedule(fn, delay, args, repeat, name) {
    if (typeof fn !== 'function') {
      var e = new TypeError('The "callback" argument must be of type function. Received ' + (fn === null ? 'null' : fn === undefined ? 'undefined' : 'type ' + typeof fn + ' (' + String(fn) + ')'));
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    var d = clampDelay(delay);
    var o = Object.create(TP);
    var t = { id: nextId++, due: now() + d, seq: seq++, fn: fn, args: args, delay: d, repeat: repeat, active: true, ref: true, obj: o };
    Object.defineProperty(o, S_TIMER, { value: t, writable: true });
    byId[t.id] = t;
    refCount++;
    push(t);
    return o;
  }

  function cancel(x) {
    var t;
    if (cc.isObject(x)) t = x[S_TIMER];
    else if (typeof x === 'number' || typeof x === 'string') t = byId[x];
    if (t === undefined || !t.active) return;
    t.active = false;
    if (t.ref) refCount--;
    delete byId[t.id];
  }

  function restArgs(a, from) {
    if (a.length <= from) return undefined;
    return Array.prototype.slice.call(a, from);
  }
  def(G, 'setTimeout', { setTimeout(fn, delay) { return schedule(fn, delay, restArgs(arguments, 2), false); } }.setTimeout, 2);
  def(G, 'setInterval', { setInterval(fn, delay) { return schedule(fn, delay, restArgs(arguments, 2), true); } }.setInterval, 2);
  def(G, 'clearTimeout', { clearTimeout(t) { cancel(t); } }.clearTimeout, 1);
  def(G, 'clearInterval', { clearInterval(t) { cancel(t); } }.clearInterval, 1);

  cc.nextTimer = function () {
    dropCancelled();
    if (refCount <= 0 || heap.length === 0) return -1;
    var ms = heap[0].due - now();
    return ms > 0 ? ms : 0;
  };

  /* ms until the next timer of any kind (ref'd or not), or -1. */
  cc.nextDue = function () {
    dropCancelled();
    if (heap.length === 0) return -1;
    var ms = heap[0].due - now();
    return ms > 0 ? ms : 0;
  };

  /* Runs due timers; returns how many callbacks ran. */
  cc.runTimers = function () {
    var t0 = now(), n = 0, t;
    for (;;) {
      dropCancelled();
      if (heap.length === 0 || heap[0].due > t0) return n;
      t = pop();
      if (t.repeat) {
        t.active = false;
        var again = { id: t.id, due: 0, seq: 0, fn: t.fn, args: t.args, delay: t.delay, repeat: true, active: true, ref: t.ref, obj: t.obj };
        t.obj[S_TIMER] = again; byId[t.id] = again;
        t = again;
      } else {
        t.active = false;
        if (t.ref) refCount--;
        delete byId[t.id];
      }
      n++;
      try {
        if (t.args === undefined) t.fn.call(t.obj); else t.fn.apply(t.obj, t.args);
      } catch (e) {
        if (typeof cc.reportError === 'function') cc.reportError(e);
        else { reschedule(t); throw e; }
      }
      reschedule(t);
      cc.runJobs();
      if (typeof cc.afterTask === 'function') cc.afterTask();
    }
  };
  function reschedule(t) {
    if (t.repeat && t.active) { t.due = now() + t.delay; t.seq = seq++; push(t); }
  }
}(this));
