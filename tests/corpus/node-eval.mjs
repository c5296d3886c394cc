// Runs one corpus program on node 20 the way a code-mode executor would and
// prints its outcome as one JSON line: the oracle for that program.
// Runs in: a child node process (one per program, so top-level bindings and
// tool state never leak between programs), TZ=UTC. Input: a corpus program
// (trusted test data), TypeScript erased by `typescript` from tests/node.
// Usage: node node-eval.mjs FILE
import fs from 'node:fs';
import path from 'node:path';
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import vm from 'node:vm';
import { createRequire, SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createHost } from './host.mjs';
import { shapeOf, FILENAME, outcomeOf } from './outcome.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../node/package.json'));
const ts = require('typescript');

const file = process.argv[2];
let src = fs.readFileSync(file, 'utf8');
// A fence is blanked, not removed, so line numbers stay those of the file.
src = src.replace(/^```[a-z]*[ \t]*$/gm, '');

const shape = shapeOf(ts, src);
const wrapped = shape === 'body' ? `(async () => {${src}\n})`
  : shape.startsWith('lone:') ? `${src}\n;${shape.slice(5)}` : src;
const out = ts.transpileModule(wrapped, {
  fileName: 'prog.ts',
  compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None, sourceMap: true,
    useDefineForClassFields: true },
});
const map = new SourceMap(JSON.parse(out.sourceMapText));
const js = out.outputText.replace(/\/\/# sourceMappingURL=.*$/m, '');

// node's own Console over a stream that keeps each write as one log line,
// so table, dir, group, count and assert print as node prints them. A line
// written through warn or error (assert and trace write through those) gets
// the Node client's level prefix (clients/node formatLog).
const logs = [];
let prefix = '';
const sink = new Writable({
  decodeStrings: false,
  write(chunk, _enc, done) {
    logs.push(prefix + String(chunk).replace(/\n$/, ''));
    done();
  },
});
const real = new Console({ stdout: sink, stderr: sink, colorMode: false });
const PREFIX = { warn: '[warn] ', error: '[error] ', assert: '[warn] ', trace: '[error] ' };
const captured = {};
for (const name of Object.keys(real)) {
  if (typeof real[name] !== 'function') continue;
  captured[name] = (...a) => {
    prefix = PREFIX[name] || '';
    try { return real[name](...a); } finally { prefix = ''; }
  };
}
globalThis.console = captured;

// Tool calls cross as JSON, asynchronously, and errors keep name and message,
// as they do through the Node client.
const host = createHost();
const ns = {};
for (const [name, fn] of Object.entries(host)) {
  ns[name] = async (...args) => {
    await null;
    let v;
    try {
      v = await fn(...JSON.parse(JSON.stringify(args, (_k, x) => (x === undefined ? null : x))));
    } catch (e) {
      const Ctor = typeof globalThis[e.name] === 'function' && globalThis[e.name].prototype instanceof Error
        ? globalThis[e.name] : Error;
      const err = new Ctor(e.message);
      if (err.name !== e.name) err.name = e.name;
      throw err;
    }
    return v === undefined ? null : JSON.parse(JSON.stringify(v));
  };
}
// An unknown tool rejects as codemode's executors do, naming the tools that
// exist (codecell's contract, docs/GUEST.md).
const known = Object.keys(ns);
const proxy = new Proxy(ns, {
  get(t, k) {
    if (typeof k !== 'string' || k in t || k === 'then' || k === 'toJSON') return t[k];
    return async () => {
      await null;
      throw new Error(`Tool "codemode.${k}" not found; the tools are: ${known.join(', ')}`);
    };
  },
});
globalThis.codemode = proxy;

/** The original line of the first program frame in an error's stack. */
function lineOf(err) {
  const stack = err && typeof err.stack === 'string' ? err.stack : '';
  const m = stack.match(new RegExp(`${FILENAME.replace('.', '\\.')}:(\\d+):(\\d+)`));
  if (!m) return null;
  const e = map.findEntry(Number(m[1]) - 1, Number(m[2]) - 1);
  return e && typeof e.originalLine === 'number' ? e.originalLine + 1 : null;
}

let result;
try {
  let v = vm.runInThisContext(js, { filename: FILENAME });
  if (typeof v === 'function') v = v(proxy);
  v = await v;
  result = { status: 'ok', value: v };
} catch (e) {
  result = { status: 'error', error: e, line: lineOf(e) };
}
process.stdout.write(JSON.stringify(outcomeOf(result, logs)) + '\n');
process.exit(0);
