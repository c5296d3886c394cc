// The executor contract of @cloudflare/codemode, as its own executor tests
// state it (cloudflare/agents, packages/codemode/src/tests/executor.test.ts:
// DynamicWorkerExecutor, ToolDispatcher, providers, preludes), rewritten
// here for an out-of-process executor and run against CodecellExecutor and
// the real sandbox. Each test names the codemode test it stands for.
// Left out, because they do not apply to a process boundary that carries
// JSON: the binary codec tests (Uint8Array/ArrayBuffer arguments and results
// cross as JSON, docs/GUEST.md), custom importable modules and the
// executor.js override (a codecell program is one script), and the
// __connectors / __dispatchers / __stringifyForCodemode names (codecell's own
// reserved globals are tested instead).
// Runs in: node:test. Input: $CODECELL_BIN.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { CodecellExecutor } from 'codecell-codemode';
import { codecellBin, liveChildren } from './helpers.mjs';

const ex = new CodecellExecutor({ codecellPath: codecellBin(), timeout: 20000 });
const codemode = (fns) => ({ name: 'codemode', fns });

/** A recording stand-in for vitest's vi.fn(). */
function spy(impl) {
  const f = async (...args) => {
    f.calls.push(args);
    return impl(...args);
  };
  f.calls = [];
  return f;
}

after(() => {
  assert.deepEqual(liveChildren(), [], 'a codecell process outlived its run');
});

// DynamicWorkerExecutor ------------------------------------------------------

test('executes simple code that returns a value', async () => {
  const r = await ex.execute('async () => 42', [codemode({})]);
  assert.equal(r.result, 42);
  assert.equal(r.error, undefined);
});

test('calls tool functions via the namespace', async () => {
  const add = spy(({ a, b }) => a + b);
  const r = await ex.execute('async () => await codemode.add({ a: 3, b: 4 })', [codemode({ add })]);
  assert.equal(r.result, 7);
  assert.deepEqual(add.calls, [[{ a: 3, b: 4 }]]);
});

test('handles multiple sequential tool calls', async () => {
  const getWeather = spy(() => ({ temp: 72 }));
  const searchWeb = spy(({ query }) => ({ results: [`news about ${query}`] }));
  const r = await ex.execute(`async () => {
    const weather = await codemode.getWeather({});
    const news = await codemode.searchWeb({ query: "temp " + weather.temp });
    return { weather, news };
  }`, [codemode({ getWeather, searchWeb })]);
  assert.deepEqual(r.result, { weather: { temp: 72 }, news: { results: ['news about temp 72'] } });
  assert.equal(getWeather.calls.length, 1);
  assert.equal(searchWeb.calls.length, 1);
});

test('a clear error for provider names that shadow harness globals', async () => {
  for (const name of ['Promise', 'setTimeout', 'Error', 'console', '__cc']) {
    const r = await ex.execute('async () => 42', [{ name, fns: {} }]);
    assert.equal(r.error, `Provider name "${name}" is reserved`);
  }
});

test('returns the error when code throws', async () => {
  const r = await ex.execute('async () => { throw new Error("boom"); }', [codemode({})]);
  assert.equal(r.error, 'boom');
});

test('returns the error when a tool function throws', async () => {
  const fail = spy(() => { throw new Error('tool error'); });
  const r = await ex.execute('async () => await codemode.fail({})', [codemode({ fail })]);
  assert.equal(r.error, 'tool error');
});

test('handles concurrent tool calls via Promise.all', async () => {
  const slow = async ({ id }) => {
    await new Promise((res) => setTimeout(res, 20 * (4 - id)));
    return { id };
  };
  const r = await ex.execute(`async () => {
    const [a, b, c] = await Promise.all([codemode.slow({ id: 1 }), codemode.slow({ id: 2 }), codemode.slow({ id: 3 })]);
    return [a, b, c];
  }`, [codemode({ slow })]);
  assert.deepEqual(r.result, [{ id: 1 }, { id: 2 }, { id: 3 }]);
});

test('captures console output as codemode formats it', async () => {
  const r = await ex.execute('async () => { console.log("hello"); console.warn("careful"); return "done"; }', [codemode({})]);
  assert.equal(r.result, 'done');
  assert.ok(r.logs.includes('hello'));
  assert.ok(r.logs.includes('[warn] careful'));
});

test('handles code containing backticks and template literals', async () => {
  const r = await ex.execute('async () => { return `hello ${"world"}`; }', [codemode({})]);
  assert.equal(r.result, 'hello world');
});

test('blocks external fetch by default', async () => {
  const r = await ex.execute('async () => { const r = await fetch("https://example.com"); return r.status; }', [codemode({})]);
  assert.notEqual(r.error, undefined);
});

test('preserves closures in tool functions', async () => {
  const secret = 'api-key-123';
  const r = await ex.execute('async () => await codemode.getSecret({})', [codemode({ getSecret: async () => ({ key: secret }) })]);
  assert.deepEqual(r.result, { key: 'api-key-123' });
});

test('runs fenced code (fences stripped, the expression is the result)', async () => {
  const r = await ex.execute('```js\n1 + 1\n```', [codemode({})]);
  assert.equal(r.result, 2);
  assert.equal(r.error, undefined);
});

test('a bare expression is the result', async () => {
  const r = await ex.execute('42', [codemode({})]);
  assert.equal(r.result, 42);
  assert.equal(r.error, undefined);
});

test('works with an empty providers array', async () => {
  const r = await ex.execute('async () => 42', []);
  assert.equal(r.result, 42);
  assert.equal(r.error, undefined);
});

test('runs pre-sanitised tool names', async () => {
  const listIssues = spy(() => [{ id: 1, title: 'bug' }]);
  const r = await ex.execute('async () => await codemode.github_list_issues({})', [codemode({ github_list_issues: listIssues })]);
  assert.deepEqual(r.result, [{ id: 1, title: 'bug' }]);
  assert.deepEqual(listIssues.calls, [[{}]]);
});

test('a timeout says "timed out"', async () => {
  const short = new CodecellExecutor({ codecellPath: codecellBin(), timeout: 300 });
  const r = await short.execute("async () => { await new Promise(r => setTimeout(r, 5000)); return 'done'; }", [codemode({})]);
  assert.match(r.error, /timed out/);
});

test('a CPU limit says "timed out" too', async () => {
  const short = new CodecellExecutor({ codecellPath: codecellBin(), timeout: 10000, cpu: 300 });
  const r = await short.execute('async () => { for (;;) {} }', [codemode({})]);
  assert.match(r.error, /^cpu_limit: .*timed out/);
});

// ToolDispatcher -------------------------------------------------------------

test('an unknown tool is an error that names it and the tools that exist', async () => {
  const r = await ex.execute('async () => await codemode.nonexistent({})', [codemode({ a: async () => 1, b: async () => 2 })]);
  assert.equal(r.error, 'Tool "codemode.nonexistent" not found; the tools are: a, b');
});

test('an unknown tool can be caught, and nothing reaches the host', async () => {
  const a = spy(() => 1);
  const r = await ex.execute(`async () => {
    try { await codemode.nope(1); } catch (e) { return [e.name, e.message, typeof codemode.nope, 'then' in codemode]; }
  }`, [codemode({ a })]);
  assert.deepEqual(r.result, ['Error', 'Tool "codemode.nope" not found; the tools are: a', 'function', false]);
  assert.equal(a.calls.length, 0);
});

test('omitted arguments reach the tool as no arguments', async () => {
  const noArgs = spy((...args) => args);
  const r = await ex.execute('async () => await codemode.noArgs()', [codemode({ noArgs })]);
  assert.deepEqual(r.result, []);
  assert.deepEqual(noArgs.calls, [[]]);
});

// Code shapes codemode's normalizeCode hands over ----------------------------

test('a lone named async function is called', async () => {
  const r = await ex.execute('async function run() {\n  return await codemode.add({ a: 1, b: 2 });\n}', [codemode({ add: async ({ a, b }) => a + b })]);
  assert.equal(r.result, 3);
  assert.equal(r.error, undefined);
});

test('a lone named function in a TypeScript fence is called', async () => {
  const r = await ex.execute('```ts\nasync function main(): Promise<string> {\n  const n: number = 2;\n  return `n=${n}`;\n}\n```', [codemode({})]);
  assert.equal(r.result, 'n=2');
});

test('a thrown error in a lone function reports its line', async () => {
  let report;
  const r = await ex.execute('async function run() {\n  const x = 1;\n  throw new RangeError("bad " + x);\n}', [codemode({})],
    { onResult: (rep) => { report = rep; } });
  assert.equal(r.error, 'RangeError: bad 1');
  assert.match(report.error.stack, /codemode\.js:3:/);
});

// Multiple providers ---------------------------------------------------------

test('exposes tools under a named provider namespace', async () => {
  const echo = spy(({ msg }) => ({ echoed: msg }));
  const r = await ex.execute('async () => await myns.echo({ msg: "hello" })', [{ name: 'myns', fns: { echo } }]);
  assert.equal(r.error, undefined);
  assert.deepEqual(r.result, { echoed: 'hello' });
  assert.deepEqual(echo.calls, [[{ msg: 'hello' }]]);
});

test('multiple providers each get their own namespace', async () => {
  const storeGet = spy(() => ({ from: 'store' }));
  const cacheGet = spy(() => ({ from: 'cache' }));
  const r = await ex.execute(`async () => {
    const a = await store.get({});
    const b = await cache.get({});
    return { a, b };
  }`, [{ name: 'store', fns: { get: storeGet } }, { name: 'cache', fns: { get: cacheGet } }]);
  assert.equal(r.error, undefined);
  assert.deepEqual(r.result, { a: { from: 'store' }, b: { from: 'cache' } });
  assert.equal(storeGet.calls.length, 1);
  assert.equal(cacheGet.calls.length, 1);
});

test('a named provider and codemode.* coexist', async () => {
  const add = spy(({ a, b }) => a + b);
  const ping = spy(({ msg }) => ({ echoed: msg }));
  const r = await ex.execute(`async () => {
    const sum = await codemode.add({ a: 3, b: 4 });
    const pong = await echo.ping({ msg: sum });
    return { sum, pong };
  }`, [{ name: 'codemode', fns: { add } }, { name: 'echo', fns: { ping } }]);
  assert.equal(r.error, undefined);
  assert.deepEqual(r.result, { sum: 7, pong: { echoed: 7 } });
  assert.deepEqual(add.calls, [[{ a: 3, b: 4 }]]);
});

test('provider errors propagate as program errors', async () => {
  const r = await ex.execute('async () => await broken.doSomething({})',
    [{ name: 'broken', fns: { doSomething: async () => { throw new Error('provider failed'); } } }]);
  assert.equal(r.error, 'provider failed');
});

test('an unknown tool in a named provider names that provider', async () => {
  const r = await ex.execute('async () => await store.put({})', [{ name: 'store', fns: { get: async () => 1 } }]);
  assert.equal(r.error, 'Tool "store.put" not found; the tools are: get');
});

test('rejects duplicate provider names', async () => {
  const r = await ex.execute('async () => 1', [{ name: 'dup', fns: {} }, { name: 'dup', fns: {} }]);
  assert.match(r.error, /Duplicate/);
});

test('rejects sanitised tool name collisions', async () => {
  const r = await ex.execute('async () => 1', [{ name: 'codemode', fns: { 'foo-bar': async () => 'h', foo_bar: async () => 'u' } }]);
  assert.match(r.error, /both sanitize to/);
});

// Provider prelude -------------------------------------------------------------

const STEP = String.raw`
  codemode.step = async (seq, fn) => {
    const d = await codemode.decide(seq);
    if (d.kind === "replay") return d.result;
    const value = await fn();
    await codemode.record(value);
    return value;
  };`;

test('a prelude defines an own function next to the tools', async () => {
  const decide = spy((seq) => ({ kind: 'execute', seq: Number(seq) }));
  const record = spy(() => true);
  const r = await ex.execute(`async () => {
    let ran = 0;
    const v = await codemode.step(0, async () => { ran++; return 21 * 2; });
    return { v, ran };
  }`, [{ name: 'codemode', fns: { decide, record }, prelude: STEP }]);
  assert.equal(r.error, undefined);
  assert.deepEqual(r.result, { v: 42, ran: 1 });
  assert.deepEqual(decide.calls, [[0]]);
  assert.deepEqual(record.calls, [[42]]);
});

test('a prelude step replays without running the closure', async () => {
  const r = await ex.execute(`async () => {
    let ran = false;
    const v = await codemode.step(0, async () => { ran = true; return "fresh"; });
    return { v, ran };
  }`, [{ name: 'codemode', fns: { decide: async () => ({ kind: 'replay', result: 'cached' }), record: async () => true }, prelude: STEP }]);
  assert.equal(r.error, undefined);
  assert.deepEqual(r.result, { v: 'cached', ran: false });
});
