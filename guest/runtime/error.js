/*
 * error.js: Error `cause` option (ES2022), AggregateError, Error.captureStackTrace.
 * Runs in: guest prelude (trusted bytecode). Input: values from untrusted user code.
 *
 * Duktape's native error constructors ignore a second argument, so each of
 * Error, TypeError, ... is replaced by a thin wrapper that calls the native one
 * and installs `cause`. The wrapper keeps the native `prototype` object (so
 * engine-thrown errors stay `instanceof` the global) and hides its own frame:
 * lineNumber/fileName are taken from the caller and `stack` drops the wrapper line.
 *
 * An error's own property names are V8's, `stack` then `message` (then
 * `cause`, `errors`): programs serialise errors with
 * JSON.stringify(e, Object.getOwnPropertyNames(e)). Duktape's non-standard
 * lineNumber/fileName stay inherited accessors on Error.prototype, so they
 * never show among an error's own keys.
 */
(function (G) {
  'use strict';
  var cc = G.__cc;
  var act = (typeof Duktape === 'object' && typeof Duktape.act === 'function') ? Duktape.act : null;
  var stackDesc = Object.getOwnPropertyDescriptor(Error.prototype, 'stack');
  var nativeStackGet = stackDesc && stackDesc.get;

  /* Frames to drop from the top of an error's traceback: the wrapper's own,
   * and for an Error subclass the constructors up to new.target (V8 starts
   * the stack where `new Sub()` was called, not at `super()`). */
  var K_DROP = cc.hidden('ErrorDropFrames');

  /* V8 formats `stack` when it is first read, not when the error is made,
   * and keeps that text: a subclass that sets this.name after super() (or
   * after Error.captureStackTrace) shows its own name in the header, and a
   * later change of name or message no longer shows. Duktape formats on
   * every read, so the first read settles the text into the data property
   * V8 has. A frozen error cannot take it and keeps the accessor. */
  function settle(obj, s) {
    try {
      Object.defineProperty(obj, 'stack', { value: s, writable: true, enumerable: false, configurable: true });
    } catch (e) { /* not extensible or not configurable */ }
    return s;
  }

  /* Shared accessor: strips the wrapper's frame(s) from the native traceback. */
  function stackGet() {
    var s = nativeStackGet ? nativeStackGet.call(this) : undefined;
    if (typeof s !== 'string') return s;
    var drop = this[K_DROP] || 1;
    var nl = s.indexOf('\n');
    if (nl < 0) return settle(this, s);
    var end = nl;
    for (var i = 0; i < drop && end >= 0; i++) end = s.indexOf('\n', end + 1);
    return settle(this, s.slice(0, nl) + (end < 0 ? '' : s.slice(end)));
  }
  /* For `new Sub()` of a subclass: how many frames, counted from the wrapper
   * (Duktape.act level -3 seen from here: -1 act, -2 this helper), belong
   * to constructors up to and including new.target. 1 if not found. */
  var MAX_CTOR_DEPTH = 32;
  function subclassFrames(newTarget) {
    if (!act || typeof newTarget !== 'function') return 1;
    for (var lvl = -4; lvl >= -MAX_CTOR_DEPTH; lvl--) {
      var a = act(lvl);
      if (!a) break;
      if (a['function'] === newTarget) return -lvl - 2;
    }
    return 1;
  }
  function stackSet(v) {
    Object.defineProperty(this, 'stack', { value: v, writable: true, enumerable: false, configurable: true });
  }
  /* Every error as Duktape creates it (engine-thrown, or inside a wrapper
   * below) gets an own `stack` ahead of `message`, V8's order: Duktape's own
   * accessor (an engine-thrown error's traceback has no wrapper frame to
   * drop; its text is formatted on each read, as before). Duktape sets
   * `message` in the native constructor, before this hook runs, so it is
   * re-added after `stack` (Duktape appends a re-added key). */
  var K_LOC = cc.hidden('ErrorLocation');
  function stackFirst(e) {
    if (!nativeStackGet || e === null || typeof e !== 'object') return e;
    try {
      if (Object.prototype.hasOwnProperty.call(e, 'stack')) return e;
      Object.defineProperty(e, 'stack', { get: nativeStackGet, set: stackSet, enumerable: false, configurable: true });
      var d = Object.getOwnPropertyDescriptor(e, 'message');
      if (d && d.configurable) {
        delete e.message;
        Object.defineProperty(e, 'message', d);
      }
    } catch (ignored) { /* not extensible */ }
    return e;
  }
  if (typeof Duktape === 'object' && Duktape) {
    var previousCreate = Duktape.errCreate;
    Duktape.errCreate = function (e) {
      if (typeof previousCreate === 'function') e = previousCreate(e);
      return stackFirst(e);
    };
  }

  /* Duktape's lineNumber/fileName accessors read the traceback's top frame,
   * which for a wrapper-made error is the wrapper's (in the prelude): answer
   * with the caller's location the wrapper kept under a hidden key. */
  ['lineNumber', 'fileName'].forEach(function (k, i) {
    var d = Object.getOwnPropertyDescriptor(Error.prototype, k);
    if (!d || typeof d.get !== 'function') return;
    var nativeGet = d.get;
    d.get = function location() {
      var loc = this !== null && typeof this === 'object' ? this[K_LOC] : undefined;
      return loc ? loc[i] : nativeGet.call(this);
    };
    Object.defineProperty(Error.prototype, k, d);
  });

  function installCause(e, options) {
    if (cc.isObject(options) && ('cause' in options)) {
      Object.defineProperty(e, 'cause', { value: options.cause, writable: true, enumerable: false, configurable: true });
    }
  }

  function fixLocation(e) {
    if (act) {
      /* -1 is Duktape.act itself, -2 this helper, -3 the wrapper, -4 its caller */
      var a = act(-4);
      if (a && typeof a.lineNumber === 'number' && a['function'] && typeof a['function'].fileName === 'string') {
        Object.defineProperty(e, K_LOC, { value: [a.lineNumber, a['function'].fileName], writable: true, enumerable: false, configurable: true });
      }
    }
    /* replaces stackFirst's accessor in place: `stack` stays first */
    if (nativeStackGet) Object.defineProperty(e, 'stack', { get: stackGet, set: stackSet, enumerable: false, configurable: true });
  }

  function wrap(name) {
    var Native = G[name];
    var proto = Native.prototype;
    var W = function (message, options) {
      var e = message === undefined ? new Native() : new Native(message);
      /* new W(...) from a subclass (Reflect.construct or lowered class): keep the
       * prototype the engine chose for `this`. */
      var sub = this instanceof W && Object.getPrototypeOf(this) !== proto;
      if (sub) Object.setPrototypeOf(e, Object.getPrototypeOf(this));
      fixLocation(e);
      if (sub) {
        var ctor = Object.getPrototypeOf(this).constructor;
        var n = subclassFrames(ctor);
        if (n > 1) Object.defineProperty(e, K_DROP, { value: n, writable: true, enumerable: false, configurable: true });
      }
      installCause(e, options);
      return e;
    };
    Object.defineProperty(W, 'name', { value: name, configurable: true });
    Object.defineProperty(W, 'length', { value: 1, configurable: true });
    Object.defineProperty(W, 'prototype', { value: proto, writable: false, enumerable: false, configurable: false });
    Object.defineProperty(proto, 'constructor', { value: W, writable: true, enumerable: false, configurable: true });
    if (name !== 'Error') Object.setPrototypeOf(W, G.Error);
    Object.defineProperty(G, name, { value: W, writable: true, enumerable: false, configurable: true });
    return W;
  }
  var names = ['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'];
  var i;
  for (i = 0; i < names.length; i++) wrap(names[i]);

  /* AggregateError(errors, message, options) */
  var NativeError = Object.getPrototypeOf(new G.Error()).constructor; /* the wrapper; fine */
  var aggProto = Object.create(Error.prototype);
  var AggregateError = function (errors, message, options) {
    var e = message === undefined ? new G.Error() : new G.Error(String(message));
    var proto = (this instanceof AggregateError) ? Object.getPrototypeOf(this) : aggProto;
    Object.setPrototypeOf(e, proto);
    if (message === undefined && Object.prototype.hasOwnProperty.call(e, 'message')) delete e.message;
    installCause(e, options);
    var list = cc.iterableToList ? cc.iterableToList(errors) : Array.prototype.slice.call(errors);
    Object.defineProperty(e, 'errors', { value: list, writable: true, enumerable: false, configurable: true });
    return e;
  };
  void NativeError;
  Object.defineProperty(AggregateError, 'name', { value: 'AggregateError', configurable: true });
  Object.defineProperty(AggregateError, 'length', { value: 2, configurable: true });
  Object.defineProperty(AggregateError, 'prototype', { value: aggProto, writable: false, enumerable: false, configurable: false });
  Object.setPrototypeOf(AggregateError, G.Error);
  Object.defineProperty(aggProto, 'constructor', { value: AggregateError, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(aggProto, 'name', { value: 'AggregateError', writable: true, enumerable: false, configurable: true });
  Object.defineProperty(aggProto, 'message', { value: '', writable: true, enumerable: false, configurable: true });
  Object.defineProperty(G, 'AggregateError', { value: AggregateError, writable: true, enumerable: false, configurable: true });

  /* V8's Error.captureStackTrace(obj): code-mode programs call it in custom
   * error classes, often before they set this.name. The frames are taken
   * now; the header (Error.prototype.toString of obj) when `stack` is first
   * read, as V8 does (settle above). */
  cc.def(G.Error, 'captureStackTrace', { captureStackTrace(obj) {
    if (!cc.isObject(obj)) throw new TypeError('Invalid argument');
    var s = new G.Error().stack;
    var nl = typeof s === 'string' ? s.indexOf('\n') : -1;
    var frames = nl < 0 ? '' : s.slice(nl);
    Object.defineProperty(obj, 'stack', {
      get: function () { return settle(this, G.Error.prototype.toString.call(obj) + frames); },
      set: stackSet, enumerable: false, configurable: true
    });
  } }.captureStackTrace, 2);
}(this));
