/*
 * collections.js: Map, Set, WeakMap, WeakSet (ES2015 semantics).
 * Runs in: guest prelude (trusted bytecode). Input: values from untrusted user code.
 *
 * Map/Set: a doubly linked list of entry records in insertion order plus a
 * dictionary from a type-tagged key string to the entry. Object keys get a
 * numeric identity stored under a hidden-symbol property; objects that are
 * not extensible (frozen, sealed) cannot take one and go to a linear list.
 * Deleted entries keep their links so live iterators step past them (the
 * core-js scheme), which gives the spec's "iterators see later additions,
 * skip deletions" behaviour.
 *
 * WeakMap/WeakSet: Duktape has no weak references. The value is stored on the
 * key object itself under a hidden property (a per-object table keyed by the
 * WeakMap's id), so the entry dies with the key as the spec intends, while a
 * dead WeakMap's entries live as long as their keys. Non-extensible keys are
 * held strongly in the WeakMap (documented in docs/RUNTIME.md).
 */
(function (G) {
  'use strict';
  var cc = G.__cc;
  var def = cc.def;
  var isObject = cc.isObject;
  /* Identity and weak tables are read as own properties: a prototype used
   * as a key (Object.prototype, Function.prototype) must not lend its
   * identity to every object that inherits from it. */
  var hasOwn = Object.prototype.hasOwnProperty, getProto = Object.getPrototypeOf;
  function own(k, key) {
    var v = k[key];
    if (v === undefined || hasOwn.call(k, key)) return v;
    /* Not own: inherited, or a Proxy's (Duktape keeps a Proxy's hidden
     * keys where hasOwnProperty does not look); inherited when the
     * prototype yields the same value. */
    var p = getProto(k);
    return p !== null && p[key] === v ? undefined : v;
  }
  var S_ID = cc.hidden('ObjectId');
  var S_DATA = cc.hidden('CollectionData');
  var S_WEAK = cc.hidden('WeakTable');
  var nextId = 1;

  /* ---- ordered table ---- */
  function Table() {
    this.first = null; this.last = null; this.size = 0;
    this.dict = Object.create(null);  /* tagged key string -> entry */
    this.syms = Object.create(null);  /* symbol -> entry (symbols key an object directly) */
    this.frozen = [];                 /* entries whose key is a non-extensible object */
  }

  function tag(k) {
    switch (typeof k) {
      case 'string': return 's' + k;
      case 'number': return k === 0 ? 'n0' : 'n' + k; /* -0 and +0 alike; NaN -> 'nNaN' */
      case 'boolean': return k ? 'T' : 'F';
      case 'undefined': return 'u';
      case 'symbol': return null;
      default:
        if (k === null) return 'l';
        var id = own(k, S_ID);
        if (id !== undefined) return 'o' + id;
        return undefined;
    }
  }

  Table.prototype.find = function (k) {
    var t = tag(k), i, f;
    if (t) return this.dict[t];
    if (t === null) return this.syms[k];
    f = this.frozen;
    for (i = 0; i < f.length; i++) if (f[i].k === k) return f[i];
    return undefined;
  };

  Table.prototype.add = function (k, v) {
    var e = this.find(k);
    if (e !== undefined) { e.v = v; return; }
    if (k === 0) k = 0; /* -0 -> +0 */
    e = { k: k, v: v, n: null, p: this.last, d: false };
    var t = tag(k);
    if (t === undefined && Object.isExtensible(k)) {
      Object.defineProperty(k, S_ID, { value: nextId++, writable: false, enumerable: false, configurable: false });
      t = tag(k);
    }
    if (t) this.dict[t] = e;
    else if (t === null) this.syms[k] = e;
    else this.frozen.push(e);
    if (this.last) this.last.n = e; else this.first = e;
    this.last = e;
    this.size++;
  };

  Table.prototype.remove = function (k) {
    var e = this.find(k);
    if (e === undefined) return false;
    var t = tag(k), i;
    if (t) delete this.dict[t];
    else if (t === null) delete this.syms[k];
    else { i = this.frozen.indexOf(e); this.frozen.splice(i, 1); }
    e.d = true;
    /* unlink; e keeps e.p and e.n so an iterator parked on e can recover */
    if (e.p) e.p.n = e.n; else this.first = e.n;
    if (e.n) e.n.p = e.p; else this.last = e.p;
    e.v = undefined;
    this.size--;
    return true;
  };

  Table.prototype.clear = function () {
    var e;
    for (e = this.first; e; e = e.n) { e.d = true; e.v = undefined; e.p = null; }
    this.first = this.last = null;
    this.size = 0;
    this.dict = Object.create(null);
    this.syms = Object.create(null);
    this.frozen = [];
  };

  /* Next live entry after `e` (null = before the first), or null at the end. */
  Table.prototype.after = function (e) {
    while (e && e.d) e = e.p;
    return e ? e.n : this.first;
  };

  function data(o, C, method) {
    var d = isObject(o) ? o[S_DATA] : undefined;
    if (d === undefined || d.kind !== C) {
      throw new TypeError('Method ' + C + '.prototype.' + method + ' called on incompatible receiver ' + cc.v8describe(o));
    }
    return d.t;
  }

  /* Shared constructor logic: `new C(iterable)` calls this[adderName] per item. */
  function init(self, C, name, iterable, adderName, pairs) {
    if (!(self instanceof C) || self[S_DATA] !== undefined) throw new TypeError("Constructor " + name + " requires 'new'");
    Object.defineProperty(self, S_DATA, { value: { kind: name, t: name.charAt(0) === 'W' ? { id: nextId++, strong: [] } : new Table() }, writable: false, enumerable: false, configurable: false });
    if (iterable === undefined || iterable === null) return;
    var adder = self[adderName];
    if (typeof adder !== 'function') throw new TypeError("'" + cc.describe(adder) + "' returned for property '" + adderName + "' of object '#<" + name + ">' is not callable");
    var it = cc.getIterator(iterable, cc.notIterableArg), v;
    for (;;) {
      v = cc.iteratorStep(it);
      if (v === cc.DONE) return;
      try {
        if (pairs) {
          if (!isObject(v)) throw new TypeError('Iterator value ' + cc.describe(v) + ' is not an entry object');
          adder.call(self, v[0], v[1]);
        } else {
          adder.call(self, v);
        }
      } catch (e) {
        cc.iteratorClose(it);
        throw e;
      }
    }
  }

  /* ---- iterators ---- */
  var S_ITTABLE = cc.hidden('IterTable');
  var S_ITPOS = cc.hidden('IterPos');
  var S_ITKIND = cc.hidden('IterKind');
  function makeIterProto(tagName) {
    var P = Object.create(cc.IteratorPrototype);
    def(P, 'next', { next() {
      if (!isObject(this) || this[S_ITKIND] === undefined || this[S_ITKIND].proto !== P) throw new TypeError('next method called on incompatible receiver ' + cc.describe(this));
      var t = this[S_ITTABLE];
      if (t === null) return { value: undefined, done: true };
      var e = t.after(this[S_ITPOS]);
      if (e === null) { this[S_ITTABLE] = null; this[S_ITPOS] = null; return { value: undefined, done: true }; }
      this[S_ITPOS] = e;
      var k = this[S_ITKIND].kind;
      return { value: k === 0 ? e.k : k === 1 ? e.v : [e.k, e.v], done: false };
    } }.next, 0);
    Object.defineProperty(P, Symbol.toStringTag, { value: tagName, configurable: true });
    return P;
  }
  function makeIter(P, t, kind) {
    var it = Object.create(P);
    it[S_ITTABLE] = t; it[S_ITPOS] = null; it[S_ITKIND] = { proto: P, kind: kind };
    return it;
  }

  /* ---- Map ---- */
  var Map = function Map(iterable) { init(this, Map, 'Map', iterable, 'set', true); };
  var MapIter = makeIterProto('Map Iterator');
  var MP = Map.prototype;
  def(Map, 'groupBy', { groupBy(items, callback) {
    var g = cc.groupBy(items, callback, function (k) { return k === 0 ? 0 : k; }, 'Map.groupBy');
    var m = new Map();
    for (var i = 0; i < g.keys.length; i++) m.set(g.keys[i], g.groups[i]);
    return m;
  } }.groupBy, 2);
  def(MP, 'get', { 'get'(k) { var e = data(this, 'Map', 'get').find(k); return e === undefined ? undefined : e.v; } }['get'], 1);
  def(MP, 'set', { 'set'(k, v) { data(this, 'Map', 'set').add(k, v); return this; } }['set'], 2);
  def(MP, 'has', { has(k) { return data(this, 'Map', 'has').find(k) !== undefined; } }.has, 1);
  def(MP, 'delete', { 'delete'(k) { return data(this, 'Map', 'delete').remove(k); } }['delete'], 1);
  def(MP, 'clear', { clear() { data(this, 'Map', 'clear').clear(); } }.clear, 0);
  def(MP, 'forEach', { forEach(fn, thisArg) {
    var t = data(this, 'Map', 'forEach');
    cc.requireCallable(fn);
    for (var e = t.after(null); e !== null; e = t.after(e)) fn.call(thisArg, e.v, e.k, this);
  } }.forEach, 1);
  cc.defGetter(MP, 'size', function () { return data(this, 'Map', 'size').size; });
  def(MP, 'keys', { keys() { return makeIter(MapIter, data(this, 'Map', 'keys'), 0); } }.keys, 0);
  def(MP, 'values', { values() { return makeIter(MapIter, data(this, 'Map', 'values'), 1); } }.values, 0);
  var mapEntries = def(MP, 'entries', { entries() { return makeIter(MapIter, data(this, 'Map', 'entries'), 2); } }.entries, 0);
  Object.defineProperty(MP, Symbol.iterator, { value: mapEntries, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(MP, Symbol.toStringTag, { value: 'Map', configurable: true });
  cc.defGetter(Map, Symbol.species, cc.speciesGetter);

  /* ---- Set ---- */
  var Set = function Set(iterable) { init(this, Set, 'Set', iterable, 'add', false); };
  var SetIter = makeIterProto('Set Iterator');
  var SP = Set.prototype;
  def(SP, 'add', { add(k) { var t = data(this, 'Set', 'add'); if (t.find(k) === undefined) t.add(k, k); return this; } }.add, 1);
  def(SP, 'has', { has(k) { return data(this, 'Set', 'has').find(k) !== undefined; } }.has, 1);
  def(SP, 'delete', { 'delete'(k) { return data(this, 'Set', 'delete').remove(k); } }['delete'], 1);
  def(SP, 'clear', { clear() { data(this, 'Set', 'clear').clear(); } }.clear, 0);
  def(SP, 'forEach', { forEach(fn, thisArg) {
    var t = data(this, 'Set', 'forEach');
    cc.requireCallable(fn);
    for (var e = t.after(null); e !== null; e = t.after(e)) fn.call(thisArg, e.k, e.k, this);
  } }.forEach, 1);
  cc.defGetter(SP, 'size', function () { return data(this, 'Set', 'size').size; });
  var setValues = def(SP, 'values', { values() { return makeIter(SetIter, data(this, 'Set', 'values'), 0); } }.values, 0);
  Object.defineProperty(SP, 'keys', { value: setValues, writable: true, enumerable: false, configurable: true });
  def(SP, 'entries', { entries() { return makeIter(SetIter, data(this, 'Set', 'entries'), 2); } }.entries, 0);
  Object.defineProperty(SP, Symbol.iterator, { value: setValues, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(SP, Symbol.toStringTag, { value: 'Set', configurable: true });
  cc.defGetter(Set, Symbol.species, cc.speciesGetter);

  /* ---- WeakMap / WeakSet ---- */
  function canBeHeldWeakly(k) { return isObject(k); }
  function weakGet(w, k) {
    var tab = own(k, S_WEAK);
    if (tab !== undefined && (('w' + w.id) in tab)) return { v: tab['w' + w.id] };
    var s = w.strong, i;
    for (i = 0; i < s.length; i += 2) if (s[i] === k) return { v: s[i + 1], i: i };
    return undefined;
  }
  function weakSet(w, k, v) {
    var tab = own(k, S_WEAK);
    if (tab === undefined && Object.isExtensible(k)) {
      tab = Object.create(null);
      Object.defineProperty(k, S_WEAK, { value: tab, writable: false, enumerable: false, configurable: false });
    }
    if (tab !== undefined) { tab['w' + w.id] = v; return; }
    var r = weakGet(w, k);
    if (r) w.strong[r.i + 1] = v; else w.strong.push(k, v);
  }
  function weakDelete(w, k) {
    var tab = own(k, S_WEAK);
    if (tab !== undefined && (('w' + w.id) in tab)) { delete tab['w' + w.id]; return true; }
    var r = weakGet(w, k);
    if (!r) return false;
    w.strong.splice(r.i, 2);
    return true;
  }

  var WeakMap = function WeakMap(iterable) { init(this, WeakMap, 'WeakMap', iterable, 'set', true); };
  var WMP = WeakMap.prototype;
  def(WMP, 'get', { 'get'(k) { var w = data(this, 'WeakMap', 'get'); if (!canBeHeldWeakly(k)) return undefined; var r = weakGet(w, k); return r ? r.v : undefined; } }['get'], 1);
  def(WMP, 'set', { 'set'(k, v) {
    var w = data(this, 'WeakMap', 'set');
    if (!canBeHeldWeakly(k)) throw new TypeError('Invalid value used as weak map key');
    weakSet(w, k, v);
    return this;
  } }['set'], 2);
  def(WMP, 'has', { has(k) { var w = data(this, 'WeakMap', 'has'); return canBeHeldWeakly(k) && weakGet(w, k) !== undefined; } }.has, 1);
  def(WMP, 'delete', { 'delete'(k) { var w = data(this, 'WeakMap', 'delete'); return canBeHeldWeakly(k) && weakDelete(w, k); } }['delete'], 1);
  Object.defineProperty(WMP, Symbol.toStringTag, { value: 'WeakMap', configurable: true });

  var WeakSet = function WeakSet(iterable) { init(this, WeakSet, 'WeakSet', iterable, 'add', false); };
  var WSP = WeakSet.prototype;
  def(WSP, 'add', { add(k) {
    var w = data(this, 'WeakSet', 'add');
    if (!canBeHeldWeakly(k)) throw new TypeError('Invalid value used in weak set');
    weakSet(w, k, true);
    return this;
  } }.add, 1);
  def(WSP, 'has', { has(k) { var w = data(this, 'WeakSet', 'has'); return canBeHeldWeakly(k) && weakGet(w, k) !== undefined; } }.has, 1);
  def(WSP, 'delete', { 'delete'(k) { var w = data(this, 'WeakSet', 'delete'); return canBeHeldWeakly(k) && weakDelete(w, k); } }['delete'], 1);
  Object.defineProperty(WSP, Symbol.toStringTag, { value: 'WeakSet', configurable: true });

  var ctors = { Map: Map, Set: Set, WeakMap: WeakMap, WeakSet: WeakSet };
  Object.keys(ctors).forEach(function (n) {
    cc.setLengthName(ctors[n], 0, n);
    Object.defineProperty(ctors[n], 'prototype', { writable: false, enumerable: false, configurable: false });
    Object.defineProperty(G, n, { value: ctors[n], writable: true, enumerable: false, configurable: true });
  });
}(this));
