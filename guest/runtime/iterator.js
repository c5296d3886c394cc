/*
 * iterator.js: the iterator protocol on built-ins (ES2015): %IteratorPrototype%,
 * array/string iterators, Symbol.iterator on Array, String, TypedArrays and
 * arguments, plus the abstract operations other runtime files and the lowering use.
 * Runs in: guest prelude (trusted bytecode). Input: values from untrusted user code.
 *
 * Iterator objects keep their state in hidden slots and share one `next`
 * function per kind, so creating an iterator allocates one object.
 */
(function (G) {
  'use strict';
  var cc = G.__cc;
  var def = cc.def;
  var isObject = cc.isObject;
  var SYM_IT = Symbol.iterator;

  var IteratorPrototype = {};
  def(IteratorPrototype, SYM_IT, { m() { return this; } }.m, 0);
  cc.IteratorPrototype = IteratorPrototype;

  /* ---- array iterators ---- */
  var S_TARGET = cc.hidden('IteratedObject');
  var S_INDEX = cc.hidden('IteratorNextIndex');
  var S_KIND = cc.hidden('IterationKind'); /* 0 keys, 1 values, 2 entries */

  var ArrayIteratorPrototype = Object.create(IteratorPrototype);
  function createArrayIterator(o, kind) {
    var it = Object.create(ArrayIteratorPrototype);
    it[S_TARGET] = o; it[S_INDEX] = 0; it[S_KIND] = kind;
    return it;
  }
  cc.createArrayIterator = createArrayIterator;
  var isTypedArray = function (o) { return ArrayBuffer.isView(o) && !(o instanceof DataView); };
  cc.isTypedArray = isTypedArray;

  var arrayIteratorNext = def(ArrayIteratorPrototype, 'next', { next() {
    if (!isObject(this) || this[S_KIND] === undefined) throw new TypeError('next method called on incompatible receiver ' + cc.describe(this));
    var o = this[S_TARGET];
    if (o === undefined) return { value: undefined, done: true };
    var i = this[S_INDEX];
    var len = isTypedArray(o) ? o.length : cc.toLength(o.length);
    if (i >= len) { this[S_TARGET] = undefined; return { value: undefined, done: true }; }
    this[S_INDEX] = i + 1;
    var k = this[S_KIND];
    if (k === 1) return { value: o[i], done: false };
    if (k === 0) return { value: i, done: false };
    return { value: [i, o[i]], done: false };
  } }.next, 0);
  Object.defineProperty(ArrayIteratorPrototype, Symbol.toStringTag, { value: 'Array Iterator', configurable: true });

  var arrayValues = { values() { return createArrayIterator(cc.toObject(this, 'Array.prototype.values'), 1); } }.values;
  def(Array.prototype, 'values', arrayValues, 0);
  def(Array.prototype, 'keys', { keys() { return createArrayIterator(cc.toObject(this, 'Array.prototype.keys'), 0); } }.keys, 0);
  def(Array.prototype, 'entries', { entries() { return createArrayIterator(cc.toObject(this, 'Array.prototype.entries'), 2); } }.entries, 0);
  Object.defineProperty(Array.prototype, SYM_IT, { value: arrayValues, writable: true, enumerable: false, configurable: true });

  /* TypedArrays: %TypedArray%.prototype is shared by all element types. */
  var TAproto = Object.getPrototypeOf(Uint8Array.prototype);
  function taThis(o, what) {
    if (!isTypedArray(o)) throw new TypeError(what + ': this is not a typed array.');
    return o;
  }
  var taValues = { values() { return createArrayIterator(taThis(this, '%TypedArray%.prototype.values'), 1); } }.values;
  def(TAproto, 'values', taValues, 0);
  def(TAproto, 'keys', { keys() { return createArrayIterator(taThis(this, '%TypedArray%.prototype.keys'), 0); } }.keys, 0);
  def(TAproto, 'entries', { entries() { return createArrayIterator(taThis(this, '%TypedArray%.prototype.entries'), 2); } }.entries, 0);
  Object.defineProperty(TAproto, SYM_IT, { value: taValues, writable: true, enumerable: false, configurable: true });

  /* ---- string iterator (by code point) ---- */
  var StringIteratorPrototype = Object.create(IteratorPrototype);
  var S_STR = cc.hidden('IteratedString');
  def(StringIteratorPrototype, 'next', { next() {
    if (!isObject(this) || this[S_STR] === undefined) throw new TypeError('next method called on incompatible receiver ' + cc.describe(this));
    var s = this[S_STR], i = this[S_INDEX];
    if (s === null || i >= s.length) { this[S_STR] = null; return { value: undefined, done: true }; }
    var c = s.charCodeAt(i), n = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      var d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) n = 2;
    }
    this[S_INDEX] = i + n;
    return { value: n === 1 ? s.charAt(i) : s.substr(i, 2), done: false };
  } }.next, 0);
  Object.defineProperty(StringIteratorPrototype, Symbol.toStringTag, { value: 'String Iterator', configurable: true });
  def(String.prototype, SYM_IT, { m() {
    if (this === null || this === undefined) throw new TypeError('String.prototype[Symbol.iterator] called on null or undefined');
    var it = Object.create(StringIteratorPrototype);
    it[S_STR] = String(this); it[S_INDEX] = 0;
    return it;
  } }.m, 0);

  /* ---- abstract operations ---- */
  var toStr = Object.prototype.toString;
  function isArguments(o) { return toStr.call(o) === '[object Arguments]'; }

  /* GetIterator(obj, sync). Duktape's arguments objects cannot carry an own
   * @@iterator automatically, so they iterate like arrays here. notIterable
   * (optional) makes the TypeError for an obj that is not iterable, where a
   * caller's wording differs (the Promise combinators'). */
  function getIterator(obj, notIterable) {
    var m;
    if (obj !== null && obj !== undefined) m = obj[SYM_IT];
    if (m === undefined || m === null) {
      if (isObject(obj) && isArguments(obj)) return createArrayIterator(obj, 1);
      throw notIterable ? notIterable(obj) : new TypeError(cc.describe(obj) + ' is not iterable');
    }
    if (typeof m !== 'function') throw notIterable ? notIterable(obj) : new TypeError(cc.describe(obj) + ' is not iterable');
    var it = m.call(obj);
    if (!isObject(it)) throw new TypeError('Result of the Symbol.iterator method is not an object');
    return it;
  }
  cc.getIterator = getIterator;
  /* How V8 words a non-iterable argument of a built-in that iterates it
   * (new Set(5), Promise.all({})): by its type, with the value for the
   * primitives it prints; for getIterator's notIterable. */
  cc.notIterableArg = function (v) {
    var t = v === null ? 'object null' : typeof v;
    if (t === 'number' || t === 'boolean') t += ' ' + String(v);
    return new TypeError(t + ' is not iterable (cannot read property Symbol(Symbol.iterator))');
  };

  var DONE = {};
  cc.DONE = DONE;
  /* IteratorStep + IteratorValue: returns the value or cc.DONE. */
  cc.iteratorStep = function (it) {
    var r = it.next();
    if (!isObject(r)) throw new TypeError('Iterator result ' + cc.describe(r) + ' is not an object');
    if (r.done) return DONE;
    return r.value;
  };
  /* IteratorClose for an abrupt completion: call return(), ignore its errors
   * (the original error wins). */
  cc.iteratorClose = function (it) {
    var ret;
    try {
      ret = it['return'];
      if (ret !== undefined && ret !== null) ret.call(it);
    } catch (e) { /* original completion wins */ }
  };
  /* IteratorClose for a normal completion (break out of for-of): errors propagate. */
  cc.iteratorCloseNormal = function (it) {
    var ret = it['return'];
    if (ret === undefined || ret === null) return;
    var r = ret.call(it);
    if (!isObject(r)) throw new TypeError('iterator.return() did not return an object');
  };

  /* True when iterating `o` is the same as walking indices 0..length-1. */
  function plainArray(o) {
    return o instanceof Array && o[SYM_IT] === arrayValues && ArrayIteratorPrototype.next === arrayIteratorNext;
  }
  cc.isPlainIterableArray = plainArray;
  /* f(element) for each element of an Array plainArray accepts, read as
   * iterating it reads them (its length before each step, then the element
   * by [[Get]]): the Map/Set constructors' and Object.fromEntries' loop
   * without an iterator object or a result per step. When f throws, an
   * array iterator is closed as the spec closes the one it made (a
   * `return` the program put on its chain runs); a throw while reading an
   * element closes nothing, as in the spec. */
  cc.forPlainArray = function (a, f) {
    var i, v, calling = false;
    try {
      for (i = 0; i < a.length; i++) {
        calling = false;
        v = a[i];
        calling = true;
        f(v);
      }
    } catch (e) {
      if (calling) cc.iteratorClose(a[SYM_IT]());
      throw e;
    }
  };

  /* IterableToList(items). */
  cc.iterableToList = function (items) {
    if (plainArray(items)) return Array.prototype.slice.call(items);
    var it = getIterator(items), out = [], v;
    for (;;) {
      v = cc.iteratorStep(it);
      if (v === DONE) return out;
      out.push(v);
    }
  };
}(this));
