/* rt/fnkind.js: the kind of a lowered async function, generator or async
 * generator. Runs in: guest prelude (trusted code), called by lowered user
 * code.
 *
 * lower_coroutine.c turns each of them into a plain function (rt/async.js,
 * rt/gen.js), which Duktape cannot tell from any other, and marks it where
 * it is created:
 *   __cc.fnKind(f, kind[, name])   kind: 1 async, 2 generator, 3 both
 * (a declaration at the top of its scope, before any code there can see
 * it; name for a method, which the call would otherwise leave anonymous).
 * The mark is a hidden key (base.js cc.hidden) that a program can neither
 * see nor set, so console.log names the kind as node does ([AsyncFunction:
 * f]) from it alone. The function also gets the spec's prototype
 * (%AsyncFunction.prototype% and its kin), so Object.getPrototypeOf,
 * f.constructor.name and Object.prototype.toString see what they see in
 * node. */
(function (cc) {
	'use strict';
	var defProp = Object.defineProperty, setProto = Object.setPrototypeOf, hasOwn = Object.prototype.hasOwnProperty;
	var K_KIND = cc.hidden('FunctionKind');
	var ASYNC = 1, GENERATOR = 2;

	/* %AsyncFunction% and its kin make functions from source text. The
	 * guest compiles run-time source with Duktape's ES5 compiler
	 * (docs/CONFORMANCE.md, "Source compiled at run time"), which has no
	 * await or yield, so these constructors refuse rather than return a
	 * function of the wrong kind. Empty parameters and body need no
	 * compiler: `new AsyncFunction()` (or with '' strings) is made here, as
	 * the spec's CreateDynamicFunction makes `async function anonymous()
	 * {}`. */
	function intrinsic(name, kind, instanceProto) {
		var C = function () {
			var empty = true;
			for (var i = 0; i < arguments.length; i++) if (String(arguments[i]) !== '') empty = false;
			if (empty) return emptyFunction(kind);
			throw new EvalError(name + ': code compiled at run time cannot be ' +
				(name === 'GeneratorFunction' ? 'a generator' : 'async') + ' in codecell; write the function in the program');
		};
		cc.setLengthName(C, 1, name);
		setProto(C, Function);
		var proto = Object.create(Function.prototype);
		defProp(C, 'prototype', { value: proto });
		defProp(proto, 'constructor', { value: C, configurable: true });
		if (instanceProto) {
			/* %GeneratorFunction.prototype.prototype% is the generator
			 * objects' prototype, whose constructor points back (spec 27.3.3,
			 * 27.5.1.1): console.log of a generator shows Object [Generator]. */
			defProp(proto, 'prototype', { value: instanceProto, configurable: true });
			defProp(instanceProto, 'constructor', { value: proto, configurable: true });
		}
		defProp(proto, Symbol.toStringTag, { value: name, configurable: true });
		return proto;
	}

	/* The function an empty source gives, lowered by hand as
	 * lower_coroutine.c lowers one the program wrote. */
	function emptyFunction(kind) {
		var run = kind === ASYNC ? cc.async : kind === GENERATOR ? cc.gen : cc.asyncGen;
		return cc.fnKind(function anonymous() {
			'use cc noctor';
			return run(void 0, null, function () { 'use cc noctor'; });
		}, kind);
	}

	var protos = [];
	protos[ASYNC] = intrinsic('AsyncFunction', ASYNC, null);
	protos[GENERATOR] = intrinsic('GeneratorFunction', GENERATOR, cc.GeneratorPrototype);
	protos[ASYNC | GENERATOR] = intrinsic('AsyncGeneratorFunction', ASYNC | GENERATOR, cc.AsyncGeneratorPrototype);

	/* Called at every creation of such a function (an `async (x) => ...`
	 * in a loop too): the kind is a plain assignment, which a hidden key,
	 * unnameable by the program, makes invisible without a descriptor. */
	cc.fnKind = function (f, kind, name) {
		f[K_KIND] = kind;
		setProto(f, protos[kind]);
		/* A generator function's `prototype`: writable, not enumerable,
		 * not configurable, inheriting %GeneratorPrototype% (27.3.4.3,
		 * 27.4.4.3); the function is no constructor (the compiler's
		 * "use cc noctor"), so Duktape made none. */
		if (kind & GENERATOR) defProp(f, 'prototype', { value: Object.create(protos[kind].prototype), writable: true });
		if (name !== undefined) cc.setName(f, name);
		return f;
	};

	/* 'AsyncFunction', 'GeneratorFunction', 'AsyncGeneratorFunction' for a
	 * marked function, else 'Function' (node's getFunctionBase type). */
	cc.functionKind = function (f) {
		if (typeof f !== 'function' || !hasOwn.call(f, K_KIND)) return 'Function';
		var k = f[K_KIND];
		return (k & ASYNC ? 'Async' : '') + (k & GENERATOR ? 'Generator' : '') + 'Function';
	};
})(__cc);
