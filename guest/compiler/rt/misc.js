/* rt/misc.js: small helpers for lowered destructuring, parameters, object
 * spread, tagged templates and statically detected let/const errors.
 * Runs in: guest prelude (trusted code), called by lowered user code with
 * untrusted values. Messages are V8's, so errors read as under node. */
(function (cc) {
	'use strict';
	var hasOwn = Object.prototype.hasOwnProperty;
	var propIsEnum = Object.prototype.propertyIsEnumerable;
	var slice = Array.prototype.slice;
	var setProto = Object.setPrototypeOf, getDesc = Object.getOwnPropertyDescriptor, defProp = Object.defineProperty;
	var ObjectProto = Object.prototype;

	/* const {a} = v: v must not be null/undefined. V8's message (which
	 * wording where: lower_pattern.c, struct dctx) names the destructured
	 * value by src, its source text, or when src is undefined by the value
	 * itself ('object null', 'undefined'), and the property key when there
	 * is one; src null is a plain property load's "Cannot read properties". */
	cc.dobj = function (v, src, key) {
		if (v == null) {
			if (src === null) throw new TypeError('Cannot read properties of ' + v);
			var what = src !== undefined ? src : v === null ? 'object null' : 'undefined';
			if (key === undefined) throw new TypeError("Cannot destructure '" + what + "' as it is " + v + '.');
			throw new TypeError("Cannot destructure property '" + String(key) + "' of '" + what + "' as it is " + v + '.');
		}
		return v;
	};

	/* ToPropertyKey for computed pattern keys, evaluated once. */
	cc.key = function (k) { return typeof k === 'symbol' ? k : String(k); };

	function ownKeys(o) {
		var ks = Object.getOwnPropertyNames(o), ss = Object.getOwnPropertySymbols(o), i;
		for (i = 0; i < ss.length; i++) ks.push(ss[i]);
		return ks;
	}

	/* {a, ...rest} = o: own enumerable properties except the named ones. */
	cc.orest = function (o, except) {
		var out = {}, src = Object(o), ks = ownKeys(src), i, k;
		for (i = 0; i < ks.length; i++) {
			k = ks[i];
			if (except.indexOf(k) >= 0 || !propIsEnum.call(src, k)) continue;
			out[k] = src[k];
		}
		return out;
	};

	/* function f(a, ...r): arguments from index i as a real array. */
	cc.restArgs = function (args, i) { return slice.call(args, i); };

	function define(o, k, v) {
		defProp(o, k, { value: v, writable: true, enumerable: true, configurable: true });
	}

	/* {a, ...b, c}: arguments alternate literal segment (copied with its
	 * accessors) and spread source (own enumerable data copied, as
	 * CopyDataProperties does; null/undefined are skipped).
	 * The result is built with no prototype and given Object.prototype at
	 * the end: a plain `out[k] = v` then creates exactly the data property
	 * CreateDataProperty would (no setter on Object.prototype, not even
	 * __proto__'s, can be reached), at about half the cost of a
	 * defineProperty with a fresh descriptor. Once a literal segment has
	 * put an accessor on out, an assignment could call it: from there every
	 * key is defined. No program code can reach out before it is returned. */
	cc.ospread = function () {
		var out = {}, a, ks, i, j, k, d, n = arguments.length, plain = true;
		setProto(out, null);
		for (i = 0; i < n; i++) {
			a = arguments[i];
			if (i % 2 === 0) {
				ks = ownKeys(a);
				for (j = 0; j < ks.length; j++) {
					k = ks[j];
					d = getDesc(a, k);
					if (plain && 'value' in d) {
						out[k] = d.value;
					} else {
						plain = false;
						defProp(out, k, d);
					}
				}
			} else if (a != null) {
				a = Object(a);
				if (typeof a === 'string' || a instanceof String) a = String(a).split('');
				ks = ownKeys(a);
				for (j = 0; j < ks.length; j++) {
					k = ks[j];
					if (!propIsEnum.call(a, k)) continue;
					if (plain) out[k] = a[k];
					else define(out, k, a[k]);
				}
			}
		}
		setProto(out, ObjectProto);
		return out;
	};

	/* Defines accessor half `kind` of o[k], keeping the other half of an
	 * accessor already there (a literal's `get x` then `set x` merge). */
	function defineHalf(o, k, kind, f) {
		var d = Object.getOwnPropertyDescriptor(o, k), nd = { enumerable: true, configurable: true };
		if (d && !('value' in d)) { nd.get = d.get; nd.set = d.set; }
		nd[kind] = f;
		Object.defineProperty(o, k, nd);
	}

	function copySegment(out, seg) {
		var ks = ownKeys(seg), j, d;
		for (j = 0; j < ks.length; j++) {
			d = Object.getOwnPropertyDescriptor(seg, ks[j]);
			if (!('value' in d)) {
				if (d.get) defineHalf(out, ks[j], 'get', d.get);
				if (d.set) defineHalf(out, ks[j], 'set', d.set);
			} else {
				Object.defineProperty(out, ks[j], d);
			}
		}
	}

	/* {a, __proto__: p, b}: the lowered literal holds p under a key of
	 * its own (lower_expr.c PROTO_KEY), removed here; p sets the
	 * prototype when it is an object or null and is ignored otherwise, as
	 * the spec's literal does. */
	cc.oproto = function (o) {
		var p = o.__cc_proto_set__;
		delete o.__cc_proto_set__;
		if (p === null || typeof p === 'object' || typeof p === 'function') setProto(o, p);
		return o;
	};

	/* {a, get [k]() {}, b}: olit(first, key, 'get'|'set', fn, segment|null,
	 * ...); the first segment is the result object itself. */
	cc.olit = function (o) {
		for (var i = 1; i < arguments.length; i += 4) {
			var k = cc.key(arguments[i]), kind = arguments[i + 1], f = arguments[i + 2];
			cc.setName(f, k, kind);
			defineHalf(o, k, kind, f);
			if (i + 3 < arguments.length && arguments[i + 3] !== null) copySegment(o, arguments[i + 3]);
		}
		return o;
	};

	/* SetFunctionName(f, key, prefix): `name` is configurable in ES2015
	 * and in Duktape 2, so it can be redefined. */
	cc.setName = function (f, k, prefix) {
		var n = typeof k === 'symbol' ? (k.description === undefined ? '' : '[' + k.description + ']') : String(k);
		if (prefix) n = prefix + ' ' + n;
		try { Object.defineProperty(f, 'name', { value: n, configurable: true }); } catch (e) { /* non-configurable: keep */ }
		return f;
	};

	/* Tagged template strings array: frozen, with a frozen .raw. */
	cc.tpl = function (cooked, raw) {
		Object.defineProperty(cooked, 'raw', { value: Object.freeze(raw) });
		return Object.freeze(cooked);
	};

	cc.tdz = function (name) {
		throw new ReferenceError("Cannot access '" + name + "' before initialization");
	};
	cc.constErr = function () {
		throw new TypeError('Assignment to constant variable.');
	};
	void hasOwn;
})(__cc);
