/* rt/async.js: async functions on Duktape coroutines. Runs in: guest prelude
 * (trusted code), called by lowered user code.
 *
 * `async function f(a) { body }` is lowered to
 *   function f(a) { return __cc.async(this, arguments, function (a) { body' }); }
 * and `await x` inside body' to `__cc.await(x)`, which yields the thread the
 * body runs on. Every await stays lexically in body', so only ES-to-ES calls
 * sit between the thread entry and the yield (probes.md §1(d)).
 * Costs (probes.md §1(f)): one Duktape.Thread and one record per call; an
 * await of a non-thenable costs one enqueueJob, of a thenable one reaction
 * record (no closure, no derived promise). */
(function (cc) {
	'use strict';
	var T = Duktape.Thread;
	var yld = T.yield, resume = T.resume;

	/* The result is a %Promise% (as the spec's AsyncFunctionStart has it,
	 * whatever global.Promise is now), made and settled without an executor
	 * or resolving closures (promise.js newPromise). */
	var newPromise = cc.newPromise, resolveP = cc.resolvePromise, rejectP = cc.rejectPromise;

	function Rec(self, args, body) {
		this.self = self; this.args = args; this.body = body;
		this.th = null; this.p = null;
		this.done = false; this.v = undefined;
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
			rejectP(rec.p, e);
			return;
		}
		if (rec.done) {
			rec.th = null;
			resolveP(rec.p, r);
			return;
		}
		wait(rec, r);
	}

	function jobOk(rec) { step(rec, rec.v, false); }

	/* Await v (spec 27.7.5.3): a non-thenable resumes after one job; any
	 * other value goes through PromiseResolve(%Promise%, v) and
	 * PerformPromiseThen with no derived promise (promise.js awaitValue):
	 * no `then` lookup, no species, no closure per await. */
	function onFul(rec, x) { step(rec, x, false); }
	function onRej(rec, e) { step(rec, e, true); }
	function wait(rec, v) {
		if (v === null || (typeof v !== 'object' && typeof v !== 'function')) {
			rec.v = v;
			cc.enqueueJob(jobOk, rec);
			return;
		}
		try {
			cc.awaitValue(v, onFul, onRej, rec);
		} catch (e) {
			/* a throwing `constructor` getter of a promise rejects the await */
			rec.v = e;
			cc.enqueueJob(jobErr, rec);
		}
	}
	function jobErr(rec) { step(rec, rec.v, true); }

	/* Start an async body: runs synchronously up to its first await. */
	cc.async = function (self, args, body) {
		var rec = new Rec(self, args, body);
		var p = rec.p = newPromise();
		rec.th = new T(entry);
		step(rec, rec, false);
		return p;
	};

	/* Must be called directly from the lowered body (an ES function), so
	 * that yield's caller is ECMAScript code. */
	cc.await = function (v) { return yld(v); };
})(__cc);
