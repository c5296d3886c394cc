// node:vm (a new V8 context in the host's own isolate; not a security
// boundary, the floor for any sandbox): a fresh context per program, tools
// and console as host functions placed on its global.
// Its `timeout` bounds only the script's synchronous part: a loop after the
// program's first await would hang the bench (the corpus has none).
// microtaskMode 'afterEvaluate' would bound it, but then continuations of
// the host's tool promises never run.
// Runs in: the bench host; the program runs in the same isolate.
// Input: a stripped corpus program (guest.mjs).
import util from 'node:util';
import vm from 'node:vm';
import { hostCall, prelude, thrownOutcome, FILENAME, LIMITS, settleWithin } from './guest.mjs';

export const name = 'node:vm';

export async function createRunner() {
  return { run };
}

async function run(js, host, { clock = false } = {}) {
  const logs = [];
  const ctx = vm.createContext({
    __call: (n, a) => hostCall(host, n, a),
    __log: (p, ...args) => { logs.push(p + util.format(...args)); },
    ...(clock ? { performance } : {}),
  });
  vm.runInContext(prelude(Object.keys(host)), ctx);
  let value;
  try {
    value = vm.runInContext(js, ctx, { filename: FILENAME, timeout: LIMITS.timeoutMs });
  } catch (e) {
    return { outcome: thrownOutcome(e), logs };
  }
  const res = await settleWithin(ctx.__settle(value));
  if (res === null) return { outcome: { status: 'timeout' }, logs };
  return { outcome: JSON.parse(res), logs };
}
