// isolated-vm (a separate V8 isolate in the node process): a fresh Isolate
// and context per program, tools through a Reference whose promise the
// isolate awaits (`result: { promise: true }`), console through a Callback
// (arguments copied as ExternalCopy does). Optional: when the package did not
// install (it needs a native build; see README.md) its rows are skipped.
// Runs in: the bench host; the program runs in its own isolate.
// Input: a stripped corpus program (guest.mjs).
import util from 'node:util';
import { hostCall, prelude, thrownOutcome, FILENAME, LIMITS, settleWithin } from './guest.mjs';

export const name = 'isolated-vm';

/** null with the reason when the native module cannot load here. */
export async function createRunner() {
  let ivm;
  try {
    ivm = (await import('isolated-vm')).default;
    new ivm.Isolate({ memoryLimit: 8 }).dispose();
  } catch (e) {
    return { unavailable: String(e.message).split('\n')[0] };
  }
  return { run: (js, host, opts) => run(ivm, js, host, opts) };
}

async function run(ivm, js, host, { clock = false } = {}) {
  const isolate = new ivm.Isolate({ memoryLimit: LIMITS.heapBytes / (1024 * 1024) });
  const logs = [];
  try {
    const ctx = await isolate.createContext();
    const g = ctx.global;
    await g.set('__log', new ivm.Callback((p, ...args) => { logs.push(p + util.format(...args)); }));
    await ctx.evalClosure(
      'globalThis.__call = (n, a) => $0.apply(undefined, [n, a], { result: { promise: true } });',
      [(n, a) => hostCall(host, n, a)], { arguments: { reference: true } });
    if (clock) {
      // An isolate has no performance.now; the echo row's timer is a host call.
      await ctx.evalClosure('globalThis.performance = { now: () => $0.applySync() };',
        [() => performance.now()], { arguments: { reference: true } });
    }
    await ctx.eval(prelude(Object.keys(host)));
    let value;
    try {
      value = await ctx.eval(js, { filename: FILENAME, timeout: LIMITS.timeoutMs, reference: true });
    } catch (e) {
      return { outcome: thrownOutcome(e), logs };
    }
    const settle = await g.get('__settle', { reference: true });
    let res;
    try {
      res = await settleWithin(settle.apply(undefined, [value.derefInto()],
        { result: { promise: true }, timeout: LIMITS.timeoutMs }));
    } catch (e) {
      // The deadline ended the isolate's own code (a loop after an await).
      return { outcome: thrownOutcome(e), logs };
    }
    if (res === null) return { outcome: { status: 'timeout' }, logs };
    return { outcome: JSON.parse(res), logs };
  } finally {
    isolate.dispose();
  }
}
