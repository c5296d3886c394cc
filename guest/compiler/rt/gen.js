/* rt/gen.js: generators on Duktape coroutines. Runs in: guest prelude
 * (trusted code), called by lowered user code.
 *   function* g(a) { B }  =>  function g(a) { return __cc.gen(this, arguments, function () { B' }); }
 * with `yield x` => __cc.yield(x) and `yield* x` => __cc.yieldStar(x).
 * gen.return(v) throws a RetTok into the suspended body; the lowering makes
 * every catch clause in a generator rethrow it (`if (__cc.isRet(e)) throw e;`)
 * so that only finally blocks run, as the spec's return completion does. */
(function (cc) {
	'use strict';
	var T = Duktape.Thread;
	var yld = T.yield, resume = T.resume;
	var SI = Symbol.iterator;
	/* states */
	var START = 0, SUSP = 1, RUN = 2, DONE = 3;

	function RetTok(v) { this.v = v; }
	cc.isRet = function (e) { return e instanceof RetTok; };

	function entry(g) {
		var r;
		try {
			r = g.body.apply(g.self, g.args);
		} catch (e) {
			if (e instanceof RetTok) { g.fin = true; return e.v; }
			throw e;
		}
		g.fin = true;
		return r;
	}

	function Generator() {}
	var GP = Generator.prototype;

	function res(value, done) { return { value: value, done: done }; }

	function run(g, v, isErr) {
		if (g.st === RUN) throw new TypeError('Generator is already running');
		var first = g.st === START, r;
		g.st = RUN;
		try {
			r = resume(g.th, first ? g : v, first ? false : isErr);
		} catch (e) {
			g.st = DONE; g.th = null;
			throw e;
		}
		if (g.fin) { g.st = DONE; g.th = null; return res(r, true); }
		g.st = SUSP;
		return res(r, false);
	}

	function check(g, name) {
		if (!(g instanceof Generator) || g.th === undefined)
			throw new TypeError('Method [Generator].prototype.' + name + ' called on incompatible receiver ' + cc.show(g));
	}

	GP.next = function (v) {
		check(this, 'next');
		if (this.st === DONE) return res(undefined, true);
		return run(this, v, false);
	};
	GP['return'] = function (v) {
		check(this, 'return');
		if (this.st === START) { this.st = DONE; this.th = null; }
		if (this.st === DONE) return res(v, true);
		return run(this, new RetTok(v), true);
	};
	GP['throw'] = function (e) {
		check(this, 'throw');
		if (this.st === START) { this.st = DONE; this.th = null; }
		if (this.st === DONE) throw e;
		return run(this, e, true);
	};
	GP[SI] = function () { return this; };
	Object.defineProperty(GP, Symbol.toStringTag, { value: 'Generator', configurable: true });
	cc.GeneratorPrototype = GP;

	cc.gen = function (self, args, body) {
		var g = new Generator();
		g.self = self; g.args = args; g.body = body;
		g.st = START; g.fin = false;
		g.th = new T(entry);
		return g;
	};

	cc['yield'] = function (v) { return yld(v); };

	/* yield* x (spec 15.5.5): forwards next/throw/return to the inner
	 * iterator. Called from the generator body, so the yields below are
	 * reached through ES-to-ES calls only. */
	cc.yieldStar = function (x) {
		var m = x == null ? undefined : x[SI], it, r, recv, mode = 0, f;
		if (typeof m !== 'function') throw new TypeError(cc.show(x) + ' is not iterable');
		it = m.call(x);
		if (Object(it) !== it) throw new TypeError('Result of the Symbol.iterator method is not an object');
		var nx = it.next;
		for (;;) {
			if (mode === 0) {
				r = nx.call(it, recv);
			} else if (mode === 1) {
				f = it['throw'];
				if (f == null) {
					f = it['return'];
					if (f != null) f.call(it);
					throw new TypeError("The iterator does not provide a 'throw' method");
				}
				r = f.call(it, recv);
			} else {
				f = it['return'];
				if (f == null) throw recv;
				r = f.call(it, recv.v);
				if (Object(r) !== r) throw new TypeError('Iterator result ' + cc.show(r) + ' is not an object');
				if (r.done) throw new RetTok(r.value);
			}
			if (Object(r) !== r) throw new TypeError('Iterator result ' + cc.show(r) + ' is not an object');
			if (r.done) return r.value;
			try {
				recv = yld(r.value);
				mode = 0;
			} catch (e) {
				recv = e;
				mode = e instanceof RetTok ? 2 : 1;
			}
		}
	};
})(__cc);
