/* rt/async.js: async functions on Duktape coroutines. Runs in: guest prelude
 * (trusted code), called by lowered user code.
 *
 * `async function f(a) { body }` is lowered to
 *   function f(a) { return __cc.async(this, arguments, function (a) { body' }); }
 * and `await x` inside body' to `__cc.await(x)`, which yields the thread the
 * body runs on. Every await stays lexically in body', so only ES-to-ES calls
 * sit between the thread entry and the yield (probes.md §1(d)).
 * Costs (probes.md §1(f)): one Duktape.Thread and one record per call; the
 * two reaction closures are made only when the call first awaits a
 * thenable, and an await of a non-thenable costs one enqueueJob. */
(function (cc) {
	'use strict';
	var T = Duktape.Thread;
	var yld = T.yield, resume = T.resume;

	/* Result capability without a closure per call from us: the executor
	 * hands resolve/reject out through these two cells. */
	var capRes, capRej;
	function capExec(res, rej) { capRes = res; capRej = rej; }

	function Rec(self, args, body) {
		this.self = self; this.args = args; this.body = body;
		this.th = null; this.res = null; this.rej = null;
		this.done = false; this.v = undefined;
		this.onF = null; this.onR = null;
	}

	function entry(rec) {
		var r = rec.body.apply(rec.self, rec.args);
		rec.done = true;
		return r;
	}

	/* Resume the body with v (or throw v into it) and route the outcome. */
	function step(rec, v, isErr) {
		var r;
		try {
			r = resume(rec.th, v, isErr);
		} catch (e) {
			rec.th = null;
			rec.rej(e);
			return;
		}
		if (rec.done) {
			rec.th = null;
			rec.res(r);
			return;
		}
		wait(rec, r);
	}

	function jobOk(rec) { step(rec, rec.v, false); }

	/* Await v (spec 27.7.5.3): a non-thenable resumes after one job; a
	 * native promise reacts directly (same ticks as PerformPromiseThen);
	 * other thenables go through Promise.resolve like the spec's
	 * PromiseResolve. */
	function wait(rec, v) {
		var P = Promise;
		if (v === null || (typeof v !== 'object' && typeof v !== 'function')) {
			rec.v = v;
			cc.enqueueJob(jobOk, rec);
			return;
		}
		if (rec.onF === null) {
			rec.onF = function (x) { step(rec, x, false); };
			rec.onR = function (e) { step(rec, e, true); };
		}
		var p;
		try {
			p = (v instanceof P && v.constructor === P) ? v : P.resolve(v);
		} catch (e) {
			/* a throwing `then` getter rejects the await */
			rec.v = e;
			cc.enqueueJob(jobErr, rec);
			return;
		}
		p.then(rec.onF, rec.onR);
	}
	function jobErr(rec) { step(rec, rec.v, true); }

	/* Start an async body: runs synchronously up to its first await. */
	cc.async = function (self, args, body) {
		var rec = new Rec(self, args, body);
		var p = new Promise(capExec);
		rec.res = capRes; rec.rej = capRej;
		rec.th = new T(entry);
		step(rec, rec, false);
		return p;
	};

	/* Must be called directly from the lowered body (an ES function), so
	 * that yield's caller is ECMAScript code. */
	cc.await = function (v) { return yld(v); };
})(__cc);
