// quickjs-emscripten (QuickJS compiled to WebAssembly, the sync release
// build): a fresh QuickJS runtime and context per program, tools as host
// functions that return QuickJS promises, the host calling
// executePendingJobs whenever one settles (the package README's pattern).
// Runs in: the bench host; the program runs inside the WebAssembly QuickJS.
// Input: a stripped corpus program (guest.mjs).
import util from 'node:util';
import { newQuickJSWASMModule, shouldInterruptAfterDeadline } from 'quickjs-emscripten';
import { hostCall, prelude, thrownOutcome, FILENAME, LIMITS, settleWithin } from './guest.mjs';

export const name = 'quickjs-emscripten';

/** Loads the WebAssembly module once (not timed, as a host would at boot). */
export async function createRunner() {
  let QuickJS = await newQuickJSWASMModule();
  return {
    async run(js, host, opts) {
      try {
        return await run(QuickJS, js, host, opts);
      } catch (e) {
        // QuickJS aborts the whole module when a runtime is freed with
        // objects still listed (its dump of a cyclic value leaks a handle:
        // corpus inspect-circular). The module is dead after an abort: load
        // a fresh one and count the program as failed (the load falls inside
        // that one program's time, which no "all rows right" total holds).
        if (!(e instanceof WebAssembly.RuntimeError)) throw e;
        QuickJS = await newQuickJSWASMModule();
        return { outcome: { status: 'error', error: { name: 'RuntimeError', message: String(e.message).slice(0, 200) } }, logs: [] };
      }
    },
  };
}

async function run(QuickJS, js, host, { clock = false } = {}) {
  const rt = QuickJS.newRuntime();
  rt.setMemoryLimit(LIMITS.heapBytes);
  rt.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + LIMITS.timeoutMs));
  const ctx = rt.newContext();
  const logs = [];
  const pending = new Set();
  try {
    ctx.newFunction('__call', (n, a) => {
      const d = ctx.newPromise();
      pending.add(d);
      hostCall(host, ctx.getString(n), ctx.getString(a)).then((s) => {
        pending.delete(d);
        if (!ctx.alive) return;
        const h = ctx.newString(s);
        d.resolve(h);
        h.dispose();
        rt.executePendingJobs();
      });
      return d.handle;
    }).consume((f) => ctx.setProp(ctx.global, '__call', f));
    ctx.newFunction('__log', (p, ...args) => {
      logs.push(ctx.getString(p) + util.format(...args.map((h) => ctx.dump(h))));
    }).consume((f) => ctx.setProp(ctx.global, '__log', f));
    if (clock) {
      // QuickJS has no performance.now; the echo row's timer is a host call.
      ctx.newFunction('now', () => ctx.newNumber(performance.now())).consume((f) => {
        const perf = ctx.newObject();
        ctx.setProp(perf, 'now', f);
        ctx.setProp(ctx.global, 'performance', perf);
        perf.dispose();
      });
    }
    ctx.unwrapResult(ctx.evalCode(prelude(Object.keys(host)))).dispose();
    const r = ctx.evalCode(js, FILENAME);
    if (r.error) {
      const e = ctx.dump(r.error);
      r.error.dispose();
      return { outcome: thrownOutcome(e), logs };
    }
    const settle = ctx.getProp(ctx.global, '__settle');
    const p = ctx.unwrapResult(ctx.callFunction(settle, ctx.undefined, r.value));
    settle.dispose();
    r.value.dispose();
    const done = ctx.resolvePromise(p);
    p.dispose();
    rt.executePendingJobs();
    const res = await settleWithin(done);
    if (!res) return { outcome: { status: 'timeout' }, logs };
    const s = ctx.unwrapResult(res);
    const outcome = JSON.parse(ctx.getString(s));
    s.dispose();
    return { outcome, logs };
  } finally {
    for (const d of pending) d.dispose();
    ctx.dispose();
    rt.dispose();
  }
}
