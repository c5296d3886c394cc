/*
 * promise.js: the microtask queue and Promise (ES2021 semantics), closure-light.
 * Runs in: guest prelude (trusted bytecode). Input: values from untrusted user code.
 *
 * Jobs are (fn, a, b) triples in three parallel arrays, not closures; a promise's
 * internal slots are hidden-symbol properties; a reaction is one small record.
 * Promises made by then()/resolve() with the intrinsic constructor skip
 * NewPromiseCapability (no executor, no resolving closures), which is
 * unobservable. The guest's event loop drains the queue by calling
 * __cc.runJobs() from JS-callable C (Duktape can only resume coroutines from
 * ES code, see probes.md §1(e)), then reports __cc.takeUnhandled().
 */
/* Anonymous built-in functions (resolving functions, capability executors,
 * combinator element functions, finally's callbacks) are not constructors,
 * have no `prototype`, and their own properties are `length` then `name` ("").
 * Duktape gives a method no [[Construct]]; this factory is sloppy code because
 * Duktape puts non-configurable own `caller`/`arguments` on strict functions.
 * cc.anon0(f) / anon1(f) / anon2(f): such a function of length 0 / 1 / 2 calling f. */
(function (G) {
  var cc = G.__cc;
  function named(fn) {
    Object.defineProperty(fn, 'name', { value: '', writable: false, enumerable: false, configurable: true });
    return fn;
  }
  cc.anon0 = function (f) { return named({ ''() { return f(); } }['']); };
  cc.anon1 = function (f) { return named({ ''(x) { return f(x); } }['']); };
  cc.anon2 = function (f) { return named({ ''(a, b) { return f(a, b); } }['']); };
}(this));

(function (G) {
  'use strict';
  var cc = G.__cc;
  var isObject = cc.isObject;
  var anon0 = cc.anon0, anon1 = cc.anon1, anon2 = cc.anon2;

  /* ---- microtask queue ---- */
  /* Internal arrays have no prototype: user code may put accessors on
   * Array.prototype indices (test262 does) and must not see our stores. */
  var splice = Array.prototype.splice;
  function bareArray() { return Object.setPrototypeOf([], null); }
  var qf = bareArray(), qa = bareArray(), qb = bareArray(), qhead = 0, qlen = 0;
  /* Drop consumed slots once this many have accumulated so a long-running
   * queue does not keep garbage alive; small enough to bound memory, large
   * enough that compaction is rare. */
  var QUEUE_COMPACT = 1024;

  function enqueue(fn, a, b) {
    qf[qlen] = fn; qa[qlen] = a; qb[qlen] = b; qlen++;
  }
  function callArg(fn, arg) { fn(arg); }
  /* enqueueJob(fn, arg): fn(arg) runs as a microtask. */
  cc.enqueueJob = function (fn, arg) {
    if (typeof fn !== 'function') throw new TypeError('job is not a function');
    enqueue(callArg, fn, arg);
  };
  cc.enqueueJob2 = enqueue;
  cc.pendingJobs = function () { return qlen - qhead; };

  /* Drains the queue, including jobs enqueued while draining. A throwing job
   * is reported through __cc.reportError (the guest prints it like node's
   * uncaught exception) and the drain goes on. Returns the number of jobs run. */
  cc.runJobs = function () {
    var n = 0, f, a, b;
    while (qhead < qlen) {
      f = qf[qhead]; a = qa[qhead]; b = qb[qhead];
      qf[qhead] = qa[qhead] = qb[qhead] = undefined;
      qhead++;
      n++;
      try {
        f(a, b);
      } catch (e) {
        if (typeof cc.reportError === 'function') cc.reportError(e);
        else throw e;
      }
      if (qhead >= QUEUE_COMPACT) {
        splice.call(qf, 0, qhead); splice.call(qa, 0, qhead); splice.call(qb, 0, qhead);
        qlen -= qhead; qhead = 0;
      }
    }
    qf.length = qa.length = qb.length = 0;
    qhead = qlen = 0;
    return n;
  };

  /* ---- internal slots ---- */
  var S_STATE = cc.hidden('PromiseState');     /* 0 pending, 1 fulfilled, 2 rejected */
  var S_VALUE = cc.hidden('PromiseResult');
  var S_REACT = cc.hidden('PromiseReactions'); /* undefined | record | array of records */
  var S_HANDLED = cc.hidden('PromiseIsHandled');
  var PENDING = 0, FULFILLED = 1, REJECTED = 2;

  function isPromise(x) { return isObject(x) && x[S_STATE] !== undefined; }
  cc.isPromise = isPromise;
  /* What console.log shows of a promise (prelude/core.js: Promise { 5 },
   * { <pending> }, { <rejected> e }): its state and result, read without
   * running any code of the program's; undefined for anything else. */
  cc.promiseState = function (p) {
    if (!isPromise(p)) return undefined;
    var st = p[S_STATE];
    return { state: st === PENDING ? 'pending' : st === FULFILLED ? 'fulfilled' : 'rejected', value: p[S_VALUE] };
  };

  /* ---- unhandled rejection tracking (HostPromiseRejectionTracker) ---- */
  var rejectedUnhandled = bareArray();
  function trackReject(p) { rejectedUnhandled[rejectedUnhandled.length] = p; }
  /* Reasons of promises rejected without a handler that still have none. Call
   * after runJobs(); node reports these as unhandled rejections. */
  cc.takeUnhandled = function () {
    var out = bareArray(), i, p;
    for (i = 0; i < rejectedUnhandled.length; i++) {
      p = rejectedUnhandled[i];
      if (!p[S_HANDLED]) { p[S_HANDLED] = true; out[out.length] = p[S_VALUE]; }
    }
    rejectedUnhandled = bareArray();
    return out;
  };

  /* ---- settlement ---- */
  function fulfillJob(r, v) {
    var h = r.f;
    if (r.kind === 1) { h(r.ctx, v); return; } /* await-style reaction */
    if (typeof h !== 'function') { settleDerived(r, v, false); return; }
    var res;
    try { res = h(v); } catch (e) { settleDerived(r, e, true); return; }
    settleDerived(r, res, false);
  }
  function rejectJob(r, v) {
    var h = r.r;
    if (r.kind === 1) { h(r.ctx, v); return; }
    if (typeof h !== 'function') { settleDerived(r, v, true); return; }
    var res;
    try { res = h(v); } catch (e) { settleDerived(r, e, true); return; }
    settleDerived(r, res, false);
  }
  function settleDerived(r, v, isReject) {
    var p = r.p;
    if (p !== undefined) {
      if (isReject) rejectPromise(p, v); else resolvePromise(p, v);
    } else if (r.cap !== undefined) {
      var f = isReject ? r.cap.reject : r.cap.resolve;
      f(v); /* called with this = undefined, as Call(capability.[[Resolve]], undefined, ...) */
    }
  }

  function triggerReactions(p, state, value) {
    var rs = p[S_REACT], job = state === FULFILLED ? fulfillJob : rejectJob, i;
    p[S_REACT] = undefined;
    if (rs === undefined) return;
    if (rs instanceof Array) { for (i = 0; i < rs.length; i++) enqueue(job, rs[i], value); }
    else enqueue(job, rs, value);
  }

  function fulfillPromise(p, v) {
    if (p[S_STATE] !== PENDING) return;
    p[S_STATE] = FULFILLED; p[S_VALUE] = v;
    triggerReactions(p, FULFILLED, v);
  }
  function rejectPromise(p, e) {
    if (p[S_STATE] !== PENDING) return;
    p[S_STATE] = REJECTED; p[S_VALUE] = e;
    if (!p[S_HANDLED]) trackReject(p);
    triggerReactions(p, REJECTED, e);
  }

  /* The [[Resolve]] step of a resolving function (alreadyResolved handled by caller). */
  function resolvePromise(p, x) {
    if (x === p) { rejectPromise(p, new TypeError('Chaining cycle detected for promise #<Promise>')); return; }
    if (!isObject(x)) { fulfillPromise(p, x); return; }
    var then;
    try { then = x.then; } catch (e) { rejectPromise(p, e); return; }
    if (typeof then !== 'function') { fulfillPromise(p, x); return; }
    /* NewPromiseResolveThenableJob: the extra tick the spec requires. */
    enqueue(resolveThenableJob, p, { x: x, then: then });
  }
  function resolveThenableJob(p, rec) {
    var fns = createResolvingFunctions(p);
    try { rec.then.call(rec.x, fns.resolve, fns.reject); } catch (e) { fns.reject(e); }
  }

  /* Built-in functions that are not constructors (no [[Construct]], no
   * `prototype`) and are anonymous (name ""): Duktape makes exactly that of a
   * method with an empty string key. */
  function createResolvingFunctions(p) {
    var done = false;
    /* The two closures anon1 wraps are no constructors either ("use cc
     * noctor", guest/compiler/printer.h): no prototype object, and no
     * cycle through it, for every `new Promise`. */
    return {
      resolve: anon1(function (v) { 'use cc noctor'; if (done) return; done = true; resolvePromise(p, v); }),
      reject: anon1(function (e) { 'use cc noctor'; if (done) return; done = true; rejectPromise(p, e); })
    };
  }

  function initPromise(p) {
    p[S_STATE] = PENDING; p[S_VALUE] = undefined; p[S_REACT] = undefined; p[S_HANDLED] = false;
    return p;
  }

  var proto;
  function newPromise() { return initPromise(Object.create(proto)); }

  /* ---- constructor ---- */
  var Promise = function Promise(executor) {
    if (!(this instanceof Promise) || this[S_STATE] !== undefined) {
      throw new TypeError("Promise constructor cannot be invoked without 'new'");
    }
    if (typeof executor !== 'function') throw new TypeError('Promise resolver ' + cc.v8describe(executor) + ' is not a function');
    initPromise(this);
    var fns = createResolvingFunctions(this);
    try { executor(fns.resolve, fns.reject); } catch (e) { fns.reject(e); }
  };
  proto = Promise.prototype;

  /* NewPromiseCapability(C) */
  function newCapability(C) {
    if (C === Promise) {
      var p = newPromise();
      var fns = createResolvingFunctions(p);
      return { promise: p, resolve: fns.resolve, reject: fns.reject };
    }
    if (typeof C !== 'function') throw new TypeError('Promise capability constructor is not a constructor');
    var cap = { promise: undefined, resolve: undefined, reject: undefined };
    var executor = anon2(function (res, rej) {
      if (cap.resolve !== undefined) throw new TypeError('Promise executor has already been invoked with non-undefined arguments');
      if (cap.reject !== undefined) throw new TypeError('Promise executor has already been invoked with non-undefined arguments');
      cap.resolve = res; cap.reject = rej;
    });
    var promise = new C(executor);
    if (typeof cap.resolve !== 'function') throw new TypeError('Promise resolve function is not callable');
    if (typeof cap.reject !== 'function') throw new TypeError('Promise reject function is not callable');
    cap.promise = promise;
    return cap;
  }
  cc.newPromiseCapability = newCapability;

  function addReaction(p, r) {
    var st = p[S_STATE];
    if (st === PENDING) {
      var rs = p[S_REACT];
      if (rs === undefined) p[S_REACT] = r;
      else if (rs instanceof Array) rs.push(r);
      else p[S_REACT] = [rs, r];
    } else if (st === FULFILLED) {
      enqueue(fulfillJob, r, p[S_VALUE]);
    } else {
      enqueue(rejectJob, r, p[S_VALUE]);
    }
    p[S_HANDLED] = true;
  }

  /* PerformPromiseThen(p, onF, onR, derived promise | capability) */
  function performThen(p, onF, onR, derived, cap) {
    addReaction(p, { kind: 0, f: onF, r: onR, p: derived, cap: cap, ctx: undefined });
  }

  cc.def(proto, 'then', { then(onFulfilled, onRejected) {
    if (!isPromise(this)) throw new TypeError('Method Promise.prototype.then called on incompatible receiver ' + cc.v8describe(this));
    var C = cc.speciesConstructor(this, Promise);
    if (C === Promise) {
      var d = newPromise();
      performThen(this, onFulfilled, onRejected, d, undefined);
      return d;
    }
    var cap = newCapability(C);
    performThen(this, onFulfilled, onRejected, undefined, cap);
    return cap.promise;
  } }.then, 2);

  cc.def(proto, 'catch', { 'catch'(onRejected) {
    return this.then(undefined, onRejected);
  } }['catch'], 1);

  cc.def(proto, 'finally', { 'finally'(onFinally) {
    if (!isObject(this)) throw new TypeError('Method Promise.prototype.finally called on incompatible receiver ' + cc.v8describe(this));
    var C = cc.speciesConstructor(this, Promise);
    if (typeof onFinally !== 'function') return this.then(onFinally, onFinally);
    var thenFinally = anon1(function (value) {
      var result = onFinally();
      var pr = promiseResolve(C, result);
      return pr.then(anon0(function () { 'use cc noctor'; return value; }));
    });
    var catchFinally = anon1(function (reason) {
      var result = onFinally();
      var pr = promiseResolve(C, result);
      return pr.then(anon0(function () { 'use cc noctor'; throw reason; }));
    });
    return this.then(thenFinally, catchFinally);
  } }['finally'], 1);

  Object.defineProperty(proto, Symbol.toStringTag, { value: 'Promise', writable: false, enumerable: false, configurable: true });

  /* PromiseResolve(C, x) */
  function promiseResolve(C, x) {
    if (isPromise(x) && x.constructor === C) return x;
    if (C === Promise) {
      var p = newPromise();
      resolvePromise(p, x);
      return p;
    }
    var cap = newCapability(C), f = cap.resolve;
    f(x);
    return cap.promise;
  }
  cc.promiseResolve = promiseResolve;

  cc.def(Promise, 'resolve', { resolve(x) {
    if (!isObject(this)) throw new TypeError('PromiseResolve called on non-object');
    return promiseResolve(this, x);
  } }.resolve, 1);

  cc.def(Promise, 'reject', { reject(r) {
    if (this === Promise) { var p = newPromise(); rejectPromise(p, r); return p; }
    var cap = newCapability(this), f = cap.reject;
    f(r);
    return cap.promise;
  } }.reject, 1);

  cc.defGetter(Promise, Symbol.species, cc.speciesGetter);

  /* ---- combinators ---- */
  function call1(f, v) { return f(v); }
  /* CreateDataProperty: never runs setters an Array.prototype index may have. */
  function setEl(arr, i, v) {
    Object.defineProperty(arr, i, { value: v, writable: true, enumerable: true, configurable: true });
  }
  /* Iterates `iterable` calling step(value, index); closes the iterator on abrupt
   * completion of step. Errors from the iterator itself are marked so the
   * caller does not close it again. */
  function combinator(C, iterable, body) {
    var cap = newCapability(C);
    var resolveFn;
    try {
      resolveFn = C.resolve;
      if (typeof resolveFn !== 'function') throw new TypeError('Promise resolve is not a function');
      body(cap, resolveFn, cc.getIterator(iterable, cc.notIterableArg));
    } catch (e) {
      var rej = cap.reject;
      rej(e);
    }
    return cap.promise;
  }

  /* Runs the per-element loop; rec.count is the remainingElementsCount. */
  function loop(C, cap, resolveFn, it, onElem) {
    var index = 0, v, np;
    for (;;) {
      v = cc.iteratorStep(it);       /* errors here: iterator already done */
      if (v === cc.DONE) return index;
      try {
        np = resolveFn.call(C, v);
        onElem(np, index);
      } catch (e) {
        cc.iteratorClose(it);
        throw e;
      }
      index++;
    }
  }

  cc.def(Promise, 'all', { all(iterable) {
    var C = this;
    return combinator(C, iterable, function (cap, resolveFn, it) {
      var values = [], rec = { count: 1 };
      loop(C, cap, resolveFn, it, function (np, index) { 'use cc noctor';
        setEl(values, index, undefined);
        rec.count++;
        var called = false;
        np.then(anon1(function (x) { 'use cc noctor';
          if (called) return undefined;
          called = true;
          setEl(values, index, x);
          if (--rec.count === 0) call1(cap.resolve, values);
          return undefined;
        }), cap.reject);
      });
      if (--rec.count === 0) call1(cap.resolve, values);
    });
  } }.all, 1);

  cc.def(Promise, 'allSettled', { allSettled(iterable) {
    var C = this;
    return combinator(C, iterable, function (cap, resolveFn, it) {
      var values = [], rec = { count: 1 };
      loop(C, cap, resolveFn, it, function (np, index) { 'use cc noctor';
        setEl(values, index, undefined);
        rec.count++;
        var called = false;
        np.then(anon1(function (x) { 'use cc noctor';
          if (called) return undefined;
          called = true;
          setEl(values, index, { status: 'fulfilled', value: x });
          if (--rec.count === 0) call1(cap.resolve, values);
          return undefined;
        }), anon1(function (x) { 'use cc noctor';
          if (called) return undefined;
          called = true;
          setEl(values, index, { status: 'rejected', reason: x });
          if (--rec.count === 0) call1(cap.resolve, values);
          return undefined;
        }));
      });
      if (--rec.count === 0) call1(cap.resolve, values);
    });
  } }.allSettled, 1);

  cc.def(Promise, 'race', { race(iterable) {
    var C = this;
    return combinator(C, iterable, function (cap, resolveFn, it) {
      loop(C, cap, resolveFn, it, function (np) { 'use cc noctor'; np.then(cap.resolve, cap.reject); });
    });
  } }.race, 1);

  cc.def(Promise, 'any', { any(iterable) {
    var C = this;
    return combinator(C, iterable, function (cap, resolveFn, it) {
      var errors = [], rec = { count: 1 };
      loop(C, cap, resolveFn, it, function (np, index) { 'use cc noctor';
        setEl(errors, index, undefined);
        rec.count++;
        var called = false;
        np.then(cap.resolve, anon1(function (x) { 'use cc noctor';
          if (called) return undefined;
          called = true;
          setEl(errors, index, x);
          if (--rec.count === 0) call1(cap.reject, new G.AggregateError(errors, 'All promises were rejected'));
          return undefined;
        }));
      });
      if (--rec.count === 0) call1(cap.reject, new G.AggregateError(errors, 'All promises were rejected'));
    });
  } }.any, 1);

  /* ---- fast paths for the async/await lowering ---- */
  /* awaitValue(v, onFul, onRej, ctx): the spec's Await(v) without a derived
   * promise: PromiseResolve(%Promise%, v), then onFul(ctx, value) or
   * onRej(ctx, reason) runs as a microtask. No closure is allocated. */
  cc.awaitValue = function (v, onFul, onRej, ctx) {
    var p = promiseResolve(Promise, v);
    addReaction(p, { kind: 1, f: onFul, r: onRej, p: undefined, cap: undefined, ctx: ctx });
  };
  /* For the lowering: a fresh pending promise and its settle operations. */
  cc.newPromise = newPromise;
  cc.resolvePromise = function (p, x) { if (p[S_STATE] === PENDING) resolvePromise(p, x); };
  cc.rejectPromise = rejectPromise;

  Object.defineProperty(Promise, 'prototype', { writable: false });
  cc.setLengthName(Promise, 1, 'Promise');
  Object.defineProperty(G, 'Promise', { value: Promise, writable: true, enumerable: false, configurable: true });
}(this));
