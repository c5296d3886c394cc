/*
 * collections.js: Map, Set, WeakMap, WeakSet (ES2015 semantics).
 * Runs in: guest prelude (trusted bytecode). Input: values from untrusted user code.
 *
 * Map/Set: a doubly linked list of entry records in insertion order plus
 * dictionaries by key type (Table, below). Object keys get a numeric
 * identity stored under a hidden-symbol property; objects that are not
 * extensible (frozen, sealed) cannot take one and go to a linear list.
 * Deleted entries keep their links so live iterators step past them (the
 * core-js scheme), which gives the spec's "iterators see later additions,
 * skip deletions" behaviour. The lowering's for-of, spread and
 * destructuring step a Map or Set's table without iterator objects where
 * the intrinsics stand (collStep), and the constructors read an Array
 * argument by index (init).
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
  /* The adders init() may skip calling (a program may replace them);
   * filled once Map and Set are defined. */
  var builtinAdder = {};

  /* ---- ordered table ----
   * The record a Map or Set holds (S_DATA); kind names the collection.
   * Keys are found by type: a string keys `strs` and a number `nums`
   * directly (both have no prototype, so "__proto__" is a key like any
   * other; -0 and +0 alike become "0", NaN "NaN", which is SameValueZero),
   * an object by its identity in `ids`, true/false/undefined/null in
   * `prims`, a symbol in `syms` and a non-extensible object by a scan of
   * `frozen` (the last three made on first use). No key string is built
   * for a string or a number. */
  function Table(kind) {
    this.kind = kind;
    this.first = null; this.last = null; this.size = 0;
    this.strs = Object.create(null);
    this.nums = Object.create(null);
    this.ids = Object.create(null);
    this.prims = null;
    this.syms = null;
    this.frozen = null;
  }

  /* The identity an object key carries, or undefined. */
  function idOf(k) { return own(k, S_ID); }
  function primName(k) { return k === true ? 'T' : k === false ? 'F' : k === undefined ? 'u' : 'l'; }

  Table.prototype.find = function (k) {
    var i, f, id;
    switch (typeof k) {
      case 'string': return this.strs[k];
      case 'number': return this.nums[k];
      case 'boolean': case 'undefined': return this.prims === null ? undefined : this.prims[primName(k)];
      case 'symbol': return this.syms === null ? undefined : this.syms[k];
      default:
        if (k === null) return this.prims === null ? undefined : this.prims.l;
        id = idOf(k);
        if (id !== undefined) return this.ids[id];
        f = this.frozen;
        if (f !== null) for (i = 0; i < f.length; i++) if (f[i].k === k) return f[i];
        return undefined;
    }
  };

  /* Sets k's value (a new entry last), or keeps an existing entry's when
   * keep (a Set's: its value is the key first added, +0 for -0). */
  Table.prototype.add = function (k, v, keep) {
    var e = this.find(k), id;
    if (e !== undefined) { if (!keep) e.v = v; return; }
    if (k === 0) k = 0; /* -0 -> +0 */
    e = { k: k, v: v, n: null, p: this.last, d: false };
    switch (typeof k) {
      case 'string': this.strs[k] = e; break;
      case 'number': this.nums[k] = e; break;
      case 'boolean': case 'undefined':
        if (this.prims === null) this.prims = Object.create(null);
        this.prims[primName(k)] = e;
        break;
      case 'symbol':
        if (this.syms === null) this.syms = Object.create(null);
        this.syms[k] = e;
        break;
      default:
        if (k === null) {
          if (this.prims === null) this.prims = Object.create(null);
          this.prims.l = e;
          break;
        }
        id = idOf(k);
        if (id === undefined && Object.isExtensible(k)) {
          id = nextId++;
          Object.defineProperty(k, S_ID, { value: id, writable: false, enumerable: false, configurable: false });
        }
        if (id !== undefined) this.ids[id] = e;
        else (this.frozen === null ? (this.frozen = []) : this.frozen).push(e);
    }
    if (this.last) this.last.n = e; else this.first = e;
    this.last = e;
    this.size++;
  };

  Table.prototype.remove = function (k) {
    var e = this.find(k), id;
    if (e === undefined) return false;
    switch (typeof k) {
      case 'string': delete this.strs[k]; break;
      case 'number': delete this.nums[k]; break;
      case 'boolean': case 'undefined': delete this.prims[primName(k)]; break;
      case 'symbol': delete this.syms[k]; break;
      default:
        if (k === null) { delete this.prims.l; break; }
        id = idOf(k);
        if (id !== undefined) delete this.ids[id];
        else this.frozen.splice(this.frozen.indexOf(e), 1);
    }
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
    this.strs = Object.create(null);
    this.nums = Object.create(null);
    this.ids = Object.create(null);
    this.prims = this.syms = this.frozen = null;
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
    return d;
  }

  /* Shared constructor logic: `new C(iterable)` calls this[adderName] per item. */
  function init(self, C, name, iterable, adderName, pairs) {
    if (!(self instanceof C) || self[S_DATA] !== undefined) throw new TypeError("Constructor " + name + " requires 'new'");
    Object.defineProperty(self, S_DATA, { value: name.charAt(0) === 'W' ? { kind: name, id: nextId++, strong: [] } : new Table(name), writable: false, enumerable: false, configurable: false });
    if (iterable === undefined || iterable === null) return;
    var adder = self[adderName];
    if (typeof adder !== 'function') throw new TypeError("'" + cc.describe(adder) + "' returned for property '" + adderName + "' of object '#<" + name + ">' is not callable");
    var t = self[S_DATA], v;
    if (adder === builtinAdder[name] && cc.isPlainIterableArray(iterable)) {
      /* The built-in adder's work is the table's: no call through it. */
      cc.forPlainArray(iterable, pairs ? function (v) { 'use cc noctor';
        if (!isObject(v)) throw new TypeError('Iterator value ' + cc.describe(v) + ' is not an entry object');
        t.add(v[0], v[1]);
      } : function (v) { 'use cc noctor'; t.add(v, v, true); });
      return;
    }
    var it = cc.getIterator(iterable, cc.notIterableArg);
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
  /* What an iterator of kind 0 (keys), 1 (values) or 2 (entries) gives for e. */
  function entryValue(e, kind) { return kind === 0 ? e.k : kind === 1 ? e.v : [e.k, e.v]; }
  function makeIterProto(tagName) {
    var P = Object.create(cc.IteratorPrototype);
    def(P, 'next', { next() {
      if (!isObject(this) || this[S_ITKIND] === undefined || this[S_ITKIND].proto !== P) throw new TypeError('next method called on incompatible receiver ' + cc.describe(this));
      var t = this[S_ITTABLE];
      if (t === null) return { value: undefined, done: true };
      var e = t.after(this[S_ITPOS]);
      if (e === null) { this[S_ITTABLE] = null; this[S_ITPOS] = null; return { value: undefined, done: true }; }
      this[S_ITPOS] = e;
      return { value: entryValue(e, this[S_ITKIND].kind), done: false };
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
  def(SP, 'add', { add(k) { data(this, 'Set', 'add').add(k, k, true); return this; } }.add, 1);
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

  builtinAdder.Map = MP.set;
  builtinAdder.Set = SP.add;

  /* ---- stepping for the lowering (rt/iter.js) ----
   * for-of, spread and array destructuring over a Map or a Set, or over
   * one of their iterators, step the table here: no iterator object (for
   * a Map or Set) and no result object per step. cc.collStep(x, m), m
   * being x[Symbol.iterator] as already read, returns a stepper (step()
   * gives the value, or the stepper itself at the end; close(); fail(e))
   * or undefined, and only where nothing could tell the difference: m is
   * the intrinsic, the iterators' `next` is the intrinsic (the spec reads
   * it once, at the start, as rt/iter.js does) and nothing on their chain
   * defines `return` (which close and fail would call). */
  var mapIterNext = MapIter.next, setIterNext = SetIter.next, iterSelf = cc.IteratorPrototype[Symbol.iterator];
  function TableStep(t, kind) { this.t = t; this.e = null; this.k = kind; }
  TableStep.prototype.step = function () {
    var t = this.t, e;
    if (t === null) return this;
    e = t.after(this.e);
    if (e === null) { this.t = null; this.e = null; return this; }
    this.e = e;
    return entryValue(e, this.k);
  };
  /* Over an iterator the program holds: its own state advances, as its
   * next() would advance it (a loop left early leaves it where it was). */
  function IterStep(it) { this.it = it; }
  IterStep.prototype.step = function () {
    var it = this.it, t = it[S_ITTABLE], e;
    if (t === null) return this;
    e = t.after(it[S_ITPOS]);
    if (e === null) { it[S_ITTABLE] = null; it[S_ITPOS] = null; return this; }
    it[S_ITPOS] = e;
    return entryValue(e, it[S_ITKIND].kind);
  };
  TableStep.prototype.close = IterStep.prototype.close = function () {};
  TableStep.prototype.fail = IterStep.prototype.fail = function (e) { throw e; };
  function intact(P, next) { return P.next === next && P['return'] === undefined; }
  cc.collStep = function (x, m) {
    var d, P;
    if (m === mapEntries || m === setValues) {
      d = x[S_DATA];
      if (d === undefined || !hasOwn.call(x, S_DATA)) return undefined;
      if (m === mapEntries && d.kind === 'Map' && intact(MapIter, mapIterNext)) return new TableStep(d, 2);
      if (m === setValues && d.kind === 'Set' && intact(SetIter, setIterNext)) return new TableStep(d, 0);
      return undefined;
    }
    if (m === iterSelf && isObject(x)) {
      P = getProto(x);
      if ((P === MapIter || P === SetIter) && x[S_ITKIND] !== undefined && x[S_ITKIND].proto === P &&
          intact(P, P === MapIter ? mapIterNext : setIterNext))
        return new IterStep(x);
    }
    return undefined;
  };

  /* For console.log (prelude/core.js), which must tell a collection by
   * its internal slot, as node does, and not by a prototype a program can
   * set: 'Map', 'Set', 'WeakMap', 'WeakSet' or undefined. */
  cc.collectionKind = function (x) {
    if (!isObject(x) || !hasOwn.call(x, S_DATA)) return undefined;
    return x[S_DATA].kind;
  };
  /* What an iterator of a Map or Set has left, without advancing it (node's
   * previewEntries): { type: 'Map'|'Set', pairs: entries iterator, items:
   * the first max values (each [k, v] when pairs), left: how many more },
   * or undefined for anything else. */
  cc.previewIterator = function (x, max) {
    if (!isObject(x)) return undefined;
    var P = getProto(x), st = x[S_ITKIND];
    if ((P !== MapIter && P !== SetIter) || st === undefined || st.proto !== P) return undefined;
    var out = { type: P === MapIter ? 'Map' : 'Set', pairs: st.kind === 2, items: [], left: 0 };
    var t = x[S_ITTABLE], e = x[S_ITPOS];
    while (t !== null && (e = t.after(e)) !== null) {
      if (out.items.length < max) out.items.push(entryValue(e, st.kind));
      else out.left++;
    }
    return out;
  };

  var ctors = { Map: Map, Set: Set, WeakMap: WeakMap, WeakSet: WeakSet };
  Object.keys(ctors).forEach(function (n) {
    cc.setLengthName(ctors[n], 0, n);
    Object.defineProperty(ctors[n], 'prototype', { writable: false, enumerable: false, configurable: false });
    Object.defineProperty(G, n, { value: ctors[n], writable: true, enumerable: false, configurable: true });
  });
}(this));
