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
  if (typeof cc.hiddenKeyNative === 'function') {
    hidden = cc.hiddenKeyNative; /* guest/rtnative.c: the guest has no fromBufferRaw */
  } else if (typeof String.fromBufferRaw === 'function' && typeof Duktape === 'object' && typeof Duktape.dec === 'function') {
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
  /* Own `length` then `name`, adjacent, as on built-in functions (test262's
   * property-order tests): both are configurable, so they are re-added. */
  function setLengthName(fn, length, name) {
    if (length === undefined) length = fn.length;
    if (name === undefined) name = fn.name;
    var dl = Object.getOwnPropertyDescriptor(fn, 'length'), dn = Object.getOwnPropertyDescriptor(fn, 'name');
    if ((dl && !dl.configurable) || (dn && !dn.configurable)) return fn; /* a native's: keep */
    delete fn.length; delete fn.name;
    Object.defineProperty(fn, 'length', { value: length, writable: false, enumerable: false, configurable: true });
    Object.defineProperty(fn, 'name', { value: name, writable: false, enumerable: false, configurable: true });
    return fn;
  }
  /* The guest's native version (guest/rtnative.c) takes the same steps
   * ~10x faster; every def() below goes through it. */
  if (typeof cc.setLengthNameNative === 'function') setLengthName = cc.setLengthNameNative;
  cc.setLengthName = setLengthName;

  function def(obj, name, fn, length) {
    var fname = typeof name === 'symbol' ? '[' + String(name).slice(7, -1) + ']' : name;
    setLengthName(fn, length, fname);
    Object.defineProperty(obj, name, { value: fn, writable: true, enumerable: false, configurable: true });
    return fn;
  }
  cc.def = def;

  /* The global object, for units that run with `this` = __cc (lazy units,
   * guest/lazyunit.h). */
  cc.global = G;

  /* Globals installed on first use: names become accessors on G that run
   * install() once (it defines the real, writable data properties) and
   * then read the result. A program that never touches them pays for
   * neither loading nor building them (guest/runtime/lazy.js, which also
   * makes the accessors unobservable; docs/RUNTIME.md). install() must be
   * idempotent: lazy.js may run it again for a name a program replaced. */
  /* Captured now: install() runs while the program runs, after it may
   * have replaced these. */
  var lazyPending = [], gopd = Object.getOwnPropertyDescriptor, defProp = Object.defineProperty;
  cc.lazyGlobals = function (G, names, install) {
    var done = false, saved = [], getters = [], i;
    for (i = 0; i < names.length; i++) saved[i] = gopd(G, names[i]);
    function run() {
      if (done) return;
      done = true;
      /* A name still our accessor gets back what was there before
       * (Duktape's own, or nothing) for install() to replace; a name the
       * program redefined or deleted keeps the program's choice. */
      var kept = [], j, n, d;
      for (j = 0; j < names.length; j++) {
        n = names[j];
        d = gopd(G, n);
        if (d && d.get === getters[j]) {
          delete G[n];
          if (saved[j]) defProp(G, n, saved[j]);
        } else {
          kept[kept.length] = [n, d];
        }
      }
      install();
      for (j = 0; j < kept.length; j++) {
        delete G[kept[j][0]];
        if (kept[j][1]) defProp(G, kept[j][0], kept[j][1]);
      }
    }
    lazyPending[lazyPending.length] = { names: names, run: run };
    function accessor(name) {
      return {
        get: function () { run(); return G[name]; },
        /* An assignment replaces the global and builds nothing: run()
         * keeps a replaced name when it builds the others. */
        set: function (v) { defProp(G, name, { value: v, writable: true, enumerable: false, configurable: true }); },
        enumerable: false, configurable: true
      };
    }
    for (i = 0; i < names.length; i++) {
      var acc = accessor(names[i]);
      getters[i] = acc.get;
      defProp(G, names[i], acc);
    }
  };
  /* Installs the lazy global `name` now (every one when name is undefined),
   * unless it already was: for reflection on the global object. */
  cc.lazyMaterialize = function (name) {
    for (var i = 0; i < lazyPending.length; i++) {
      var names = lazyPending[i].names, hit = name === undefined;
      for (var j = 0; !hit && j < names.length; j++) hit = names[j] === name;
      if (hit) lazyPending[i].run();
    }
  };

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

  /* ToString: String(x) would turn a Symbol into "Symbol(...)"; the spec throws. */
  cc.toStr = function (x) {
    if (typeof x === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    return String(x);
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

  /* Intrinsics captured at load: user code may replace the globals. */
  var ObjectCtor = Object;
  cc.toObject = function (x, what) {
    if (x === null || x === undefined) {
      throw new TypeError(what ? what + ' called on null or undefined' : 'Cannot convert undefined or null to object');
    }
    return ObjectCtor(x);
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

  /* node's ERR_INVALID_ARG_TYPE: 'The "name" argument must be what.
   * Received received', received already worded (cc.received is node's
   * wording; cc.describe, the older one, is still what buffer.js passes). */
  cc.argTypeError = function (name, what, received) {
    var e = new TypeError('The "' + name + '" argument must be ' + what + '. Received ' + received);
    e.code = 'ERR_INVALID_ARG_TYPE';
    return e;
  };

  /* A value as node's ERR_INVALID_ARG_TYPE words it after "Received "
   * (lib/internal/errors.js determineSpecificType): null, undefined,
   * function f, an instance of Int8Array, type number (123), type string
   * ('abc'), an inspected value cut to 25 characters and '...'. */
  cc.received = function (x) {
    if (x === null || x === undefined) return String(x);
    if (typeof x === 'function' && x.name) return 'function ' + x.name;
    if (typeof x === 'object' || typeof x === 'function') {
      var c = x.constructor, nm = c && c.name;
      if (typeof nm === 'string' && nm) return 'an instance of ' + nm;
      return typeof x === 'function' ? '[Function (anonymous)]' : '[Object: null prototype] {}';
    }
    var t = typeof x === 'string' ? "'" + x + "'" : (x === 0 && 1 / x < 0 ? '-0' : String(x));
    if (typeof x === 'bigint') t += 'n';
    if (t.length > 28) t = t.slice(0, 25) + '...';
    return 'type ' + typeof x + ' (' + t + ')';
  };

  /* A value as node words it in "X is not a function" or "incompatible
   * receiver X": 5, abc, Symbol(s), #<Object>, #<Foo>, [object Array].
   * The guest's native (guest/duk/duk_v8msg.c) reads objects without
   * running any of the program's code; this ES version, for plain duk,
   * reads own data properties only. */
  cc.v8describe = typeof cc.v8describeNative === 'function' ? cc.v8describeNative : function (x) {
    if (typeof x === 'function') return 'function ' + (typeof x.name === 'string' ? x.name : '') + '() { [native code] }';
    if (x === null || typeof x !== 'object') return String(x);
    var toS = null, ctor = null;
    for (var o = x, n = 0; o !== null && n < 64 && (toS === null || ctor === null); o = Object.getPrototypeOf(o), n++) {
      var d = Object.getOwnPropertyDescriptor(o, 'toString');
      if (toS === null && d) toS = 'value' in d ? [o, d.value] : [o, null];
      var c = Object.getOwnPropertyDescriptor(o, 'constructor');
      if (ctor === null && c) ctor = 'value' in c ? c.value : undefined;
    }
    if (toS !== null && toS[0] === Object.prototype) {
      var nm = ctor && Object.getOwnPropertyDescriptor(ctor, 'name');
      return '#<' + (nm && typeof nm.value === 'string' && nm.value ? nm.value : 'Object') + '>';
    }
    return Object.prototype.toString.call(x);
  };

  cc.requireCallable = function (f, what) {
    if (typeof f !== 'function') throw new TypeError(cc.v8describe(f) + ' is not a function');
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
  wellKnown('isConcatSpreadable');

  /* Symbol.prototype.description (ES2019). Duktape keeps no trace of
   * Symbol() versus Symbol(''): both read as undefined. */
  var SymProto = Symbol.prototype, symValueOf = SymProto.valueOf;
  if (!Object.getOwnPropertyDescriptor(SymProto, 'description')) {
    var dg = Object.getOwnPropertyDescriptor({ get description() {
      var sym = symValueOf.call(this); /* TypeError for a non-Symbol this */
      var s = String(sym).slice(7, -1);
      return s === '' ? undefined : s;
    } }, 'description').get;
    Object.defineProperty(dg, 'name', { value: 'get description', configurable: true });
    Object.defineProperty(SymProto, 'description', { get: dg, enumerable: false, configurable: true });
  }
  /* Duktape's Symbol.prototype[@@toPrimitive] has length 0 and a Symbol name. */
  var symToPrim = SymProto[Symbol.toPrimitive];
  if (typeof symToPrim === 'function' && symToPrim.length !== 1) {
    try {
      Object.defineProperty(symToPrim, 'length', { value: 1 });
      Object.defineProperty(symToPrim, 'name', { value: '[Symbol.toPrimitive]' });
    } catch (e) { /* not configurable: leave it */ }
  }

  cc.speciesGetter = function () { return this; };

  /* The [Symbol.species] getters of the natives Duktape 2.7 leaves out (its
   * native Array/RegExp methods do not consult them; the runtime's do). */
  var speciesName = 'get [Symbol.species]';
  [Array, RegExp].forEach(function (C) {
    if (Object.getOwnPropertyDescriptor(C, Symbol.species)) return;
    var g = { get m() { return this; } };
    var getter = Object.getOwnPropertyDescriptor(g, 'm').get;
    Object.defineProperty(getter, 'name', { value: speciesName, configurable: true });
    Object.defineProperty(C, Symbol.species, { get: getter, enumerable: false, configurable: true });
  });

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
