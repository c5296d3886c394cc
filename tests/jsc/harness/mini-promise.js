/* mini-promise.js: a small spec-shaped Promise and microtask queue used ONLY
 * by tests/jsc when the runtime library (guest/runtime/*.js) provides no
 * Promise yet. Runs in: duk CLI test harness. Input: test programs. */
var __cc = typeof __cc === 'object' ? __cc : {};
(function (cc, G) {
	'use strict';
	var q = [], qf = [], head = 0;
	if (typeof cc.enqueueJob !== 'function') {
		cc.enqueueJob = function (fn, arg) { q.push(fn); qf.push(arg); };
		cc.drain = function () {
			while (head < q.length) { var f = q[head], a = qf[head]; q[head] = qf[head] = undefined; head++; f(a); }
			q = []; qf = []; head = 0;
		};
	}
	if (typeof G.Promise === 'function') return;
	function P(ex) {
		if (!(this instanceof P)) throw new TypeError("Promise constructor cannot be invoked without 'new'");
		if (typeof ex !== 'function') throw new TypeError('Promise resolver ' + ex + ' is not a function');
		this.s = 0; this.v = undefined; this.r = [];
		var fs = fns(this);
		try { ex(fs[0], fs[1]); } catch (e) { fs[1](e); }
	}
	function fns(p) {
		var done = false;
		return [function (v) { if (done) return; done = true; resolve(p, v); },
			function (e) { if (done) return; done = true; settle(p, 2, e); }];
	}
	function settle(p, s, v) {
		if (p.s) return;
		p.s = s; p.v = v;
		var r = p.r; p.r = null;
		for (var i = 0; i < r.length; i++) cc.enqueueJob(react, [r[i], s, v]);
	}
	function resolve(p, v) {
		if (v === p) return settle(p, 2, new TypeError('Chaining cycle detected for promise #<Promise>'));
		if (v !== null && (typeof v === 'object' || typeof v === 'function')) {
			var then;
			try { then = v.then; } catch (e) { return settle(p, 2, e); }
			if (typeof then === 'function') {
				cc.enqueueJob(function () {
					var fs = fns(p);
					try { then.call(v, fs[0], fs[1]); } catch (e) { fs[1](e); }
				});
				return;
			}
		}
		settle(p, 1, v);
	}
	function react(a) {
		var rx = a[0], s = a[1], v = a[2], h = s === 1 ? rx.f : rx.j, r;
		if (typeof h !== 'function') { if (s === 1) rx.res(v); else rx.rej(v); return; }
		try { r = h(v); } catch (e) { rx.rej(e); return; }
		rx.res(r);
	}
	P.prototype.then = function (f, j) {
		var res, rej, np = new P(function (a, b) { res = a; rej = b; });
		var rx = { f: f, j: j, res: res, rej: rej };
		if (this.s === 0) this.r.push(rx); else cc.enqueueJob(react, [rx, this.s, this.v]);
		return np;
	};
	P.prototype['catch'] = function (j) { return this.then(undefined, j); };
	P.prototype['finally'] = function (f) {
		return this.then(function (v) { return P.resolve(f()).then(function () { return v; }); },
			function (e) { return P.resolve(f()).then(function () { throw e; }); });
	};
	P.resolve = function (v) { return v instanceof P && v.constructor === P ? v : new P(function (r) { r(v); }); };
	P.reject = function (e) { return new P(function (r, j) { j(e); }); };
	P.all = function (a) {
		return new P(function (res, rej) {
			var out = [], n = 0, i, it = cc.iter ? cc.toArr(a) : a;
			if (it.length === 0) return res(out);
			for (i = 0; i < it.length; i++) (function (i) {
				P.resolve(it[i]).then(function (v) { out[i] = v; if (++n === it.length) res(out); }, rej);
			})(i);
		});
	};
	G.Promise = P;
})(__cc, this);
