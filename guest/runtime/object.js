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

  def(Object, 'entries', function entries(o) {
    var obj = cc.toObject(o), keys = Object.keys(obj), out = [], i, k;
    for (i = 0; i < keys.length; i++) {
      k = keys[i];
      if (isEnum.call(obj, k)) out.push([k, obj[k]]); /* a getter may have deleted it */
    }
    return out;
  }, 1);

  def(Object, 'values', function values(o) {
    var obj = cc.toObject(o), keys = Object.keys(obj), out = [], i, k;
    for (i = 0; i < keys.length; i++) {
      k = keys[i];
      if (isEnum.call(obj, k)) out.push(obj[k]);
    }
    return out;
  }, 1);

  def(Object, 'fromEntries', function fromEntries(iterable) {
    if (iterable === null || iterable === undefined) throw new TypeError(cc.describe(iterable) + ' is not iterable');
    var obj = {}, it = cc.getIterator(iterable), v;
    for (;;) {
      v = cc.iteratorStep(it);
      if (v === cc.DONE) return obj;
      try {
        if (!cc.isObject(v)) throw new TypeError('Iterator value ' + cc.describe(v) + ' is not an entry object');
        Object.defineProperty(obj, typeof v[0] === 'symbol' ? v[0] : String(v[0]), { value: v[1], writable: true, enumerable: true, configurable: true });
      } catch (e) {
        cc.iteratorClose(it);
        throw e;
      }
    }
  }, 1);

  def(Object, 'getOwnPropertyDescriptors', function getOwnPropertyDescriptors(o) {
    var obj = cc.toObject(o), keys = Reflect.ownKeys(obj), out = {}, i, d;
    for (i = 0; i < keys.length; i++) {
      d = Object.getOwnPropertyDescriptor(obj, keys[i]);
      if (d !== undefined) out[keys[i]] = d;
    }
    return out;
  }, 1);

  def(Object, 'hasOwn', function hasOwn(o, key) {
    return Object.prototype.hasOwnProperty.call(cc.toObject(o), key);
  }, 2);
}(this));
