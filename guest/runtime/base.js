/*
 * base.js: shared helpers for the runtime library (ES5, runs in the guest before user code).
 * Runs in: guest prelude (trusted bytecode). Input: values from untrusted user code.
 *
 * Every runtime file is an IIFE that attaches its internals to the global `__cc`
 * object. The guest creates `__cc` before the prelude runs (with nowMs() etc.);
 * under plain `duk` we create it here.
 */
(function (G) {
  'use strict';
  var cc = G.__cc;
  if (typeof cc !== 'object' || cc === null) {
    cc = {};
    Object.defineProperty(G, '__cc', { value: cc, writable: true, configurable: true, enumerable: false });
  }

  /* Duktape "hidden symbols": keys starting with byte 0xFF are invisible to
   * Object.keys, getOwnPropertyNames, getOwnPropertySymbols, JSON and Proxy
   * traps, but are ordinary fast property slots. Used for internal slots
   * ([[PromiseState]], [[MapData]]...). Fall back to Symbols elsewhere. */
  var hidden;
  if (typeof String.fromBufferRaw === 'function' && typeof Duktape === 'object' && typeof Duktape.dec === 'function') {
    hidden = function (name) {
      var hex = 'ff', i;
      for (i = 0; i < name.length; i++) hex += (name.charCodeAt(i) & 0x7f).toString(16);
      return String.fromBufferRaw(Duktape.dec('hex', hex));
    };
  } else {
    hidden = function (name) { return Symbol(name); };
  }
  cc.hidden = hidden;

  /* Define a non-enumerable method with the spec's `length` (and `name` when the
   * function expression is anonymous). */
  function def(obj, name, fn, length) {
    if (length !== undefined && fn.length !== length) {
      Object.defineProperty(fn, 'length', { value: length, writable: false, enumerable: false, configurable: true });
    }
    var fname = typeof name === 'symbol' ? '[' + String(name).slice(7, -1) + ']' : name;
    if (fn.name !== fname) {
      try { Object.defineProperty(fn, 'name', { value: fname, writable: false, enumerable: false, configurable: true }); } catch (e) { /* non-configurable: keep */ }
    }
    Object.defineProperty(obj, name, { value: fn, writable: true, enumerable: false, configurable: true });
    return fn;
  }
  cc.def = def;

  /* Define only when missing: never replace a correct native. */
  cc.defMissing = function (obj, name, fn, length) {
    if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
    return def(obj, name, fn, length);
  };

  cc.defGetter = function (obj, name, getter) {
    Object.defineProperty(getter, 'name', { value: 'get ' + (typeof name === 'symbol' ? '[' + String(name).slice(7, -1) + ']' : name), configurable: true });
    Object.defineProperty(obj, name, { get: getter, enumerable: false, configurable: true });
  };

  cc.defConst = function (obj, name, value) {
    Object.defineProperty(obj, name, { value: value, writable: false, enumerable: false, configurable: false });
  };

  cc.isCallable = function (f) { return typeof f === 'function'; };

  /* IsConstructor(f) without calling f: Duktape constructs a Proxy only when
   * its target has [[Construct]], and the trap keeps f itself from running. */
  var ctorProbe = { construct: function () { return {}; } };
  cc.isConstructor = function (f) {
    if (typeof f !== 'function') return false;
    try { new (new Proxy(f, ctorProbe))(); return true; } catch (e) { return false; }
  };
  cc.isObject = function (x) { return (typeof x === 'object' && x !== null) || typeof x === 'function'; };

  cc.toObject = function (x, what) {
    if (x === null || x === undefined) {
      throw new TypeError(what ? what + ' called on null or undefined' : 'Cannot convert undefined or null to object');
    }
    return Object(x);
  };

  cc.toIntegerOrInfinity = function (x) {
    var n = +x;
    if (n !== n) return 0;
    if (n === Infinity || n === -Infinity) return n;
    n = n < 0 ? Math.ceil(n) : Math.floor(n);
    return n === 0 ? 0 : n; /* normalise -0 */
  };

  cc.toLength = function (x) {
    var n = cc.toIntegerOrInfinity(x);
    if (n <= 0) return 0;
    return n > 9007199254740991 ? 9007199254740991 : n;
  };

  /* Relative index (as in slice, at, fill): negative counts from the end. */
  cc.relIndex = function (x, len) {
    var n = cc.toIntegerOrInfinity(x);
    if (n < 0) { n += len; return n < 0 ? 0 : n; }
    return n > len ? len : n;
  };

  cc.sameValueZero = function (a, b) { return a === b || (a !== a && b !== b); };

  cc.describe = function (x) {
    if (x === null) return 'null';
    if (typeof x === 'function') return 'function';
    if (typeof x === 'object') return 'object';
    if (typeof x === 'symbol') return String(x);
    if (typeof x === 'string') return '"' + x + '"';
    return String(x);
  };

  cc.requireCallable = function (f, what) {
    if (typeof f !== 'function') throw new TypeError(cc.describe(f) + ' is not a function');
    return f;
  };

  /* Well-known symbols Duktape 2.7 lacks. */
  function wellKnown(name) {
    if (typeof Symbol[name] !== 'symbol') {
      Object.defineProperty(Symbol, name, { value: Symbol('Symbol.' + name), writable: false, enumerable: false, configurable: false });
    }
  }
  wellKnown('species');
  wellKnown('asyncIterator');
  wellKnown('match');
  wellKnown('matchAll');
  wellKnown('replace');
  wellKnown('search');
  wellKnown('split');
  wellKnown('unscopables');

  cc.speciesGetter = function () { return this; };

  /* SpeciesConstructor(O, defaultConstructor). */
  cc.speciesConstructor = function (o, dflt) {
    var C = o.constructor;
    if (C === undefined) return dflt;
    if (!cc.isObject(C)) throw new TypeError('object.constructor is not an object');
    var S = C[Symbol.species];
    if (S === undefined || S === null) return dflt;
    if (typeof S === 'function') return S;
    throw new TypeError('object.constructor[Symbol.species] is not a constructor');
  };

  if (typeof G.globalThis === 'undefined') {
    Object.defineProperty(G, 'globalThis', { value: G, writable: true, enumerable: false, configurable: true });
  }
}(this));
