/*
 * object.js: ES2017-ES2022 Object statics Duktape 2.7 lacks (entries, values,
 * fromEntries, getOwnPropertyDescriptors, hasOwn).
 * Runs in: guest prelude (trusted bytecode). Input: values from untrusted user code.
 */
(function (G) {
  'use strict';
  var cc = G.__cc;
  var def = cc.defMissing;
  var isEnum = Object.prototype.propertyIsEnumerable;
  /* Captured: the spec's EnumerableOwnProperties does not look up globals. */
  var ownNames = Object.getOwnPropertyNames, getDesc = Object.getOwnPropertyDescriptor;
  var defineProp = Object.defineProperty, ownKeys = Reflect.ownKeys;

  /* ES2015 AddRestrictedFunctionProperties: "caller" and "arguments" are
   * accessors on Function.prototype, one function for all four, instead of
   * own properties of each strict or bound function (patch-duktape.py,
   * strict-no-caller-arguments; guest/rtnative.c says what it reads). Under
   * plain duk (the runtime tests) a strict function still has its own, so
   * only sloppy functions, whose pair V8 reads as null, come here. */
  var restricted = cc.restrictedPropertyNative || function () { return null; };
  defineProp(Function.prototype, 'caller', { get: restricted, set: restricted, enumerable: false, configurable: true });
  defineProp(Function.prototype, 'arguments', { get: restricted, set: restricted, enumerable: false, configurable: true });

  def(Object, 'entries', { entries(o) {
    var obj = cc.toObject(o), keys = ownNames(obj), out = [], i, k;
    for (i = 0; i < keys.length; i++) {
      k = keys[i];
      if (isEnum.call(obj, k)) out.push([k, obj[k]]); /* a getter may have changed it */
    }
    return out;
  } }.entries, 1);

  def(Object, 'values', { values(o) {
    var obj = cc.toObject(o), keys = ownNames(obj), out = [], i, k;
    for (i = 0; i < keys.length; i++) {
      k = keys[i];
      if (isEnum.call(obj, k)) out.push(obj[k]);
    }
    return out;
  } }.values, 1);

  /* ES2024 Object.groupBy / Map.groupBy (node 21+; programs written for
   * newer runtimes use them). Keys are property keys for Object.groupBy, any
   * value (SameValueZero) for Map.groupBy. */
  cc.groupBy = function (items, callback, toKey, what) {
    if (items === null || items === undefined) throw new TypeError(what + ' called on null or undefined');
    if (typeof callback !== 'function') throw new TypeError(cc.v8describe(callback) + ' is not a function');
    var list = cc.iterableToList(items), groups = [], keys = [];
    for (var i = 0; i < list.length; i++) {
      var k = toKey(callback(list[i], i));
      var at = -1;
      for (var j = 0; j < keys.length; j++) if (keys[j] === k || (k !== k && keys[j] !== keys[j])) { at = j; break; }
      if (at < 0) { keys.push(k); groups.push([list[i]]); } else groups[at].push(list[i]);
    }
    return { keys: keys, groups: groups };
  };
  def(Object, 'groupBy', { groupBy(items, callback) {
    var g = cc.groupBy(items, callback, function (k) { return typeof k === 'symbol' ? k : String(k); }, 'Object.groupBy');
    var out = Object.create(null);
    for (var i = 0; i < g.keys.length; i++)
      Object.defineProperty(out, g.keys[i], { value: g.groups[i], writable: true, enumerable: true, configurable: true });
    return out;
  } }.groupBy, 2);

  var setProto = Object.setPrototypeOf, ObjectProto = Object.prototype;
  def(Object, 'fromEntries', { fromEntries(iterable) {
    if (iterable === null || iterable === undefined) throw new TypeError(cc.describe(iterable) + ' is not iterable');
    var obj, v;
    if (cc.isPlainIterableArray(iterable)) {
      /* The result has no prototype while it fills, so a plain assignment
       * creates exactly CreateDataPropertyOrThrow's property (no setter,
       * not even __proto__'s, is reachable), as rt/misc.js ospread does:
       * a property per entry without a descriptor object. */
      obj = {};
      setProto(obj, null);
      cc.forPlainArray(iterable, function (e) { 'use cc noctor';
        if (!cc.isObject(e)) throw new TypeError('Iterator value ' + cc.describe(e) + ' is not an entry object');
        var k = e[0], val = e[1];
        obj[typeof k === 'symbol' ? k : cc.toStr(k)] = val;
      });
      setProto(obj, ObjectProto);
      return obj;
    }
    obj = {};
    var it = cc.getIterator(iterable);
    for (;;) {
      v = cc.iteratorStep(it);
      if (v === cc.DONE) return obj;
      try {
        if (!cc.isObject(v)) throw new TypeError('Iterator value ' + cc.describe(v) + ' is not an entry object');
        var k = v[0], val = v[1];
        if (typeof k !== 'symbol') k = cc.toStr(k);
        defineProp(obj, k, { value: val, writable: true, enumerable: true, configurable: true });
      } catch (e) {
        cc.iteratorClose(it);
        throw e;
      }
    }
  } }.fromEntries, 1);

  /* Object.prototype is an immutable prototype exotic object (ES2023
   * 10.4.7): its [[SetPrototypeOf]] refuses every value but its current
   * one, null. Duktape changes it whenever no cycle results (a
   * `{ __proto__: null }` makes none). */
  var IMMUTABLE = "Immutable prototype object 'Object.prototype' cannot have their prototype set";
  function changesObjectProto(o, p) { return o === ObjectProto && p !== null && (typeof p === 'object' || typeof p === 'function'); }
  var nativeSetProto = Object.setPrototypeOf, nativeReflectSetProto = Reflect.setPrototypeOf;
  cc.def(Object, 'setPrototypeOf', { setPrototypeOf(o, proto) {
    if (changesObjectProto(o, proto)) throw new TypeError(IMMUTABLE);
    return nativeSetProto(o, proto);
  } }.setPrototypeOf, 2);
  cc.def(Reflect, 'setPrototypeOf', { setPrototypeOf(o, proto) {
    if (changesObjectProto(o, proto)) return false;
    return nativeReflectSetProto(o, proto);
  } }.setPrototypeOf, 2);
  var protoDesc = getDesc(ObjectProto, '__proto__');
  if (protoDesc && typeof protoDesc.set === 'function') {
    var nativeProtoSet = protoDesc.set;
    protoDesc.set = cc.setLengthName({ setter(proto) {
      if (changesObjectProto(this, proto)) throw new TypeError(IMMUTABLE);
      return nativeProtoSet.call(this, proto);
    } }.setter, 1, 'set __proto__');
    defineProp(ObjectProto, '__proto__', protoDesc);
  }

  def(Object, 'getOwnPropertyDescriptors', { getOwnPropertyDescriptors(o) {
    var obj = cc.toObject(o), keys = ownKeys(obj), out = {}, i, d;
    for (i = 0; i < keys.length; i++) {
      d = getDesc(obj, keys[i]);
      if (d !== undefined) defineProp(out, keys[i], { value: d, writable: true, enumerable: true, configurable: true });
    }
    return out;
  } }.getOwnPropertyDescriptors, 1);

  def(Object, 'hasOwn', { hasOwn(o, key) {
    return Object.prototype.hasOwnProperty.call(cc.toObject(o), key);
  } }.hasOwn, 2);

  /* Object.assign: Duktape's native skips Symbol keys and ignores failed
   * assignments (a frozen target, a non-writable property); the spec copies
   * every enumerable own key in [[OwnPropertyKeys]] order with Set(..., true). */
  var nativeAssign = Object.assign, probeSym = Symbol('probe'), probeSrc = {};
  probeSrc[probeSym] = 1;
  if (typeof nativeAssign !== 'function' || nativeAssign({}, probeSrc)[probeSym] !== 1) {
    cc.def(Object, 'assign', { assign(target, source) {
      var to = cc.toObject(target), i, j, from, keys, k, d;
      for (i = 1; i < arguments.length; i++) {
        from = arguments[i];
        if (from === null || from === undefined) continue;
        from = cc.toObject(from);
        keys = ownKeys(from);
        for (j = 0; j < keys.length; j++) {
          k = keys[j];
          d = getDesc(from, k);
          if (d !== undefined && d.enumerable) to[k] = from[k]; /* strict: a failed Set throws */
        }
      }
      return to;
    } }.assign, 2);
  }

  /* Reflect.get / Reflect.set with a receiver: Duktape 2.7 throws
   * "unsupported" when the receiver differs from the target, and Proxy get
   * traps forward with exactly that (`Reflect.get(t, k, receiver)`). The
   * property is looked up along the prototype chain as OrdinaryGet /
   * OrdinarySet do; a getter or setter is called with the receiver. A Proxy
   * on the chain is read through its own [[Get]] (its traps then see the
   * object itself as receiver, the one case this cannot follow). */
  var nativeGet = Reflect.get, nativeSet = Reflect.set, gopd = Object.getOwnPropertyDescriptor;
  var getPatch, setPatch;
  try { nativeGet({}, 'x', {}); getPatch = false; } catch (e) { getPatch = true; }
  try { nativeSet({}, 'x', 1, {}); setPatch = false; } catch (e) { setPatch = true; }
  if (getPatch) {
    cc.def(Reflect, 'get', { 'get'(target, key) {
      if (!cc.isObject(target)) throw new TypeError('Reflect.get called on non-object');
      if (arguments.length < 3 || arguments[2] === target) return nativeGet(target, key);
      var receiver = arguments[2];
      key = typeof key === 'symbol' ? key : String(key);
      for (var o = target; o !== null; o = Object.getPrototypeOf(o)) {
        var d = gopd(o, key);
        if (d === undefined) continue;
        if ('value' in d) return d.value;
        return d.get === undefined ? undefined : d.get.call(receiver);
      }
      return undefined;
    } }['get'], 2);
  }
  if (setPatch) {
    cc.def(Reflect, 'set', { 'set'(target, key, value) {
      if (!cc.isObject(target)) throw new TypeError('Reflect.set called on non-object');
      if (arguments.length < 4 || arguments[3] === target) return nativeSet(target, key, value);
      var receiver = arguments[3];
      key = typeof key === 'symbol' ? key : String(key);
      var d;
      for (var o = target; o !== null; o = Object.getPrototypeOf(o)) {
        d = gopd(o, key);
        if (d !== undefined) break;
      }
      if (d === undefined) d = { value: undefined, writable: true, enumerable: true, configurable: true };
      if (!('value' in d)) {
        if (d.set === undefined) return false;
        d.set.call(receiver, value);
        return true;
      }
      if (!d.writable || !cc.isObject(receiver)) return false;
      var own = gopd(receiver, key);
      if (own !== undefined) {
        if (!('value' in own) || !own.writable) return false;
        return nativeSet(receiver, key, value);
      }
      if (!Object.isExtensible(receiver)) return false;
      defineProp(receiver, key, { value: value, writable: true, enumerable: true, configurable: true });
      return true;
    } }['set'], 3);
  }

  /* Reflect.construct(target, args, newTarget): Duktape 2.7 throws
   * "unsupported" when newTarget differs from target. The object is built by
   * target and then given newTarget.prototype (read first, as
   * OrdinaryCreateFromConstructor does; a non-object falls back to
   * target.prototype, our realm's default). The constructor body therefore
   * sees target.prototype while it runs (no new.target in ES5 code). */
  var nativeConstruct = Reflect.construct;
  var needsPatch;
  try { nativeConstruct(function () {}, [], function () {}); needsPatch = false; } catch (e) { needsPatch = true; }
  if (needsPatch) {
    cc.def(Reflect, 'construct', { construct(target, args) {
      if (!cc.isConstructor(target)) throw new TypeError(cc.describe(target) + ' is not a constructor');
      var newTarget = arguments.length > 2 ? arguments[2] : target;
      if (!cc.isConstructor(newTarget)) throw new TypeError(cc.describe(newTarget) + ' is not a constructor');
      if (!cc.isObject(args)) throw new TypeError('CreateListFromArrayLike called on non-object');
      if (newTarget === target) return nativeConstruct(target, args);
      var proto = newTarget.prototype;
      var obj = nativeConstruct(target, args);
      if (!cc.isObject(proto)) proto = target.prototype;
      if (cc.isObject(proto) && Object.getPrototypeOf(obj) !== proto) Object.setPrototypeOf(obj, proto);
      return obj;
    } }.construct, 2);
  }
}(this));
