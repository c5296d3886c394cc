/*
 * array.js: ES2015-ES2023 Array methods Duktape 2.7 lacks, a stable sort, and
 * the %TypedArray% methods code-mode programs use.
 * Runs in: guest prelude (trusted bytecode). Input: values from untrusted user code.
 *
 * Duktape's native Array.prototype.sort is not stable (node's is since V8 7.0),
 * so it is replaced: the elements are copied out, sorted by V8's own
 * algorithm (TimSort, below), and written back (so a throwing comparator
 * leaves the array untouched, as in V8).
 */
(function (G) {
  'use strict';
  var cc = G.__cc;
  var def = cc.def;
  /* The guest's C dispatcher (guest/rtnative.h): an Array's method is the
   * native, anything else's the ES steps, without an arguments object and
   * an apply per call. Absent under plain duk (the runtime tests). */
  var arrayMethod = cc.arrayMethodNative;
  var AP = Array.prototype;
  /* Duktape's own join, kept before it is replaced below: it builds the
   * result in one buffer, where `out += piece` in JS copies the growing
   * string each time (a 100,000-element join took 130 ms). */
  var nativeJoin = AP.join;
  var toObject = cc.toObject, toLength = cc.toLength, toInt = cc.toIntegerOrInfinity, relIndex = cc.relIndex;
  var hasOwn = Object.prototype.hasOwnProperty;

  function callback(fn, what) {
    if (typeof fn !== 'function') throw new TypeError(cc.v8describe(fn) + ' is not a function');
    return fn;
  }
  /* A custom `this` constructor for Array.from/of (the intrinsic Array and
   * non-constructors give plain arrays). */
  function isCtor(C) { return C !== Array && C !== G.Array && cc.isConstructor(C); }
  /* CreateDataPropertyOrThrow on a custom constructor's result (a plain array
   * we made takes a plain store: Array.from is hot, and only an index
   * accessor on Array.prototype could tell). */
  function putEl(A, k, v, custom) {
    if (custom) Object.defineProperty(A, k, { value: v, writable: true, enumerable: true, configurable: true });
    else A[k] = v;
  }

  def(Array, 'from', { from(items, mapFn, thisArg) {
    var C = this, mapping = mapFn !== undefined, A, k = 0, v, custom = isCtor(C);
    if (mapping) callback(mapFn);
    if (items === null || items === undefined) throw new TypeError(cc.describe(items) + ' is not iterable (cannot read property Symbol(Symbol.iterator))');
    var usingIterator = items[Symbol.iterator];
    if (usingIterator !== undefined && usingIterator !== null) {
      A = custom ? new C() : [];
      if (A instanceof Array && cc.isPlainIterableArray(items) && !mapping) {
        for (k = 0; k < items.length; k++) A[k] = items[k];
        A.length = k;
        return A;
      }
      var it = cc.getIterator(items);
      for (;;) {
        v = cc.iteratorStep(it);
        if (v === cc.DONE) { A.length = k; return A; }
        if (mapping) {
          try { v = mapFn.call(thisArg, v, k); } catch (e) { cc.iteratorClose(it); throw e; }
        }
        try { putEl(A, k, v, custom); } catch (e) { cc.iteratorClose(it); throw e; }
        k++;
      }
    }
    var o = Object(items), len = toLength(o.length);
    A = custom ? new C(len) : new Array(len);
    for (k = 0; k < len; k++) {
      v = o[k];
      if (mapping) v = mapFn.call(thisArg, v, k);
      putEl(A, k, v, custom);
    }
    A.length = len;
    return A;
  } }.from, 1);

  def(Array, 'of', { of() {
    var len = arguments.length, C = this, A = isCtor(C) ? new C(len) : new Array(len), k;
    for (k = 0; k < len; k++) Object.defineProperty(A, k, { value: arguments[k], writable: true, enumerable: true, configurable: true });
    A.length = len;
    return A;
  } }.of, 0);

  function findFrom(o, fn, thisArg, fromEnd, wantIndex) {
    var len = toLength(o.length), k, v;
    callback(fn);
    if (!fromEnd) {
      for (k = 0; k < len; k++) { v = o[k]; if (fn.call(thisArg, v, k, o)) return wantIndex ? k : v; }
    } else {
      for (k = len - 1; k >= 0; k--) { v = o[k]; if (fn.call(thisArg, v, k, o)) return wantIndex ? k : v; }
    }
    return wantIndex ? -1 : undefined;
  }
  def(AP, 'find', { find(fn, thisArg) { return findFrom(toObject(this, 'Array.prototype.find'), fn, thisArg, false, false); } }.find, 1);
  def(AP, 'findIndex', { findIndex(fn, thisArg) { return findFrom(toObject(this, 'Array.prototype.findIndex'), fn, thisArg, false, true); } }.findIndex, 1);
  def(AP, 'findLast', { findLast(fn, thisArg) { return findFrom(toObject(this, 'Array.prototype.findLast'), fn, thisArg, true, false); } }.findLast, 1);
  def(AP, 'findLastIndex', { findLastIndex(fn, thisArg) { return findFrom(toObject(this, 'Array.prototype.findLastIndex'), fn, thisArg, true, true); } }.findLastIndex, 1);

  /* array-likes (and every receiver under plain duk); an Array's includes
   * is guest/rtnative.c's array_includes, through the dispatcher below */
  var includes = { includes(search, fromIndex) {
    var o = toObject(this, 'Array.prototype.includes'), len = toLength(o.length), k, v;
    if (len === 0) return false;
    k = relIndex(fromIndex, len);
    if (search === search) {
      for (; k < len; k++) if (o[k] === search) return true;
    } else {
      for (; k < len; k++) { v = o[k]; if (v !== v) return true; }
    }
    return false;
  } }.includes;
  def(AP, 'includes', typeof arrayMethod === 'function' ? arrayMethod(cc.arrayIncludesNative, includes) : includes, 1);

  /* ---- ArraySpeciesCreate and the native methods that skip it ---- */
  var MAX_SAFE = 9007199254740991;
  var isArray = Array.isArray, SYM_SPECIES = Symbol.species, SYM_SPREAD = Symbol.isConcatSpreadable;
  var defineProp = Object.defineProperty;

  function arraySpeciesCreate(o, len) {
    if (!isArray(o)) return new Array(len);
    var C = o.constructor;
    if (cc.isObject(C)) {
      C = C[SYM_SPECIES];
      if (C === null) C = undefined;
    }
    if (C === undefined) return new Array(len);
    if (!cc.isConstructor(C)) throw new TypeError('object.constructor[Symbol.species] is not a constructor');
    return new C(len);
  }
  /* CreateDataPropertyOrThrow: defineProperty throws on a non-extensible
   * target or a non-configurable existing property. */
  function createData(A, k, v) {
    defineProp(A, k, { value: v, writable: true, enumerable: true, configurable: true });
  }
  /* True when the native method's result (a plain Array) is what
   * ArraySpeciesCreate would give and the native's reads are the spec's:
   * `this` is an Array, not a Proxy, whose constructor is the intrinsic
   * Array (a data property: reading it early runs no code) with its own
   * @@species getter. Anything else takes the spec's steps below, which
   * read length before constructor (a Proxy's traps see that order). */
  var ctorIntrinsic = cc.arrayCtorIntrinsicNative || function (o) {
    return isArray(o) && o.constructor === Array; /* Debian's duk (tests/js/run.py) */
  };
  function plainSpecies(o) {
    return ctorIntrinsic(o) && Array[SYM_SPECIES] === Array;
  }

  var nativeMap = AP.map, nativeFilter = AP.filter, nativeSlice = AP.slice, nativeSplice = AP.splice, nativeConcat = AP.concat;

  def(AP, 'map', { map(fn, thisArg) {
    if (plainSpecies(this)) return nativeMap.apply(this, arguments);
    var O = toObject(this, 'Array.prototype.map'), len = toLength(O.length), k;
    callback(fn);
    var A = arraySpeciesCreate(O, len);
    for (k = 0; k < len; k++) if (k in O) createData(A, k, fn.call(thisArg, O[k], k, O));
    return A;
  } }.map, 1);

  def(AP, 'filter', { filter(fn, thisArg) {
    if (plainSpecies(this)) return nativeFilter.apply(this, arguments);
    var O = toObject(this, 'Array.prototype.filter'), len = toLength(O.length), k, to = 0, v;
    callback(fn);
    var A = arraySpeciesCreate(O, 0);
    for (k = 0; k < len; k++) {
      if (!(k in O)) continue;
      v = O[k];
      if (fn.call(thisArg, v, k, O)) createData(A, to++, v);
    }
    return A;
  } }.filter, 1);

  def(AP, 'slice', { slice(start, end) {
    if (plainSpecies(this)) return nativeSlice.apply(this, arguments);
    var O = toObject(this, 'Array.prototype.slice'), len = toLength(O.length);
    var k = relIndex(start, len), fin = end === undefined ? len : relIndex(end, len);
    var A = arraySpeciesCreate(O, Math.max(fin - k, 0)), n = 0;
    for (; k < fin; k++, n++) if (k in O) createData(A, n, O[k]);
    A.length = n;
    return A;
  } }.slice, 2);

  def(AP, 'splice', { splice(start, deleteCount) {
    if (plainSpecies(this)) return nativeSplice.apply(this, arguments);
    var O = toObject(this, 'Array.prototype.splice'), len = toLength(O.length), argc = arguments.length;
    var st = relIndex(start, len), del, k, from, to;
    if (argc === 0) del = 0;
    else if (argc === 1) del = len - st;
    else del = Math.min(Math.max(toInt(deleteCount), 0), len - st);
    var items = Array.prototype.slice.call(arguments, 2), ic = items.length;
    if (len + ic - del > MAX_SAFE) throw new TypeError('Array length exceeds 2^53-1');
    var A = arraySpeciesCreate(O, del);
    for (k = 0; k < del; k++) { from = st + k; if (from in O) createData(A, k, O[from]); }
    A.length = del;
    if (ic < del) {
      for (k = st; k < len - del; k++) {
        from = k + del; to = k + ic;
        if (from in O) O[to] = O[from]; else delete O[to];
      }
      for (k = len; k > len - del + ic; k--) delete O[k - 1];
    } else if (ic > del) {
      for (k = len - del; k > st; k--) {
        from = k + del - 1; to = k + ic - 1;
        if (from in O) O[to] = O[from]; else delete O[to];
      }
    }
    for (k = 0; k < ic; k++) O[st + k] = items[k];
    O.length = len - del + ic;
    return A;
  } }.splice, 2);

  /* Duktape's natives apply ES5's ToUint32 to an array-like's length
   * (length -1 walks 2^32-1 elements; 2^32+1 becomes 1). On a real Array the
   * two agree, so arrays keep the native and array-likes take ToLength. */
  function generic(name, impl, length) {
    var nat = AP[name];
    if (typeof arrayMethod === 'function') def(AP, name, arrayMethod(nat, impl), length);
    else def(AP, name, { m() { return isArray(this) ? nat.apply(this, arguments) : impl.apply(this, arguments); } }.m, length);
  }
  function iterate(name, fn, thisArg, o, stopOn) {
    var O = toObject(o, 'Array.prototype.' + name), len = toLength(O.length), k, r;
    callback(fn);
    for (k = 0; k < len; k++) {
      if (!(k in O)) continue;
      r = fn.call(thisArg, O[k], k, O);
      if (stopOn !== undefined && !!r === stopOn) return stopOn;
    }
    return stopOn === undefined ? undefined : !stopOn;
  }
  generic('forEach', function (fn, thisArg) { iterate('forEach', fn, thisArg, this, undefined); }, 1);
  generic('every', function (fn, thisArg) { return iterate('every', fn, thisArg, this, false); }, 1);
  generic('some', function (fn, thisArg) { return iterate('some', fn, thisArg, this, true); }, 1);
  generic('indexOf', function (search, fromIndex) {
    var O = toObject(this, 'Array.prototype.indexOf'), len = toLength(O.length), n, k;
    if (len === 0) return -1;
    n = toInt(fromIndex);
    if (n === Infinity) return -1;
    k = n >= 0 ? n : Math.max(len + n, 0);
    for (; k < len; k++) if (k in O && O[k] === search) return k;
    return -1;
  }, 1);
  generic('lastIndexOf', function (search, fromIndex) {
    var O = toObject(this, 'Array.prototype.lastIndexOf'), len = toLength(O.length), n, k;
    if (len === 0) return -1;
    n = arguments.length > 1 ? toInt(fromIndex) : len - 1;
    if (n === -Infinity) return -1;
    k = n >= 0 ? Math.min(n, len - 1) : len + n;
    for (; k >= 0; k--) if (k in O && O[k] === search) return k;
    return -1;
  }, 1);
  function reduceImpl(name, O, fn, args, right) {
    var len = toLength(O.length), k = right ? len - 1 : 0, step = right ? -1 : 1, acc, found;
    callback(fn);
    if (args.length > 1) acc = args[1];
    else {
      for (found = false; right ? k >= 0 : k < len; k += step) {
        if (k in O) { acc = O[k]; found = true; k += step; break; }
      }
      if (!found) throw new TypeError('Reduce of empty array with no initial value');
    }
    for (; right ? k >= 0 : k < len; k += step) if (k in O) acc = fn(acc, O[k], k, O);
    return acc;
  }
  generic('reduce', function (fn) { return reduceImpl('reduce', toObject(this, 'Array.prototype.reduce'), fn, arguments, false); }, 1);
  generic('reduceRight', function (fn) { return reduceImpl('reduceRight', toObject(this, 'Array.prototype.reduceRight'), fn, arguments, true); }, 1);
  generic('join', function (separator) {
    var O = toObject(this, 'Array.prototype.join'), len = toLength(O.length), k, el;
    var sep = separator === undefined ? ',' : cc.toStr(separator);
    /* Each element converted here, in order, with the spec's ToString
     * (cc.toStr); the native join only glues a dense array of strings. */
    var parts = new Array(len);
    for (k = 0; k < len; k++) {
      el = O[k];
      parts[k] = el === undefined || el === null ? '' : cc.toStr(el);
    }
    return nativeJoin.call(parts, sep);
  }, 1);

  generic('push', function (item) {
    var O = toObject(this, 'Array.prototype.push'), len = toLength(O.length), n = arguments.length, i;
    if (len + n > MAX_SAFE) throw new TypeError('Pushing ' + n + ' elements on an array-like of length ' + len + ' exceeds 2^53-1');
    for (i = 0; i < n; i++) O[len++] = arguments[i];
    O.length = len;
    return len;
  }, 1);
  generic('pop', function () {
    var O = toObject(this, 'Array.prototype.pop'), len = toLength(O.length), el;
    if (len === 0) { O.length = 0; return undefined; }
    len--;
    el = O[len];
    delete O[len];
    O.length = len;
    return el;
  }, 0);
  generic('shift', function () {
    var O = toObject(this, 'Array.prototype.shift'), len = toLength(O.length), first, k;
    if (len === 0) { O.length = 0; return undefined; }
    first = O[0];
    for (k = 1; k < len; k++) {
      if (k in O) O[k - 1] = O[k]; else delete O[k - 1];
    }
    delete O[len - 1];
    O.length = len - 1;
    return first;
  }, 0);

  function isConcatSpreadable(o) {
    if (!cc.isObject(o)) return false;
    var sp = o[SYM_SPREAD];
    if (sp !== undefined) return !!sp;
    return isArray(o);
  }
  def(AP, 'concat', { concat(item) {
    var i, e, fast = plainSpecies(this) && !(cc.isObject(this) && this[SYM_SPREAD] !== undefined);
    for (i = 0; fast && i < arguments.length; i++) {
      e = arguments[i];
      if (cc.isObject(e) && e[SYM_SPREAD] !== undefined) fast = false;
    }
    if (fast) return nativeConcat.apply(this, arguments);
    var O = toObject(this, 'Array.prototype.concat'), A = arraySpeciesCreate(O, 0), n = 0, k, len;
    for (i = -1; i < arguments.length; i++) {
      e = i < 0 ? O : arguments[i];
      if (isConcatSpreadable(e)) {
        len = toLength(e.length);
        if (n + len > MAX_SAFE) throw new TypeError('Array length exceeds 2^53-1');
        for (k = 0; k < len; k++, n++) if (k in e) createData(A, n, e[k]);
      } else {
        if (n >= MAX_SAFE) throw new TypeError('Array length exceeds 2^53-1');
        createData(A, n++, e);
      }
    }
    A.length = n;
    return A;
  } }.concat, 1);

  function flattenInto(target, source, sourceLen, start, depth, mapFn, thisArg) {
    var t = start, i, el;
    for (i = 0; i < sourceLen; i++) {
      if (!(i in source)) continue;
      el = source[i];
      if (mapFn) el = mapFn.call(thisArg, el, i, source);
      if (depth > 0 && Array.isArray(el)) {
        t = flattenInto(target, el, toLength(el.length), t, depth - 1);
      } else {
        createData(target, t++, el);
      }
    }
    return t;
  }
  def(AP, 'flat', { flat(depth) {
    var o = toObject(this, 'Array.prototype.flat'), len = toLength(o.length), d = depth === undefined ? 1 : toInt(depth);
    var A = arraySpeciesCreate(o, 0);
    flattenInto(A, o, len, 0, d < 0 ? 0 : d);
    return A;
  } }.flat, 0);
  def(AP, 'flatMap', { flatMap(fn, thisArg) {
    var o = toObject(this, 'Array.prototype.flatMap');
    var len = toLength(o.length);
    if (typeof fn !== 'function') throw new TypeError('flatMap mapper function is not callable'); /* V8's words */
    var A = arraySpeciesCreate(o, 0);
    flattenInto(A, o, len, 0, 1, fn, thisArg);
    return A;
  } }.flatMap, 1);

  def(AP, 'at', { at(index) {
    var o = toObject(this, 'Array.prototype.at'), len = toLength(o.length), k = toInt(index);
    if (k < 0) k += len;
    return (k < 0 || k >= len) ? undefined : o[k];
  } }.at, 1);

  def(AP, 'fill', { fill(value, start, end) {
    var o = toObject(this, 'Array.prototype.fill'), len = toLength(o.length);
    var k = relIndex(start, len), fin = end === undefined ? len : relIndex(end, len);
    for (; k < fin; k++) o[k] = value;
    return o;
  } }.fill, 1);

  def(AP, 'copyWithin', { copyWithin(target, start, end) {
    var o = toObject(this, 'Array.prototype.copyWithin'), len = toLength(o.length);
    var to = relIndex(target, len), from = relIndex(start, len);
    var fin = end === undefined ? len : relIndex(end, len);
    var count = Math.min(fin - from, len - to), dir = 1;
    if (from < to && to < from + count) { dir = -1; from += count - 1; to += count - 1; }
    while (count > 0) {
      if (from in o) o[to] = o[from]; else delete o[to];
      from += dir; to += dir; count--;
    }
    return o;
  } }.copyWithin, 2);

  /* ---- stable sort: TimSort, as node's ---- */
  /* V8 sorts with TimSort (Python's listsort, array-sort.tq), and so does
   * this: the same natural runs, binary insertions, merges and gallops, in
   * the same order of comparisons. Any stable sort gives a consistent
   * comparator's answer; only the same algorithm gives node's answer for an
   * inconsistent one, which models write (`(a, b) => a > b` never says
   * "less": node then leaves a short array as it was). A comparison is
   * `cmp(x, y) < 0`: the relational test converts the result with ToNumber
   * once, and NaN is not less, as V8's NaN-as-0. a is the caller's own
   * copy; a throwing comparator leaves the receiver untouched. */
  var MIN_GALLOP = 7;
  function gallopLeft(cmp, arr, key, base, length, hint) {
    var lastOfs = 0, offset = 1, maxOfs, t, m;
    if (cmp(arr[base + hint], key) < 0) {
      maxOfs = length - hint;
      while (offset < maxOfs) {
        if (!(cmp(arr[base + hint + offset], key) < 0)) break;
        lastOfs = offset;
        offset = (offset << 1) + 1;
        if (offset <= 0) offset = maxOfs;
      }
      if (offset > maxOfs) offset = maxOfs;
      lastOfs += hint;
      offset += hint;
    } else {
      maxOfs = hint + 1;
      while (offset < maxOfs) {
        if (cmp(arr[base + hint - offset], key) < 0) break;
        lastOfs = offset;
        offset = (offset << 1) + 1;
        if (offset <= 0) offset = maxOfs;
      }
      if (offset > maxOfs) offset = maxOfs;
      t = lastOfs;
      lastOfs = hint - offset;
      offset = hint - t;
    }
    lastOfs++;
    while (lastOfs < offset) {
      m = lastOfs + ((offset - lastOfs) >> 1);
      if (cmp(arr[base + m], key) < 0) lastOfs = m + 1; else offset = m;
    }
    return offset;
  }
  function gallopRight(cmp, arr, key, base, length, hint) {
    var lastOfs = 0, offset = 1, maxOfs, t, m;
    if (cmp(key, arr[base + hint]) < 0) {
      maxOfs = hint + 1;
      while (offset < maxOfs) {
        if (!(cmp(key, arr[base + hint - offset]) < 0)) break;
        lastOfs = offset;
        offset = (offset << 1) + 1;
        if (offset <= 0) offset = maxOfs;
      }
      if (offset > maxOfs) offset = maxOfs;
      t = lastOfs;
      lastOfs = hint - offset;
      offset = hint - t;
    } else {
      maxOfs = length - hint;
      while (offset < maxOfs) {
        if (cmp(key, arr[base + hint + offset]) < 0) break;
        lastOfs = offset;
        offset = (offset << 1) + 1;
        if (offset <= 0) offset = maxOfs;
      }
      if (offset > maxOfs) offset = maxOfs;
      lastOfs += hint;
      offset += hint;
    }
    lastOfs++;
    while (lastOfs < offset) {
      m = lastOfs + ((offset - lastOfs) >> 1);
      if (cmp(key, arr[base + m]) < 0) offset = m; else lastOfs = m + 1;
    }
    return offset;
  }
  /* [lo, hi) sorted by binary insertion; [lo, start) is sorted already. */
  function binaryInsertionSort(cmp, a, lo, start, hi) {
    var left, right, mid, pivot, p;
    if (start === lo) start++;
    for (; start < hi; start++) {
      pivot = a[start];
      left = lo;
      right = start;
      while (left < right) {
        mid = left + ((right - left) >> 1);
        if (cmp(pivot, a[mid]) < 0) right = mid; else left = mid + 1;
      }
      for (p = start; p > left; p--) a[p] = a[p - 1];
      a[left] = pivot;
    }
  }
  /* The run starting at lo: ascending (a[i] >= a[i-1]) or strictly
   * descending, which is reversed. Returns its length. */
  function countAndMakeRun(cmp, a, lo, hi) {
    var low = lo + 1, runLength = 2, prev, cur, less, desc, i, j, t;
    if (low === hi) return 1;
    prev = a[low];
    desc = cmp(prev, a[lo]) < 0;
    for (i = low + 1; i < hi; i++) {
      cur = a[i];
      less = cmp(cur, prev) < 0;
      if (desc ? !less : less) break;
      prev = cur;
      runLength++;
    }
    if (desc) {
      for (i = lo, j = lo + runLength - 1; i < j; i++, j--) {
        t = a[i];
        a[i] = a[j];
        a[j] = t;
      }
    }
    return runLength;
  }
  /* Merges a[baseA, +lengthA) and a[baseB, +lengthB), A the shorter,
   * copied out to st.tmp; galloping once one side wins MIN_GALLOP times. */
  function mergeLow(st, baseA, lengthA, baseB, lengthB) {
    var cmp = st.cmp, a = st.a, tmp = st.tmp, minGallop = st.minGallop;
    var dest = baseA, cursorTemp = 0, cursorB = baseB, winsA, winsB, first, copyB = false, i;
    for (i = 0; i < lengthA; i++) tmp[i] = a[baseA + i];
    a[dest++] = a[cursorB++];
    out: {
      if (--lengthB === 0) break out;
      if (lengthA === 1) { copyB = true; break out; }
      for (;;) {
        winsA = 0;
        winsB = 0;
        for (;;) {
          if (cmp(a[cursorB], tmp[cursorTemp]) < 0) {
            a[dest++] = a[cursorB++];
            winsB++;
            lengthB--;
            winsA = 0;
            if (lengthB === 0) break out;
            if (winsB >= minGallop) break;
          } else {
            a[dest++] = tmp[cursorTemp++];
            winsA++;
            lengthA--;
            winsB = 0;
            if (lengthA === 1) { copyB = true; break out; }
            if (winsA >= minGallop) break;
          }
        }
        minGallop++;
        first = true;
        while (winsA >= MIN_GALLOP || winsB >= MIN_GALLOP || first) {
          first = false;
          minGallop = minGallop > 2 ? minGallop - 1 : 1;
          winsA = gallopRight(cmp, tmp, a[cursorB], cursorTemp, lengthA, 0);
          if (winsA > 0) {
            for (i = 0; i < winsA; i++) a[dest + i] = tmp[cursorTemp + i];
            dest += winsA;
            cursorTemp += winsA;
            lengthA -= winsA;
            if (lengthA === 1) { copyB = true; break out; }
            /* Impossible for a consistent comparator; not assumed. */
            if (lengthA === 0) break out;
          }
          a[dest++] = a[cursorB++];
          if (--lengthB === 0) break out;
          winsB = gallopLeft(cmp, a, tmp[cursorTemp], cursorB, lengthB, 0);
          if (winsB > 0) {
            for (i = 0; i < winsB; i++) a[dest + i] = a[cursorB + i];
            dest += winsB;
            cursorB += winsB;
            lengthB -= winsB;
            if (lengthB === 0) break out;
          }
          a[dest++] = tmp[cursorTemp++];
          if (--lengthA === 1) { copyB = true; break out; }
        }
        minGallop++; /* for leaving galloping mode */
      }
    }
    st.minGallop = minGallop;
    if (copyB) {
      /* A's last element belongs after what is left of B. */
      for (i = 0; i < lengthB; i++) a[dest + i] = a[cursorB + i];
      a[dest + lengthB] = tmp[cursorTemp];
    } else {
      for (i = 0; i < lengthA; i++) a[dest + i] = tmp[cursorTemp + i];
    }
  }
  /* mergeLow's mirror, from the ends, B the shorter and copied out. Two
   * functions, as in V8 and CPython: the direction changes every index. */
  function mergeHigh(st, baseA, lengthA, baseB, lengthB) {
    var cmp = st.cmp, a = st.a, tmp = st.tmp, minGallop = st.minGallop;
    var dest = baseB + lengthB - 1, cursorTemp = lengthB - 1, cursorA = baseA + lengthA - 1;
    var winsA, winsB, first, copyA = false, i, k;
    for (i = 0; i < lengthB; i++) tmp[i] = a[baseB + i];
    a[dest--] = a[cursorA--];
    out: {
      if (--lengthA === 0) break out;
      if (lengthB === 1) { copyA = true; break out; }
      for (;;) {
        winsA = 0;
        winsB = 0;
        for (;;) {
          if (cmp(tmp[cursorTemp], a[cursorA]) < 0) {
            a[dest--] = a[cursorA--];
            winsA++;
            lengthA--;
            winsB = 0;
            if (lengthA === 0) break out;
            if (winsA >= minGallop) break;
          } else {
            a[dest--] = tmp[cursorTemp--];
            winsB++;
            lengthB--;
            winsA = 0;
            if (lengthB === 1) { copyA = true; break out; }
            if (winsB >= minGallop) break;
          }
        }
        minGallop++;
        first = true;
        while (winsA >= MIN_GALLOP || winsB >= MIN_GALLOP || first) {
          first = false;
          minGallop = minGallop > 2 ? minGallop - 1 : 1;
          k = gallopRight(cmp, a, tmp[cursorTemp], baseA, lengthA, lengthA - 1);
          winsA = lengthA - k;
          if (winsA > 0) {
            dest -= winsA;
            cursorA -= winsA;
            for (i = winsA - 1; i >= 0; i--) a[dest + 1 + i] = a[cursorA + 1 + i];
            lengthA -= winsA;
            if (lengthA === 0) break out;
          }
          a[dest--] = tmp[cursorTemp--];
          if (--lengthB === 1) { copyA = true; break out; }
          k = gallopLeft(cmp, tmp, a[cursorA], 0, lengthB, lengthB - 1);
          winsB = lengthB - k;
          if (winsB > 0) {
            dest -= winsB;
            cursorTemp -= winsB;
            for (i = 0; i < winsB; i++) a[dest + 1 + i] = tmp[cursorTemp + 1 + i];
            lengthB -= winsB;
            if (lengthB === 1) { copyA = true; break out; }
            /* Impossible for a consistent comparator; not assumed. */
            if (lengthB === 0) break out;
          }
          a[dest--] = a[cursorA--];
          if (--lengthA === 0) break out;
        }
        minGallop++;
      }
    }
    st.minGallop = minGallop;
    if (copyA) {
      /* B's first element belongs before what is left of A. */
      dest -= lengthA;
      cursorA -= lengthA;
      for (i = lengthA - 1; i >= 0; i--) a[dest + 1 + i] = a[cursorA + 1 + i];
      a[dest] = tmp[cursorTemp];
    } else {
      for (i = 0; i < lengthB; i++) a[dest - (lengthB - 1) + i] = tmp[i];
    }
  }
  /* Merges the runs at stack indices i and i + 1. */
  function mergeAt(st, i) {
    var cmp = st.cmp, a = st.a, base = st.base, len = st.len, size = len.length;
    var baseA = base[i], lengthA = len[i], baseB = base[i + 1], lengthB = len[i + 1], k;
    len[i] = lengthA + lengthB;
    if (i === size - 3) {
      base[i + 1] = base[i + 2];
      len[i + 1] = len[i + 2];
    }
    base.length = size - 1;
    len.length = size - 1;
    /* Where B's first element goes in A, and A's last in B: the elements
     * outside those bounds are in place already. */
    k = gallopRight(cmp, a, a[baseB], baseA, lengthA, 0);
    baseA += k;
    lengthA -= k;
    if (lengthA === 0) return;
    lengthB = gallopLeft(cmp, a, a[baseA + lengthA - 1], baseB, lengthB, lengthB - 1);
    if (lengthB === 0) return;
    if (lengthA <= lengthB) mergeLow(st, baseA, lengthA, baseB, lengthB);
    else mergeHigh(st, baseA, lengthA, baseB, lengthB);
  }
  /* len[n-2] > len[n-1] + len[n] (vacuous below 2). */
  function runsBalanced(len, n) { return n < 2 || len[n - 2] > len[n - 1] + len[n]; }
  function timSort(a, cmp) {
    var n = a.length, r = 0, minRun, low = 0, remaining = n, run, forced, m;
    if (n < 2) return a;
    /* n itself below 64, else 32..64 with n / minRun just under a power of 2. */
    for (minRun = n; minRun >= 64; minRun >>= 1) r |= minRun & 1;
    minRun += r;
    var st = { a: a, cmp: cmp, tmp: [], minGallop: MIN_GALLOP, base: [], len: [] }, len = st.len;
    while (remaining !== 0) {
      run = countAndMakeRun(cmp, a, low, low + remaining);
      if (run < minRun) {
        forced = minRun < remaining ? minRun : remaining;
        binaryInsertionSort(cmp, a, low, low + run, low + forced);
        run = forced;
      }
      st.base[len.length] = low; /* no push: a program may have replaced it */
      len[len.length] = run;
      while (len.length > 1) { /* restore the stack's invariants */
        m = len.length - 2;
        if (!runsBalanced(len, m + 1) || !runsBalanced(len, m)) {
          if (len[m - 1] < len[m + 1]) m--;
          mergeAt(st, m);
        } else if (len[m] <= len[m + 1]) {
          mergeAt(st, m);
        } else {
          break;
        }
      }
      low += run;
      remaining -= run;
    }
    while (len.length > 1) {
      m = len.length - 2;
      if (m > 0 && len[m - 1] < len[m + 1]) m--;
      mergeAt(st, m);
    }
    return a;
  }
  function sortValues(vals, cmp) {
    var n = vals.length, i, strs, idx, out;
    if (cmp !== undefined) return timSort(vals, cmp);
    /* The default order compares ToString of each value: made once per
     * element here (V8 converts at each comparison; the order is the same
     * for any toString that returns the same text each time). */
    strs = new Array(n);
    idx = new Array(n);
    for (i = 0; i < n; i++) {
      strs[i] = String(vals[i]);
      idx[i] = i;
    }
    timSort(idx, function (x, y) {
      var p = strs[x], q = strs[y];
      return p < q ? -1 : p > q ? 1 : 0;
    });
    out = new Array(n);
    for (i = 0; i < n; i++) out[i] = vals[idx[i]];
    return out;
  }
  /* SortIndexedProperties(obj, len, holes skipped): values then undefineds. */
  function collect(o, len, skipHoles) {
    var vals = [], undef = 0, k, v;
    for (k = 0; k < len; k++) {
      if (skipHoles && !(k in o)) continue;
      v = o[k];
      if (v === undefined) undef++; else vals.push(v);
    }
    return { vals: vals, undef: undef };
  }
  def(AP, 'sort', { sort(cmp) {
    if (cmp !== undefined && typeof cmp !== 'function') throw new TypeError('The comparison function must be either a function or undefined');
    var o = toObject(this, 'Array.prototype.sort'), len = toLength(o.length);
    var c = collect(o, len, true), sorted = sortValues(c.vals, cmp), k = 0, i;
    for (i = 0; i < sorted.length; i++) o[k++] = sorted[i];
    for (i = 0; i < c.undef; i++) o[k++] = undefined;
    for (; k < len; k++) delete o[k];
    return o;
  } }.sort, 1);

  /* ---- ES2023 change-array-by-copy ---- */
  def(AP, 'toSorted', { toSorted(cmp) {
    if (cmp !== undefined && typeof cmp !== 'function') throw new TypeError('The comparison function must be either a function or undefined');
    var o = toObject(this, 'Array.prototype.toSorted'), len = toLength(o.length);
    var c = collect(o, len, false), A = sortValues(c.vals, cmp), i;
    for (i = 0; i < c.undef; i++) A.push(undefined);
    return A;
  } }.toSorted, 1);
  def(AP, 'toReversed', { toReversed() {
    var o = toObject(this, 'Array.prototype.toReversed'), len = toLength(o.length), A = new Array(len), k;
    for (k = 0; k < len; k++) A[k] = o[len - 1 - k];
    return A;
  } }.toReversed, 0);
  def(AP, 'with', { 'with'(index, value) {
    var o = toObject(this, 'Array.prototype.with'), len = toLength(o.length), rel = toInt(index);
    var actual = rel >= 0 ? rel : len + rel;
    if (actual >= len || actual < 0) throw new RangeError('Invalid index : ' + index);
    var A = new Array(len), k;
    for (k = 0; k < len; k++) A[k] = k === actual ? value : o[k];
    return A;
  } }['with'], 2);
  def(AP, 'toSpliced', { toSpliced(start, skipCount) {
    var o = toObject(this, 'Array.prototype.toSpliced'), len = toLength(o.length);
    var s = relIndex(start, len), skip, items = AP.slice.call(arguments, 2), A = [], k;
    if (arguments.length === 0) skip = 0;
    else if (arguments.length === 1) skip = len - s;
    else { skip = toInt(skipCount); skip = skip < 0 ? 0 : Math.min(skip, len - s); }
    for (k = 0; k < s; k++) A.push(o[k]);
    for (k = 0; k < items.length; k++) A.push(items[k]);
    for (k = s + skip; k < len; k++) A.push(o[k]);
    return A;
  } }.toSpliced, 2);

  var unscopables = Object.create(null);
  ['at', 'copyWithin', 'entries', 'fill', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flat', 'flatMap',
    'includes', 'keys', 'toReversed', 'toSorted', 'toSpliced', 'values'].forEach(function (n) { unscopables[n] = true; });
  Object.defineProperty(AP, Symbol.unscopables, { value: unscopables, writable: false, enumerable: false, configurable: true });
  cc.defGetter(Array, Symbol.species, cc.speciesGetter);

  /* ---- %TypedArray% ---- */
  var TA = Object.getPrototypeOf(Uint8Array);
  var TAP = TA.prototype;
  function ta(o, what) {
    if (!cc.isTypedArray(o)) throw new TypeError('this is not a typed array.');
    return o;
  }
  function sameType(o, len) { return new o.constructor(len); }
  /* Methods that neither allocate nor depend on the element type: the Array
   * versions work unchanged on a typed array's indexed elements. */
  ['forEach', 'every', 'some', 'reduce', 'reduceRight', 'indexOf', 'lastIndexOf', 'join', 'reverse', 'find',
    'findIndex', 'findLast', 'findLastIndex', 'includes', 'at', 'fill', 'copyWithin'].forEach(function (n) {
    if (hasOwn.call(TAP, n)) return;
    var f = AP[n];
    def(TAP, n, { m() { return f.apply(ta(this), arguments); } }.m, f.length);
  });
  if (!hasOwn.call(TAP, 'slice')) def(TAP, 'slice', { slice(start, end) {
    var o = ta(this), len = o.length, k = relIndex(start, len), fin = end === undefined ? len : relIndex(end, len);
    var n = Math.max(fin - k, 0), A = sameType(o, n), i;
    for (i = 0; i < n; i++) A[i] = o[k + i];
    return A;
  } }.slice, 2);
  if (!hasOwn.call(TAP, 'map')) def(TAP, 'map', { map(fn, thisArg) {
    var o = ta(this), len = o.length, A = sameType(o, len), i;
    callback(fn);
    for (i = 0; i < len; i++) A[i] = fn.call(thisArg, o[i], i, o);
    return A;
  } }.map, 1);
  if (!hasOwn.call(TAP, 'filter')) def(TAP, 'filter', { filter(fn, thisArg) {
    var o = ta(this), len = o.length, kept = [], i, A;
    callback(fn);
    for (i = 0; i < len; i++) if (fn.call(thisArg, o[i], i, o)) kept.push(o[i]);
    A = sameType(o, kept.length);
    for (i = 0; i < kept.length; i++) A[i] = kept[i];
    return A;
  } }.filter, 1);
  function numericCompare(x, y) {
    if (x !== x) return y !== y ? 0 : 1;
    if (y !== y) return -1;
    if (x < y) return -1;
    if (x > y) return 1;
    if (x === 0 && y === 0) return (1 / x < 0 ? -1 : 0) - (1 / y < 0 ? -1 : 0);
    return 0;
  }
  if (!hasOwn.call(TAP, 'sort')) def(TAP, 'sort', { sort(cmp) {
    if (cmp !== undefined && typeof cmp !== 'function') throw new TypeError('The comparison function must be either a function or undefined');
    var o = ta(this), vals = AP.slice.call(o), sorted = sortValues(vals, cmp === undefined ? numericCompare : cmp), i;
    for (i = 0; i < sorted.length; i++) o[i] = sorted[i];
    return o;
  } }.sort, 1);
  if (!hasOwn.call(TAP, 'toString')) def(TAP, 'toString', AP.toString, 0);
  if (!hasOwn.call(TA, 'from')) def(TA, 'from', { from(src, mapFn, thisArg) {
    var list = Array.from(src, mapFn, thisArg), A = new this(list.length), i;
    for (i = 0; i < list.length; i++) A[i] = list[i];
    return A;
  } }.from, 1);
  if (!hasOwn.call(TA, 'of')) def(TA, 'of', { of() {
    var A = new this(arguments.length), i;
    for (i = 0; i < arguments.length; i++) A[i] = arguments[i];
    return A;
  } }.of, 0);
}(this));
