// Differential test: the errors a program gets from codecell name what node
// (V8) names, at the line node names. Each snippet runs in node (vm) and
// through the Node client with the real sandbox; name, message and the
// first program line of the stack must agree.
// Runs in: node:test. Input: $CODECELL_BIN.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { CodecellExecutor } from 'codecell-codemode';
import { codecellBin, liveChildren } from './helpers.mjs';

const ex = new CodecellExecutor({ codecellPath: codecellBin(), timeout: 20000 });

after(() => {
  assert.deepEqual(liveChildren(), [], 'a codecell process outlived its run');
});

const FILE = 'codemode.js';
const lineOf = (stack) => {
  const m = typeof stack === 'string' && stack.match(/codemode\.js:(\d+)/);
  return m ? Number(m[1]) : null;
};
const posOf = (stack) => {
  const m = typeof stack === 'string' && stack.match(/codemode\.js:(\d+:\d+)/);
  return m ? m[1] : null;
};

/** node's outcome for an async-arrow program (same tools, answered alike). */
async function onNode(code, tools) {
  const ns = {};
  for (const [k, f] of Object.entries(tools)) {
    ns[k] = async (...a) => {
      await null;
      try { return await f(...a); } catch (e) { const E = globalThis[e.name] || Error; throw new E(e.message); }
    };
  }
  try {
    const fn = vm.runInThisContext(code, { filename: FILE });
    await fn(ns);
    return null;
  } catch (e) {
    return { name: e.name, message: e.message, line: lineOf(e.stack), pos: posOf(e.stack) };
  }
}

async function onCodecell(code, tools) {
  let report;
  await ex.execute(code, [{ name: 'codemode', fns: tools }], { onResult: (r) => { report = r; } });
  if (report.status !== 'error') return { status: report.status };
  return { name: report.error.name, message: report.error.message, line: lineOf(report.error.stack),
    pos: posOf(report.error.stack) };
}

const CASES = [
  ['member call', 'async () => {\n  const o = { a: {} };\n  o.a.f();\n}'],
  ['method on a tool result', 'async (api) => {\n  const cfg = await api.cfg();\n  const r = cfg.regions;\n  return r.mapp((x) => x);\n}'],
  ['number method', 'async (api) => {\n  const w = await api.cfg();\n  return w.n.toUpperCase();\n}'],
  ['identifier call', 'async () => {\n  const foo = 5;\n\n  foo();\n}'],
  ['string key', 'async () => {\n  const o = { a: {} };\n  o.a["x y"]();\n}'],
  ['number key', 'async () => {\n  const o = { a: {} };\n  o.a[0]();\n}'],
  ['computed key', 'async () => {\n  const o = {}, k = "z";\n  o[k]();\n}'],
  ['call result', 'async () => {\n  JSON.parse("{}").foo();\n}'],
  ['optional chain', 'async () => {\n  const o = { a: {} };\n  o?.a?.q();\n}'],
  ['optional call of a non-function', 'async () => {\n  const o = { f: 1 };\n  o.f?.();\n}'],
  ['this before super()', 'async () => {\n  class A {}\n  class B extends A {\n    constructor() {\n      this.x = 1;\n      super();\n    }\n  }\n  new B();\n}'],
  ['this', 'async () => {\n  const o = { m() { return this.nope(); } };\n  return o.m();\n}'],
  ['template literal', 'async () => {\n  `x`.nope();\n}'],
  ['not a constructor', 'async () => {\n  const o = { a: {} };\n  new o.a();\n}'],
  ['same name, other lines', 'async () => {\n  const a = [1];\n  a.map((x) => x);\n  const b = {};\n  b.map((x) => x);\n}'],
  ['read of undefined', 'async () => {\n  const cfg = {};\n  return cfg.owner.name;\n}'],
  ['read of null', 'async () => {\n  const cfg = { owner: null };\n\n  return cfg.owner.name;\n}'],
  ['undefined variable', 'async () => {\n  return usrs.length;\n}'],
  ['const assignment', 'async () => {\n  const t = 0;\n  t += 1;\n}'],
  ['JSON.parse', 'async () => {\n  return JSON.parse(\'{"a": 1, "b": [1, 2,]}\');\n}'],
  ['circular', 'async () => {\n  const a = { b: {} };\n  a.b.back = a;\n  return JSON.stringify(a);\n}'],
  ['invalid array length', 'async () => {\n  return new Array(-1);\n}'],
  ['toFixed range', 'async () => {\n  return (1.5).toFixed(101);\n}'],
  ['subclass stack starts at new', 'async () => {\n  class VErr extends Error {\n    constructor(m) {\n      super(m);\n      this.name = "VErr";\n    }\n  }\n  throw new VErr("bad");\n}'],
  ['two-level subclass', 'async () => {\n  class A extends Error {}\n  class B extends A {\n    constructor() { super("b"); }\n  }\n\n  throw new B();\n}'],
  ['rejected tool call', 'async (api) => {\n  const x = 1;\n  await api.fail({ x });\n}'],
  ['TDZ', 'async () => {\n  const { a = b, b = 1 } = {};\n  return a;\n}'],
];

const TOOLS = {
  cfg: async () => ({ regions: ['eu'], n: 3 }),
  fail: async () => { throw new TypeError('tool said no'); },
};

/* Cases whose column is compared too: calls, where V8 points at the
 * callee (codecell knows it from the compiler's call-site table). Elsewhere
 * codecell's column is the statement's. */
const COLUMNS = new Set(['member call', 'method on a tool result', 'number method', 'identifier call', 'string key',
  'number key', 'computed key', 'call result', 'optional chain', 'this', 'template literal', 'not a constructor',
  'same name, other lines']);

for (const [name, code] of CASES) {
  test(`error: ${name}`, async () => {
    const want = await onNode(code, TOOLS);
    assert.ok(want, 'node threw');
    const got = await onCodecell(code, TOOLS);
    if (!COLUMNS.has(name)) {
      delete want.pos;
      delete got.pos;
    }
    assert.deepEqual(got, want);
  });
}
