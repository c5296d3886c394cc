/* rt/iter.js: the iteration protocol behind lowered for-of, spread, array
 * destructuring and yield*. Runs in: guest prelude (trusted code), called by
 * lowered user code with untrusted values.
 * Nothing here wraps user code in a native callback, so an await inside a
 * for-of body stays yield-safe (probes.md §1(d)). Lowered loops use
 *   for (var $i = __cc.iter(x, "x"), $v; ($v = $i.step()) !== $i;) ...
 * step() returns the wrapper itself at the end: no per-step allocation and no
 * global lookup of a sentinel. */
(function (cc) {
	'use strict';
	var SI = Symbol.iterator;
	var arrValues = Array.prototype[SI];
	var strIter = String.prototype[SI];
	var toStr = Object.prototype.toString;

	/* Describe a value the way V8 does in "x is not iterable" when the
	 * compiler had no source text for it. */
	function show(v) {
		if (typeof v === 'string') return '"' + v + '"';
		if (typeof v === 'function') return v.name ? 'function ' + v.name : 'function';
		if (v !== null && typeof v === 'object') return toStr.call(v) === '[object Array]' ? 'object' : '#<' + ((v.constructor && v.constructor.name) || 'Object') + '>';
		return String(v);
	}
	cc.show = show;

	function ArrIt(a) { this.a = a; this.i = 0; }
	ArrIt.prototype.step = function () {
		var a = this.a, i = this.i;
		if (i < a.length) { this.i = i + 1; return a[i]; }
		this.i = Infinity; /* an exhausted array iterator stays exhausted */
		return this;
	};
	ArrIt.prototype.close = function () {};
	ArrIt.prototype.fail = function (e) { throw e; };

	/* Strings iterate by code point. */
	function StrIt(s) { this.s = s; this.i = 0; }
	StrIt.prototype.step = function () {
		var s = this.s, i = this.i, c, d;
		if (i >= s.length) return this;
		c = s.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
			d = s.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) { this.i = i + 2; return s.substr(i, 2); }
		}
		this.i = i + 1;
		return s.charAt(i);
	};
	StrIt.prototype.close = ArrIt.prototype.close;
	StrIt.prototype.fail = ArrIt.prototype.fail;

	/* A user iterator. d ("done") is true whenever return() must not be
	 * called: before the first successful next, after exhaustion, after
	 * next() threw, after closing (ES2023 7.4.6 IteratorClose rules). */
	function ObjIt(it) { this.it = it; this.nx = it.next; this.d = false; }
	ObjIt.prototype.step = function () {
		this.d = true;
		var nx = this.nx;
		if (typeof nx !== 'function') throw new TypeError(show(nx) + ' is not a function');
		var r = nx.call(this.it);
		if (Object(r) !== r) throw new TypeError('Iterator result ' + show(r) + ' is not an object');
		if (r.done) return this;
		this.d = false;
		return r.value;
	};
	ObjIt.prototype.close = function () {
		if (this.d) return;
		this.d = true;
		var f = this.it['return'];
		if (f == null) return;
		if (typeof f !== 'function') throw new TypeError(show(f) + ' is not a function');
		var r = f.call(this.it);
		if (Object(r) !== r) throw new TypeError('Iterator result ' + show(r) + ' is not an object');
	};
	/* Abrupt completion by a throw: close, but the original error wins. */
	ObjIt.prototype.fail = function (e) {
		if (!this.d) {
			this.d = true;
			try {
				var f = this.it['return'];
				if (f != null) f.call(this.it);
			} catch (ignored) { /* spec: the throw completion takes precedence */ }
		}
		throw e;
	};

	function isArgs(x) { return toStr.call(x) === '[object Arguments]'; }

	/* GetIterator(x, sync). src is the source text of the expression, for
	 * V8's "src is not iterable" message. */
	function iter(x, src) {
		if (typeof x === 'string' && (strIter === undefined || String.prototype[SI] === strIter)) return new StrIt(x);
		if (x != null) {
			var m = x[SI];
			/* arrValues is undefined when the runtime library has no
			 * Array.prototype[Symbol.iterator]: arrays still iterate. */
			if (m === arrValues && (m !== undefined || Array.isArray(x) || isArgs(x))) return new ArrIt(x);
			/* Duktape's arguments objects lack the own @@iterator ES2015
			 * gives them (Array.prototype.values). */
			if (m === undefined && isArgs(x) && !(SI in x)) return new ArrIt(x);
			if (typeof m === 'function') {
				/* A Map or Set (or their iterator) steps its table
				 * (runtime/collections.js says when that is the same). */
				var st = cc.collStep !== undefined ? cc.collStep(x, m) : undefined;
				if (st !== undefined) return st;
				var it = m.call(x);
				if (Object(it) !== it) throw new TypeError('Result of the Symbol.iterator method is not an object');
				return new ObjIt(it);
			}
		}
		throw new TypeError((src || show(x)) + ' is not iterable');
	}
	cc.iter = iter;

	/* Array from an iterable, for spread and rest elements. A plain array
	 * with the default iterator is returned as is: callers only read it by
	 * index (holes read as undefined, as spread gives). */
	cc.toArr = function (x, src) {
		if (Array.isArray(x) && x[SI] === arrValues) return x;
		return rest(iter(x, src));
	};

	/* [...x] alone: a fresh array in one pass (cat would copy again what
	 * toArr made, through an arguments object). A plain array with the
	 * default iterator is read as the array iterator reads it: its length
	 * before each step, each element by [[Get]] (a hole gives undefined). */
	cc.spreadOne = function (x, src) {
		return Array.isArray(x) && x[SI] === arrValues ? restFrom(x, 0) : rest(iter(x, src));
	};

	/* Concatenate array-likes by index (no isConcatSpreadable, no user
	 * Array.prototype.concat): the lowering of [a, ...b, c] and f(...b). */
	cc.cat = function () {
		var out = [], n = 0, k, a, i, len;
		for (k = 0; k < arguments.length; k++) {
			a = arguments[k];
			for (i = 0, len = a.length; i < len; i++) out[n++] = a[i];
		}
		return out;
	};

	/* Array destructuring (lower_pattern.c, destructure_array_fast): null
	 * when x's elements are read in place (x is what iter() would step
	 * with an ArrIt), else the iterator wrapper. */
	cc.darr = function (x, src) {
		if (x != null && typeof x !== 'string' && arrValues !== undefined && x[SI] === arrValues) return null;
		return iter(x, src);
	};
	/* The rest from index k, read as ArrIt would: length each step, every
	 * element by [[Get]] (a hole reads the prototype chain, as spread). */
	function restFrom(x, k) {
		var out = [], n = 0;
		for (; k < x.length; k++) out[n++] = x[k];
		return out;
	}
	cc.restFrom = restFrom;

	/* The rest of an iterator, for `[a, ...rest] = it` destructuring and
	 * spread. Here and in restFrom, index stores, not push: a program may
	 * have replaced Array.prototype.push. */
	function rest(i) {
		var out = [], n = 0, v;
		while ((v = i.step()) !== i) out[n++] = v;
		return out;
	}
	cc.rest = rest;
	/* One element for array destructuring: undefined after the end. */
	cc.next = function (i) {
		var v = i.step();
		return v === i ? undefined : v;
	};

	/* for await (x of v): the wrapper's step/close/fail await inside (via
	 * __cc.await, defined by rt/async.js), so they must be called from
	 * the coroutine body, as the lowering does. An async iterator's result
	 * is awaited; a sync iterable's values are awaited one by one (the
	 * spec's CreateAsyncFromSyncIterator). */
	var SAI = Symbol.asyncIterator;
	function AsyncIt(it) { this.it = it; this.nx = it.next; this.d = false; }
	AsyncIt.prototype.step = function () {
		this.d = true;
		var nx = this.nx;
		if (typeof nx !== 'function') throw new TypeError(show(nx) + ' is not a function');
		var r = cc.await(nx.call(this.it));
		if (Object(r) !== r) throw new TypeError('Iterator result ' + show(r) + ' is not an object');
		if (r.done) return this;
		this.d = false;
		return r.value;
	};
	AsyncIt.prototype.close = function () {
		if (this.d) return;
		this.d = true;
		var f = this.it['return'];
		if (f == null) return;
		if (typeof f !== 'function') throw new TypeError(show(f) + ' is not a function');
		var r = cc.await(f.call(this.it));
		if (Object(r) !== r) throw new TypeError('Iterator result ' + show(r) + ' is not an object');
	};
	AsyncIt.prototype.fail = function (e) {
		if (!this.d) {
			this.d = true;
			try {
				var f = this.it['return'];
				if (f != null) cc.await(f.call(this.it));
			} catch (ignored) { /* the throw completion takes precedence */ }
		}
		throw e;
	};
	function FromSync(si) { this.si = si; }
	FromSync.prototype.step = function () {
		var v = this.si.step();
		return v === this.si ? this : cc.await(v);
	};
	FromSync.prototype.close = function () { this.si.close(); };
	FromSync.prototype.fail = function (e) { this.si.fail(e); };

	cc.asyncIter = function (x, src) {
		var m = x == null ? undefined : x[SAI];
		if (m != null) {
			if (typeof m !== 'function') throw new TypeError((src || show(x)) + ' is not async iterable');
			var it = m.call(x);
			if (Object(it) !== it) throw new TypeError('Result of the Symbol.asyncIterator method is not an object');
			return new AsyncIt(it);
		}
		if (x == null || x[SI] == null && typeof x !== 'string') throw new TypeError((src || show(x)) + ' is not async iterable');
		return new FromSync(iter(x, src));
	};

	/* new C(...args) */
	cc.construct = function (C, args) {
		if (typeof C !== 'function') throw new TypeError(show(C) + ' is not a constructor');
		return Reflect.construct(C, args);
	};
})(__cc);
