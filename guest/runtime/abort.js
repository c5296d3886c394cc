/*
 * abort.js: Event, EventTarget, AbortController and AbortSignal as node 20
 * has them (AbortSignal.abort/timeout/any, reasons as DOMExceptions).
 * Runs in: guest, a lazy unit loaded on first use (trusted bytecode). Input: values from untrusted user code.
 *
 * Programs use these to cancel their own work (a timeout around a tool call,
 * fetch's `signal`); listeners run synchronously inside abort(), as in node.
 * The timer of AbortSignal.timeout is unref'd: like node's, it never keeps a
 * plain script alive.
 */
(function (cc) {
  'use strict';
  /* A lazy unit (guest/runtime/lazy.js): run with `this` = the internal __cc. */
  var G = cc.global;
  var def = cc.def;
  var ctorProp = function (proto, C) {
    Object.defineProperty(proto, 'constructor', { value: C, writable: true, enumerable: false, configurable: true });
  };
  var illegal = function () { throw new TypeError('Illegal constructor'); };

  /* ---- Event ---- */
  var EV = new WeakMap();
  var Event = function Event(type, init) {
    if (!(this instanceof Event)) throw new TypeError("Class constructor Event cannot be invoked without 'new'");
    if (arguments.length === 0) throw new TypeError('The "type" argument must be specified');
    init = init === undefined || init === null ? {} : init;
    EV.set(this, { type: String(type), bubbles: !!init.bubbles, cancelable: !!init.cancelable,
      composed: !!init.composed, defaultPrevented: false, target: null, currentTarget: null, stop: false,
      timeStamp: typeof cc.nowMs === 'function' ? cc.nowMs() : 0 });
  };
  var ev = function (e) {
    var s = EV.get(e);
    if (!s) throw new TypeError('Value of "this" must be of type Event');
    return s;
  };
  ['type', 'bubbles', 'cancelable', 'composed', 'defaultPrevented', 'target', 'currentTarget', 'timeStamp']
    .forEach(function (k) { cc.defGetter(Event.prototype, k, function () { return ev(this)[k]; }); });
  cc.defGetter(Event.prototype, 'srcElement', function () { return ev(this).target; });
  cc.defGetter(Event.prototype, 'isTrusted', function () { return false; });
  cc.defGetter(Event.prototype, 'eventPhase', function () { return ev(this).currentTarget ? 2 : 0; });
  def(Event.prototype, 'preventDefault', function preventDefault() {
    var s = ev(this);
    if (s.cancelable) s.defaultPrevented = true;
  }, 0);
  def(Event.prototype, 'stopImmediatePropagation', function stopImmediatePropagation() { ev(this).stop = true; }, 0);
  def(Event.prototype, 'stopPropagation', function stopPropagation() { ev(this); }, 0);
  def(Event.prototype, 'composedPath', function composedPath() {
    var s = ev(this);
    return s.currentTarget ? [s.currentTarget] : [];
  }, 0);
  Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: 'Event', configurable: true });
  ctorProp(Event.prototype, Event);

  /* ---- EventTarget ---- */
  var LISTENERS = new WeakMap();
  var EventTarget = function EventTarget() {
    if (!(this instanceof EventTarget)) throw new TypeError("Class constructor EventTarget cannot be invoked without 'new'");
    LISTENERS.set(this, {});
  };
  var lists = function (t) {
    var l = LISTENERS.get(t);
    if (!l) throw new TypeError('Value of "this" must be of type EventTarget');
    return l;
  };
  def(EventTarget.prototype, 'addEventListener', function addEventListener(type, listener, options) {
    var l = lists(this);
    if (listener === null || listener === undefined) return;
    var once = options !== null && typeof options === 'object' && !!options.once;
    var capture = typeof options === 'boolean' ? options : !!(options && options.capture);
    var signal = options !== null && typeof options === 'object' ? options.signal : undefined;
    if (signal && signal.aborted) return;
    type = String(type);
    var list = l[type] || (l[type] = []);
    for (var i = 0; i < list.length; i++) if (list[i].fn === listener && list[i].capture === capture) return;
    var entry = { fn: listener, once: once, capture: capture, removed: false };
    list.push(entry);
    var self = this;
    if (signal && typeof signal.addEventListener === 'function')
      signal.addEventListener('abort', function () { self.removeEventListener(type, listener, { capture: capture }); });
  }, 2);
  def(EventTarget.prototype, 'removeEventListener', function removeEventListener(type, listener, options) {
    var l = lists(this), list = l[String(type)];
    if (!list) return;
    var capture = typeof options === 'boolean' ? options : !!(options && options.capture);
    for (var i = 0; i < list.length; i++) {
      if (list[i].fn === listener && list[i].capture === capture) {
        list[i].removed = true;
        list.splice(i, 1);
        return;
      }
    }
  }, 2);
  def(EventTarget.prototype, 'dispatchEvent', function dispatchEvent(event) {
    var l = lists(this);
    if (!(event instanceof Event)) throw new TypeError('The "event" argument must be an instance of Event. Received ' + cc.describe(event));
    var s = ev(event);
    s.target = this;
    s.currentTarget = this;
    var list = (l[s.type] || []).slice();
    for (var i = 0; i < list.length && !s.stop; i++) {
      var e = list[i];
      if (e.removed) continue;
      if (e.once) this.removeEventListener(s.type, e.fn, { capture: e.capture });
      try {
        if (typeof e.fn === 'function') e.fn.call(this, event);
        else if (e.fn && typeof e.fn.handleEvent === 'function') e.fn.handleEvent(event);
      } catch (err) {
        /* node reports a throwing listener as an uncaught exception
         * without stopping the dispatch. */
        if (typeof cc.reportError === 'function') cc.reportError(err);
        else G.setTimeout(function () { throw err; }, 0);
      }
    }
    s.currentTarget = null;
    return !s.defaultPrevented;
  }, 1);
  Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, { value: 'EventTarget', configurable: true });
  ctorProp(EventTarget.prototype, EventTarget);

  /* ---- AbortSignal ---- */
  var SIG = new WeakMap();
  var AbortSignal = function AbortSignal() { illegal(); };
  AbortSignal.prototype = Object.create(EventTarget.prototype);
  ctorProp(AbortSignal.prototype, AbortSignal);
  Object.setPrototypeOf(AbortSignal, EventTarget);
  var sig = function (s) {
    var st = SIG.get(s);
    if (!st) throw new TypeError('Value of "this" must be of type AbortSignal');
    return st;
  };
  var newSignal = function () {
    var s = Object.create(AbortSignal.prototype);
    LISTENERS.set(s, {});
    SIG.set(s, { aborted: false, reason: undefined, onabort: null });
    return s;
  };
  var abortReason = function () { return new G.DOMException('This operation was aborted', 'AbortError'); };
  var doAbort = function (s, reason) {
    var st = SIG.get(s);
    if (st.aborted) return;
    st.aborted = true;
    st.reason = reason === undefined ? abortReason() : reason;
    s.dispatchEvent(new Event('abort'));
  };
  cc.defGetter(AbortSignal.prototype, 'aborted', function () { return sig(this).aborted; });
  cc.defGetter(AbortSignal.prototype, 'reason', function () { return sig(this).reason; });
  Object.defineProperty(AbortSignal.prototype, 'onabort', {
    get: function () { return sig(this).onabort; },
    /* An event handler attribute: one listener, registered when first set,
     * so it runs in registration order with the others (as in node). */
    set: function (f) {
      var st = sig(this);
      st.onabort = typeof f === 'function' ? f : null;
      if (st.onabort && !st.handler) {
        st.handler = function (e) { if (typeof st.onabort === 'function') return st.onabort.call(this, e); };
        this.addEventListener('abort', st.handler);
      }
    },
    enumerable: false, configurable: true
  });
  def(AbortSignal.prototype, 'throwIfAborted', function throwIfAborted() {
    var st = sig(this);
    if (st.aborted) throw st.reason;
  }, 0);
  Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: 'AbortSignal', configurable: true });
  def(AbortSignal, 'abort', function abort(reason) {
    var s = newSignal();
    var st = SIG.get(s);
    st.aborted = true;
    st.reason = reason === undefined ? abortReason() : reason;
    return s;
  }, 0);
  def(AbortSignal, 'timeout', function timeout(ms) {
    var n = Number(ms);
    if (typeof ms !== 'number' || n !== n || n < 0 || n > 9007199254740991 || Math.floor(n) !== n) {
      var e = new RangeError('The value of "delay" is out of range. It must be an integer >= 0 && <= ' +
        '9007199254740991. Received ' + cc.describe(ms));
      if (typeof ms !== 'number') {
        e = new TypeError('The "delay" argument must be of type number. Received ' + cc.describe(ms));
        e.code = 'ERR_INVALID_ARG_TYPE';
      } else e.code = 'ERR_OUT_OF_RANGE';
      throw e;
    }
    var s = newSignal();
    var t = G.setTimeout(function () {
      doAbort(s, new G.DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, n);
    if (t && typeof t.unref === 'function') t.unref();
    return s;
  }, 1);
  def(AbortSignal, 'any', function any(signals) {
    var list = cc.iterableToList ? cc.iterableToList(signals) : Array.prototype.slice.call(signals);
    var i;
    for (i = 0; i < list.length; i++) {
      if (!SIG.has(list[i])) {
        var e = new TypeError('The "signals[' + i + ']" argument must be an instance of AbortSignal. Received ' + cc.describe(list[i]));
        e.code = 'ERR_INVALID_ARG_TYPE';
        throw e;
      }
    }
    var s = newSignal();
    for (i = 0; i < list.length; i++) {
      if (list[i].aborted) {
        var st = SIG.get(s);
        st.aborted = true;
        st.reason = list[i].reason;
        return s;
      }
    }
    list.forEach(function (src) {
      src.addEventListener('abort', function () { doAbort(s, src.reason); });
    });
    return s;
  }, 1);

  /* ---- AbortController ---- */
  var CTL = new WeakMap();
  var AbortController = function AbortController() {
    if (!(this instanceof AbortController)) throw new TypeError("Class constructor AbortController cannot be invoked without 'new'");
    CTL.set(this, newSignal());
  };
  var ctl = function (c) {
    var s = CTL.get(c);
    if (!s) throw new TypeError('Value of "this" must be of type AbortController');
    return s;
  };
  cc.defGetter(AbortController.prototype, 'signal', function () { return ctl(this); });
  def(AbortController.prototype, 'abort', function abort(reason) { doAbort(ctl(this), reason); }, 0);
  Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { value: 'AbortController', configurable: true });
  ctorProp(AbortController.prototype, AbortController);

  [['Event', Event], ['EventTarget', EventTarget], ['AbortSignal', AbortSignal], ['AbortController', AbortController]]
    .forEach(function (p) {
      Object.defineProperty(p[1], 'name', { value: p[0], configurable: true });
      Object.defineProperty(G, p[0], { value: p[1], writable: true, enumerable: false, configurable: true });
    });
  Object.defineProperty(Event, 'length', { value: 1, configurable: true });
  Object.defineProperty(EventTarget, 'length', { value: 0, configurable: true });
  Object.defineProperty(AbortController, 'length', { value: 0, configurable: true });
  Object.defineProperty(AbortSignal, 'length', { value: 0, configurable: true });
}(this));
