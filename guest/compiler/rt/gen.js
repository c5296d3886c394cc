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

	/* A generator object's state lives in one record under a hidden key
	 * (base.js cc.hidden): the object itself has no own properties, as in
	 * node (Object.keys, JSON.stringify and console.log see none), and a
	 * program can neither read the body's thread nor forge a generator. */
	var K_STATE = cc.hidden('GeneratorState');
	var hasOwn = Object.prototype.hasOwnProperty;

	function Rec(self, args, body) {
		this.self = self; this.args = args; this.body = body;
		this.st = START; this.fin = false; this.th = null;
		this.running = false; this.q = null; /* async generators */
	}

	function stateOf(g, C) {
		return g instanceof C && hasOwn.call(g, K_STATE) ? g[K_STATE] : undefined;
	}

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

	function check(o, name) {
		var g = stateOf(o, Generator);
		if (!g)
			throw new TypeError('Method [Generator].prototype.' + name + ' called on incompatible receiver ' + cc.show(o));
		return g;
	}

	GP.next = function (v) {
		var g = check(this, 'next');
		if (g.st === DONE) return res(undefined, true);
		return run(g, v, false);
	};
	GP['return'] = function (v) {
		var g = check(this, 'return');
		if (g.st === START) { g.st = DONE; g.th = null; }
		if (g.st === DONE) return res(v, true);
		return run(g, new RetTok(v), true);
	};
	GP['throw'] = function (e) {
		var g = check(this, 'throw');
		if (g.st === START) { g.st = DONE; g.th = null; }
		if (g.st === DONE) throw e;
		return run(g, e, true);
	};
	GP[SI] = function () { return this; };
	Object.defineProperty(GP, Symbol.toStringTag, { value: 'Generator', configurable: true });
	cc.GeneratorPrototype = GP;

	cc.gen = function (self, args, body) {
		var o = new Generator(), g = new Rec(self, args, body);
		g.th = new T(entry);
		Object.defineProperty(o, K_STATE, { value: g });
		return o;
	};

	cc['yield'] = function (v) { return yld(v); };

	/* ---- async generators ----
	 * async function* g() { B }  =>  function g() { return __cc.asyncGen(this, arguments, function () { B' }); }
	 * The body's thread yields for `await x` (__cc.await: a plain yield) and
	 * for `yield x` (__cc.agYield: sets yieldFlag just before yielding, so
	 * the driver below can tell the two apart; nothing runs in between).
	 * next/throw/return requests queue up (spec AsyncGeneratorEnqueue) and
	 * each settles the promise it returned. */
	var yieldFlag = false;
	var AGEN_EXEC = 4; /* running or awaiting */

	function AsyncGenerator() {}
	var AGP = AsyncGenerator.prototype;

	function agSettle(g, ok, v, done) {
		var q = g.q.shift();
		g.running = false;
		if (ok) q.res({ value: v, done: done }); else q.rej(v);
		agDrain(g);
	}

	/* Resume the body with v (mode 0 value, 1 throw v, 2 return v). */
	function agStep(g, v, mode) {
		var first = g.st === START, r;
		g.st = AGEN_EXEC;
		try {
			r = resume(g.th, first ? g : (mode === 2 ? new RetTok(v) : v), first ? false : mode !== 0);
		} catch (e) {
			g.st = DONE; g.th = null;
			agSettle(g, false, e, true);
			return;
		}
		if (g.fin) {
			g.st = DONE; g.th = null;
			agSettle(g, true, r, true);
			return;
		}
		if (yieldFlag) {
			yieldFlag = false;
			g.st = SUSP;
			agSettle(g, true, r, false);
			return;
		}
		agAwait(g, r);
	}

	function agOk(g, v) { agStep(g, v, 0); }
	function agErr(g, e) { agStep(g, e, 1); }
	function agAwait(g, v) {
		var P = Promise, p;
		if (v === null || (typeof v !== 'object' && typeof v !== 'function')) {
			cc.enqueueJob(function () { agStep(g, v, 0); });
			return;
		}
		try {
			p = (v instanceof P && v.constructor === P) ? v : P.resolve(v);
		} catch (e) {
			cc.enqueueJob(function () { agStep(g, e, 1); });
			return;
		}
		p.then(function (x) { agOk(g, x); }, function (e) { agErr(g, e); });
	}

	/* Serve queued requests while the body is not running. */
	function agDrain(g) {
		while (!g.running && g.q.length) {
			var q = g.q[0];
			if (g.st === START && q.k !== 0) { g.st = DONE; g.th = null; }
			if (g.st === DONE) {
				if (q.k === 0) { g.q.shift(); q.res({ value: undefined, done: true }); continue; }
				if (q.k === 1) { g.q.shift(); q.rej(q.v); continue; }
				/* return(v) on a finished generator awaits v */
				g.running = true;
				Promise.resolve(q.v).then(function (x) { agSettle(g, true, x, true); },
					function (e) { agSettle(g, false, e, true); });
				return;
			}
			g.running = true;
			agStep(g, q.v, q.k);
		}
	}

	function agRequest(o, k, v, name) {
		var res, rej;
		var p = new Promise(function (a, b) { res = a; rej = b; });
		var g = stateOf(o, AsyncGenerator);
		if (!g) {
			rej(new TypeError('Method [AsyncGenerator].prototype.' + name + ' called on incompatible receiver ' + cc.show(o)));
			return p;
		}
		g.q.push({ k: k, v: v, res: res, rej: rej });
		agDrain(g);
		return p;
	}

	AGP.next = function (v) { return agRequest(this, 0, v, 'next'); };
	AGP['throw'] = function (e) { return agRequest(this, 1, e, 'throw'); };
	AGP['return'] = function (v) { return agRequest(this, 2, v, 'return'); };
	AGP[Symbol.asyncIterator] = function () { return this; };
	Object.defineProperty(AGP, Symbol.toStringTag, { value: 'AsyncGenerator', configurable: true });
	cc.AsyncGeneratorPrototype = AGP;

	cc.asyncGen = function (self, args, body) {
		var o = new AsyncGenerator(), g = new Rec(self, args, body);
		g.q = [];
		g.th = new T(entry);
		Object.defineProperty(o, K_STATE, { value: g });
		return o;
	};

	/* yield v in an async generator: awaits v, then yields it. */
	cc.agYield = function (v) {
		v = cc.await(v);
		yieldFlag = true;
		return yld(v);
	};

	/* yield* x in an async generator (spec 15.5.5, async case). */
	cc.agYieldStar = function (x) {
		var m = x == null ? undefined : x[Symbol.asyncIterator], it, r, recv, mode = 0, f, sync = false;
		if (m == null) {
			m = x == null ? undefined : x[SI];
			if (m === undefined && x != null && Object.prototype.toString.call(x) === '[object Arguments]')
				m = Array.prototype[SI];
			sync = true;
		}
		if (typeof m !== 'function') throw new TypeError(cc.show(x) + ' is not async iterable');
		it = m.call(x);
		if (Object(it) !== it) throw new TypeError('Result of the Symbol.asyncIterator method is not an object');
		var nx = it.next;
		for (;;) {
			if (mode === 0) {
				r = nx.call(it, recv);
			} else if (mode === 1) {
				f = it['throw'];
				if (f == null) {
					f = it['return'];
					if (f != null) cc.await(f.call(it));
					throw new TypeError("The iterator does not provide a 'throw' method");
				}
				r = f.call(it, recv);
			} else {
				f = it['return'];
				if (f == null) throw recv;
				r = f.call(it, recv.v);
			}
			r = cc.await(r);
			if (Object(r) !== r) throw new TypeError('Iterator result ' + cc.show(r) + ' is not an object');
			if (mode === 2 && r.done) throw new RetTok(r.value);
			if (r.done) return r.value;
			try {
				var val = sync ? cc.await(r.value) : r.value;
				yieldFlag = true;
				recv = yld(val);
				mode = 0;
			} catch (e) {
				recv = e;
				mode = e instanceof RetTok ? 2 : 1;
			}
		}
	};

	/* yield* x (spec 15.5.5): forwards next/throw/return to the inner
	 * iterator. Called from the generator body, so the yields below are
	 * reached through ES-to-ES calls only. */
	cc.yieldStar = function (x) {
		var m = x == null ? undefined : x[SI], it, r, recv, mode = 0, f;
		if (m === undefined && x != null && Object.prototype.toString.call(x) === '[object Arguments]')
			m = Array.prototype[SI]; /* Duktape's arguments objects lack @@iterator */
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
