/*
 * lazy.js: which global loads which lazy unit, and reflection that cannot
 * tell a lazy global from a built one.
 * Runs in: guest prelude (trusted bytecode), last of the runtime library.
 * Input: property keys and objects from untrusted user code (the
 * reflection wrappers below).
 *
 * The units named here are not part of the prelude: their bytecode is
 * loaded by __cc.loadUnit (guest/lazyunit.c) the first time a program
 * reads or writes one of their globals (base.js lazyGlobals), so a program
 * that uses none of them pays neither their load nor their building
 * (bench/prelude-cpu.sh, PRELUDEBENCH_UNITS=1, prices each). The template
 * guest builds them all before its first run (lazyPreload).
 *
 * Until then each such global is an accessor. Reflection on the global
 * object (a descriptor read, freeze, seal, preventExtensions) builds the
 * globals it looks at first, so a program sees data properties, as in
 * node. Object.defineProperty is not wrapped (it is on hot paths): a
 * partial descriptor on a global never read before loses to the unit's
 * own definition, the one difference left (docs/RUNTIME.md).
 */
(function (G) {
  'use strict';
  var cc = G.__cc;
  var load = cc.loadUnit;
  /* Plain duk (tests/js/run.py): the units ran already, as source. */
  if (typeof load !== 'function') return;
  delete cc.loadUnit; /* only unit() below loads */

  /* unit(path): runs a lazy unit once and returns its completion value
   * (what it hands its users: fs.js's byte helpers, buffer.js's hooks). */
  var ran = Object.create(null), value = Object.create(null);
  function unit(path) {
    if (ran[path] !== true) {
      ran[path] = true;
      value[path] = load(path);
    }
    return value[path];
  }
  cc.unit = unit;

  /* Console (core.js) asks these of every object it prints; no Buffer
   * exists before buffer.js has run. */
  var bufferHooks = null;
  cc.isBuffer = function (v) { return bufferHooks !== null && bufferHooks.isBuffer(v); };
  cc.inspectBuffer = function (b) { return bufferHooks.inspect(b); };

  var RT = 'guest/runtime/', IO = 'guest/prelude/';
  var table = [
    [RT + 'url.js', ['URL', 'URLSearchParams']],
    [RT + 'abort.js', ['Event', 'EventTarget', 'AbortSignal', 'AbortController']],
    [RT + 'crypto.js', ['crypto', 'Crypto']],
    [RT + 'buffer.js', ['Buffer'], function (hooks) { bufferHooks = hooks; }],
    [IO + 'fs.js', ['fs']],
    [IO + 'fetch.js', ['fetch', 'Headers', 'Response']]
  ];
  table.forEach(function (row) {
    cc.lazyGlobals(G, row[1], function () {
      var v = unit(row[0]);
      if (row[2]) row[2](v);
    });
  });

  /* The template's runs start from a copy of its heap: build them there,
   * and intl.js too, with ICU warmed (intl-lazy.js; ICU takes each run's
   * defaults on that run's first service that needs them). */
  cc.lazyPreload = function () {
    table.forEach(function (row) { cc.lazyMaterialize(row[1][0]); });
    if (cc.intlPreload) cc.intlPreload();
  };

  /* ---- reflection on the global object ---- */

  /* Captured: the program may replace Reflect.apply or Function.prototype
   * before it reflects. The key is converted once, as the native would
   * (a key object's toString runs once), and the native gets the result. */
  var materialize = cc.lazyMaterialize, apply = Reflect.apply;
  function toKey(k) { return typeof k === 'symbol' ? k : cc.toStr(k); }
  function wrapKeyed(obj, name, native, length) {
    cc.def(obj, name, { m(o, key) {
      if (o !== G) return apply(native, obj, arguments);
      var k = toKey(key);
      materialize(k);
      return native(o, k);
    } }.m, length);
  }
  function wrapWhole(obj, name, native, length) {
    cc.def(obj, name, { m(o) {
      if (o === G) materialize();
      return apply(native, obj, arguments);
    } }.m, length);
  }
  wrapKeyed(Object, 'getOwnPropertyDescriptor', Object.getOwnPropertyDescriptor, 2);
  wrapKeyed(Reflect, 'getOwnPropertyDescriptor', Reflect.getOwnPropertyDescriptor, 2);
  wrapWhole(Object, 'getOwnPropertyDescriptors', Object.getOwnPropertyDescriptors, 1);
  wrapWhole(Object, 'freeze', Object.freeze, 1);
  wrapWhole(Object, 'seal', Object.seal, 1);
  wrapWhole(Object, 'preventExtensions', Object.preventExtensions, 1);
  wrapWhole(Reflect, 'preventExtensions', Reflect.preventExtensions, 1);
}(this));
