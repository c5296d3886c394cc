/* rt/class.js: the class runtime behind lower_class.c. Runs in: guest
 * prelude (trusted code), called by lowered user code with untrusted values.
 *
 * A lowered class is its constructor function C plus one call
 *   __cc.cls(C, defs[, name])  or  __cc.ext(C, Parent, defs[, name])
 * where defs is a flat array of (flags, key, function) triples; flags as in
 * lower_class.c: 1 getter, 2 setter (else method), 4 static, 8 private key
 * (a hidden key from __cc.priv), 16 nothing to define (a computed field key
 * evaluated in order). Methods and accessors are non-enumerable, as in node.
 *
 * super(...) is __cc.sup(this, C, args): Duktape has no Reflect.construct
 * new-target, so an ECMAScript parent (a lowered class, a plain function, or
 * a runtime-library constructor such as Map or Promise, which accept a
 * `this` of a subclass) is called with the new object as `this`; a native
 * parent (Array, Date, RegExp, bound functions...) is constructed and the
 * result given the subclass prototype. The derived constructor then uses the
 * returned object as its `this`. */
(function (cc) {
	'use strict';
	var defProp = Object.defineProperty, getProto = Object.getPrototypeOf, setProto = Object.setPrototypeOf;
	var getDesc = Object.getOwnPropertyDescriptor, hasOwn = Object.prototype.hasOwnProperty;
	var fnToStr = Function.prototype.toString;
	var privCount = 0;

	function show(v) {
		if (typeof v === 'string') return v;
		return cc.show ? cc.show(v) : String(v);
	}

	function fnName(key, prefix) {
		var s = typeof key === 'symbol' ? '[' + String(key).slice(7, -1) + ']' : String(key);
		return prefix ? prefix + ' ' + s : s;
	}

	function setName(fn, name) {
		defProp(fn, 'name', { value: name, writable: false, enumerable: false, configurable: true });
	}

	function define(C, proto, defs) {
		var i, fl, k, fn, target, d, kind;
		for (i = 0; i < defs.length; i += 3) {
			fl = defs[i];
			if (fl & 16) continue;
			k = defs[i + 1];
			fn = defs[i + 2];
			if (!(fl & 8) && typeof k !== 'symbol') k = String(k);
			target = (fl & 4) ? C : proto;
			kind = fl & 3;
			if (!(fl & 8)) setName(fn, fnName(k, kind === 1 ? 'get' : kind === 2 ? 'set' : ''));
			if (kind === 0) {
				/* a private method is read-only: `this.#m = v` throws (class code is strict) */
				defProp(target, k, { value: fn, writable: !(fl & 8), enumerable: false, configurable: true });
				continue;
			}
			d = getDesc(target, k);
			if (!d || !('get' in d)) d = { get: undefined, set: undefined, enumerable: false, configurable: true };
			if (kind === 1) d.get = fn; else d.set = fn;
			defProp(target, k, d);
		}
	}

	/* Marks a class's constructor, for console's `[class K]` (node's
	 * inspect tells a class by its source text, which Duktape does not keep). */
	var K_CLASS = cc.hidden ? cc.hidden('IsClass') : Symbol('IsClass');
	cc.isClass = function (f) {
		return typeof f === 'function' && hasOwn.call(f, K_CLASS);
	};

	function finish(C, defs, name) {
		var proto = C.prototype;
		defProp(C, K_CLASS, { value: true });
		defProp(C, 'prototype', { writable: false });
		if (name !== undefined) setName(C, name);
		define(C, proto, defs);
		return C;
	}

	cc.cls = function (C, defs, name) {
		return finish(C, defs, name);
	};

	cc.ext = function (C, P, defs, name) {
		var proto;
		if (P === null) {
			proto = Object.create(null);
		} else {
			if (typeof P !== 'function') throw new TypeError('Class extends value ' + show(P) + ' is not a constructor or null');
			var pp = P.prototype;
			if (pp !== null && typeof pp !== 'object' && typeof pp !== 'function')
				throw new TypeError('Class extends value does not have valid prototype property ' + show(pp));
			proto = Object.create(pp);
			setProto(C, P);
		}
		defProp(proto, 'constructor', { value: C, writable: true, enumerable: false, configurable: true });
		defProp(C, 'prototype', { value: proto });
		return finish(C, defs, name);
	};

	/* A class constructor entered without new.target: from super() (see
	 * sup: the new instance is `this`) or called without `new`. The
	 * prototype chain is read directly (OrdinaryHasInstance): `instanceof`
	 * would run a static [Symbol.hasInstance] the class defines. */
	cc.noNew = function (self, C, name) {
		var p = C.prototype, o = self;
		if (isObj(o))
			while ((o = getProto(o)) !== null) if (o === p) return;
		throw new TypeError('Class constructor ' + name + " cannot be invoked without 'new'");
	};

	function isObj(x) { return x !== null && (typeof x === 'object' || typeof x === 'function'); }

	/* Parents that can be called with a subclass `this`: compiled ECMAScript
	 * functions. Remembered per class in hidden slots (parent, verdict). */
	var K_PARENT = cc.hidden ? cc.hidden('ClassParent') : Symbol('ClassParent');
	var K_ES = cc.hidden ? cc.hidden('ClassParentIsES') : Symbol('ClassParentIsES');

	cc.sup = function (self, C, args) {
		var P = getProto(C), es, r;
		if (C[K_PARENT] === P && P !== undefined) {
			es = C[K_ES];
		} else {
			if (typeof P !== 'function' || P === Function.prototype)
				throw new TypeError('Super constructor ' + show(P) + ' of anonymous class is not a constructor');
			es = fnToStr.call(P).indexOf('[ecmascript code]') >= 0;
			defProp(C, K_PARENT, { value: P, writable: true, configurable: true });
			defProp(C, K_ES, { value: es, writable: true, configurable: true });
		}
		if (es) {
			r = P.apply(self, args);
			return isObj(r) ? r : self;
		}
		r = Reflect.construct(P, args);
		setProto(r, getProto(self));
		return r;
	};

	/* `this` in a derived constructor before super(): the lowered
	 * `(_this || __cc.noThis())` reaches this only while _this is unset
	 * (super() always leaves an object there). */
	cc.noThis = function () {
		throw new ReferenceError("Must call super constructor in derived class before accessing 'this' or returning from derived constructor");
	};

	/* `return v;` in a derived constructor. */
	cc.dret = function (v, self) {
		if (isObj(v)) return v;
		if (v === undefined) {
			if (self === undefined)
				throw new ReferenceError("Must call super constructor in derived class before accessing 'this' or returning from derived constructor");
			return self;
		}
		throw new TypeError('Derived constructors may only return object or undefined');
	};

	/* super.k and super.k = v: look k up from the home object's prototype,
	 * calling accessors with the receiver. */
	function lookup(home, k) {
		for (var o = getProto(home); o !== null && o !== undefined; o = getProto(o)) {
			var d = getDesc(o, k);
			if (d) return d;
		}
		return undefined;
	}
	cc.sget = function (home, k, recv) {
		var d = lookup(home, k);
		if (!d) return undefined;
		return d.get || d.set ? (d.get ? d.get.call(recv) : undefined) : d.value;
	};
	cc.sset = function (home, k, v, recv) {
		var d = lookup(home, k);
		if (d && d.set) { d.set.call(recv, v); return v; }
		if (d && (d.get || d.writable === false)) throw new TypeError("Cannot assign to read only property '" + fnName(k) + "' of object");
		if (hasOwn.call(recv, k)) recv[k] = v;
		else defProp(recv, k, { value: v, writable: true, enumerable: true, configurable: true });
		return v;
	};

	/* Static fields are defined, not assigned (a class's `name` is read-only). */
	cc.field = function (o, k, v) {
		defProp(o, k, { value: v, writable: true, enumerable: true, configurable: true });
	};

	/* Private names: a fresh hidden key per class evaluation. */
	cc.priv = function (name) {
		privCount++;
		/* the counter alone makes the key unique (hidden() keeps 7 bits per char) */
		return cc.hidden ? cc.hidden('#' + privCount) : Symbol('#' + name);
	};
	cc.privErr = function (name, write) {
		throw new TypeError(write ? 'Cannot write private member ' + name + ' to an object whose class did not declare it'
			: 'Cannot read private member ' + name + ' from an object whose class did not declare it');
	};
	cc.privIn = function (k, o, name) {
		if (!isObj(o)) throw new TypeError("Cannot use 'in' operator to search for '" + name + "' in " + show(o));
		return k in o;
	};
})(__cc);
