// What every in-process sandbox row gets, identically: the TypeScript strip
// a host must do before a JS-only engine can run a corpus program, the guest
// prelude that turns two host functions into the `codemode` namespace and
// `console`, and the host side of a tool call.
// Runs in: the bench host (strip, hostCall) and inside each sandbox (PRELUDE).
// Input: the corpus programs (trusted test data) and their tool arguments.
//
// The contract copies the node oracle (tests/corpus/node-eval.mjs), so a
// sandbox that runs the program as node does reports node's outcome:
// arguments and results cross as JSON (undefined becomes null), a tool's
// error keeps its name and message, an unknown tool rejects naming the tools
// that exist, console lines are util.format'ed on the host with the oracle's
// prefixes. Beyond that each sandbox has only its own engine's built-ins (no
// timers, URL, Buffer, TextEncoder, fetch...): what its host API gives.
import { createRequire } from 'node:module';
import { shapeOf } from '../../tests/corpus/outcome.mjs';

const require = createRequire(import.meta.url);
const ts = require('typescript');

/**
 * Per-program limits every in-process sandbox sets, as a real host must:
 * the heap is codecell's default policy's (128 MiB, docs/POLICY.md), the
 * deadline the 10 s the codecell spawn row gives the Node client.
 */
export const LIMITS = { heapBytes: 128 * 1024 * 1024, timeoutMs: 10000 };

/** The name errors and stacks carry (the oracle's and the Node client's). */
export const FILENAME = 'codemode.js';

/**
 * A corpus program's source to plain JS, wrapped by the oracle's shape rule
 * (a body with top-level await/return becomes an async arrow; a lone function
 * declaration is followed by its name). Caller runs the result as a script
 * and settles its completion value with __settle.
 */
export function strip(src) {
  src = src.replace(/^```[a-z]*[ \t]*$/gm, '');
  const shape = shapeOf(ts, src);
  const wrapped = shape === 'body' ? `(async () => {${src}\n})`
    : shape.startsWith('lone:') ? `${src}\n;${shape.slice(5)}` : src;
  return ts.transpileModule(wrapped, {
    fileName: 'prog.ts',
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None, useDefineForClassFields: true },
  }).outputText;
}

/**
 * Serves one tool call for a sandbox: `argsJson` is the guest's JSON array
 * of arguments; the answer is one JSON string, `{ok:true,v}` or
 * `{ok:false,name,message}`, which the prelude turns back into a value or an
 * error. One string each way is the cheapest crossing all three sandboxes
 * share (a structured copy would differ per sandbox).
 */
export async function hostCall(host, name, argsJson) {
  const fn = host[name];
  try {
    const v = await fn(...JSON.parse(argsJson));
    return JSON.stringify({ ok: true, v: v === undefined ? null : v });
  } catch (e) {
    return JSON.stringify({ ok: false, name: String(e?.name ?? 'Error'), message: String(e?.message ?? e) });
  }
}

/**
 * The prelude, run in each fresh sandbox before the program. Expects the
 * host to have set globalThis.__call(name, argsJson) -> Promise<string> and
 * globalThis.__log(prefix, ...args); leaves `codemode`, `console` and
 * `__settle(v) -> Promise<string>` (the outcome as JSON: the completion
 * value called with codemode when it is a function, then awaited).
 */
export function prelude(toolNames) {
  return `(() => {
  const call = globalThis.__call, log = globalThis.__log;
  delete globalThis.__call; delete globalThis.__log;
  const names = ${JSON.stringify(toolNames)};
  const rebuild = (name, message) => {
    const C = typeof globalThis[name] === 'function' && globalThis[name].prototype instanceof Error
      ? globalThis[name] : Error;
    const e = new C(message);
    if (e.name !== name) e.name = name;
    return e;
  };
  const ns = {};
  for (const k of names) {
    ns[k] = async (...args) => {
      const r = JSON.parse(await call(k, JSON.stringify(args, (_k, x) => (x === undefined ? null : x))));
      if (r.ok) return r.v;
      throw rebuild(r.name, r.message);
    };
  }
  const known = names.join(', ');
  const codemode = new Proxy(ns, {
    get(t, k) {
      if (typeof k !== 'string' || k in t || k === 'then' || k === 'toJSON') return t[k];
      return async () => {
        await null;
        throw new Error('Tool "codemode.' + k + '" not found; the tools are: ' + known);
      };
    },
  });
  globalThis.codemode = codemode;
  const out = (p) => (...a) => log(p, ...a);
  globalThis.console = { log: out(''), info: out(''), debug: out(''), warn: out('[warn] '), error: out('[error] ') };
  globalThis.__settle = async (v) => {
    try {
      if (typeof v === 'function') v = v(codemode);
      v = await v;
      const s = JSON.stringify(v);
      return JSON.stringify({ status: 'ok', value: s === undefined ? null : JSON.parse(s) });
    } catch (e) {
      return JSON.stringify(errorOutcome(e));
    }
  };
  const errorOutcome = (e) => {
    const isErr = e !== null && typeof e === 'object';
    return { status: 'error', name: isErr ? String(e.name) : 'Error', message: isErr ? String(e.message) : String(e) };
  };
})();`;
}

/** The outcome of a script that threw before it produced a value. */
export function thrownOutcome(e) {
  const isErr = e !== null && typeof e === 'object';
  return { status: 'error', name: isErr ? String(e.name) : 'Error', message: isErr ? String(e.message) : String(e) };
}

/** p's value, or null when it has not settled within the deadline. */
export function settleWithin(p) {
  let t;
  return Promise.race([p, new Promise((r) => { t = setTimeout(() => r(null), LIMITS.timeoutMs); })])
    .finally(() => clearTimeout(t));
}
