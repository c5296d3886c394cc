// The executor against the real supervisor and sandbox (build/supervisor/
// codecell, or $CODECELL_BIN): programs of the shape codemode asks models
// for, tool errors, limits, cancellation, large values, process cleanup.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodecellExecutor } from 'codecell-codemode';
import { codecellBin, liveChildren } from './helpers.mjs';

const BIN = codecellBin();
const ex = new CodecellExecutor({ codecellPath: BIN, timeout: 20000 });

const FORECASTS = { paris: [18, 'cloudy'], tokyo: [24, 'sunny'], oslo: [6, 'rain'] };
const weather = {
  name: 'codemode',
  fns: {
    listCities: async () => Object.keys(FORECASTS).map((c) => c[0].toUpperCase() + c.slice(1)),
    getWeather: async ({ city }) => {
      const f = FORECASTS[String(city).toLowerCase()];
      if (!f) throw new Error(`unknown city: ${city}`);
      return { city, tempC: f[0], conditions: f[1] };
    },
  },
};

after(() => {
  assert.deepEqual(liveChildren(), [], 'a codecell process outlived its run');
});

test('an async arrow with several tool calls, Promise.all and logs', async () => {
  const live = [];
  const r = await ex.execute(`async () => {
    const cities = await codemode.listCities({});
    console.log(\`checking \${cities.length} cities\`);
    const reports = await Promise.all(cities.map((city) => codemode.getWeather({ city })));
    const warmest = reports.reduce((a, b) => (a.tempC >= b.tempC ? a : b));
    const rainy = reports.filter(({ conditions }) => conditions === 'rain').map((r) => r.city);
    console.warn('done');
    return { warmest: warmest.city, rainy, n: reports.length };
  }`, [weather], { onLog: (l) => live.push(l) });
  assert.equal(r.error, undefined, r.error);
  assert.deepEqual(r.result, { warmest: 'Tokyo', rainy: ['Oslo'], n: 3 });
  assert.deepEqual(r.logs, ['checking 3 cities', '[warn] done']);
  assert.deepEqual(live.map((l) => [l.level, l.message]), [['log', 'checking 3 cities'], ['warn', 'done']]);
  assert.ok(live.every((l) => typeof l.timeMs === 'number'));
});

test('TypeScript in the program, as models write it anyway', async () => {
  const r = await ex.execute(`async () => {
    interface W { city: string; tempC: number }
    const w = (await codemode.getWeather({ city: 'Paris' })) as W;
    const t: number = w.tempC;
    return t;
  }`, [weather]);
  assert.equal(r.error, undefined, r.error);
  assert.equal(r.result, 18);
});

test('a tool that throws or returns a revoked Proxy: the program gets an error, execute never throws', async () => {
  const unhandled = [];
  const onUnhandled = (e) => unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  try {
    const revoked = () => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy; };
    const r = await ex.execute(`async () => {
      const out = [];
      try { await codemode.throwsIt(); } catch (e) { out.push(e.name + ': ' + e.message); }
      try { await codemode.returnsIt(); } catch (e) { out.push(e.name); }
      return out;
    }`, [{ name: 'codemode', fns: { throwsIt: () => { throw revoked(); }, returnsIt: () => revoked() } }]);
    assert.equal(r.error, undefined, r.error);
    assert.deepEqual(r.result, ['Error: unknown value', 'TypeError']);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});

test('a tool that throws sends an error the program can catch', async () => {
  const r = await ex.execute(`async () => {
    try {
      await codemode.getWeather({ city: 'Atlantis' });
      return 'not reached';
    } catch (e) {
      return { caught: e.message, isError: e instanceof Error };
    }
  }`, [weather]);
  assert.deepEqual(r, { result: { caught: 'unknown city: Atlantis', isError: true }, logs: [] });
});

test('errors of other kinds keep their name; non-Errors their text', async () => {
  const r = await ex.execute(`async () => {
    const out = [];
    for (const t of ['range', 'str', 'obj', 'sync']) {
      try { await codemode[t](); } catch (e) { out.push(e.name + ': ' + e.message); }
    }
    return out;
  }`, [{ name: 'codemode', fns: {
    range: async () => { throw new RangeError('out of range'); },
    str: async () => { throw 'a plain string'; },
    obj: () => { throw { toString: () => 'custom' }; },
    sync: () => { throw new TypeError('thrown synchronously'); },
  } }]);
  assert.equal(r.error, undefined, r.error);
  assert.deepEqual(r.result, ['RangeError: out of range', 'Error: a plain string', 'Error: custom', 'TypeError: thrown synchronously']);
});

test('tool results of every shape: primitives answered at once, thenables adopted with one read of then', async () => {
  let thenReads = 0;
  const thenable = {};
  Object.defineProperty(thenable, 'then', { get() { thenReads++; return (res) => res({ via: 'thenable' }); } });
  const r = await ex.execute(`async () => [
    await codemode.num(), await codemode.str(), await codemode.nul(), await codemode.undef(), await codemode.bool(),
    await codemode.obj(), await codemode.prom(), await codemode.thenable(), await codemode.fn(),
  ]`, [{ name: 'codemode', fns: {
    num: () => 42, str: () => 'text', nul: () => null, undef: () => undefined, bool: () => false,
    obj: () => ({ a: [1, 2] }), prom: () => Promise.resolve('later'), thenable: () => thenable, fn: () => () => 1,
  } }]);
  assert.equal(r.error, undefined, r.error);
  assert.deepEqual(r.result, [42, 'text', null, null, false, { a: [1, 2] }, 'later', { via: 'thenable' }, null]);
  assert.equal(thenReads, 1);
});

test('an uncaught error ends the run with its message in error, logs kept', async () => {
  const r = await ex.execute(`async () => {
    console.log('about to fail');
    const w = await codemode.getWeather({ city: 'Oslo' });
    throw new Error('gave up at ' + w.tempC + 'C');
  }`, [weather]);
  assert.deepEqual(r, { result: undefined, error: 'gave up at 6C', logs: ['about to fail'] });
  const r2 = await ex.execute('async () => { null.x }', []);
  assert.match(r2.error, /^TypeError: /);
});

test('a tool that is not async, and one returning undefined', async () => {
  const r = await ex.execute('async () => [codemode.add(1, 2) instanceof Promise, await codemode.add(1, 2), await codemode.nothing()]',
    [{ name: 'codemode', fns: { add: (a, b) => a + b, nothing: () => {} } }]);
  assert.equal(r.error, undefined, r.error);
  assert.deepEqual(r.result, [true, 3, null]);
});

test('concurrent tool calls are served concurrently', async () => {
  let inFlight = 0, peak = 0;
  const r = await ex.execute('async () => (await Promise.all([1, 2, 3, 4].map((n) => codemode.slow(n)))).join(",")',
    [{ name: 'codemode', fns: { slow: async (n) => {
      inFlight++; peak = Math.max(peak, inFlight);
      await new Promise((res) => setTimeout(res, 250));
      inFlight--;
      return n * 10;
    } } }]);
  assert.equal(r.result, '10,20,30,40');
  assert.equal(peak, 4);
});

test('several providers, a prelude, and an unknown tool', async () => {
  const r = await ex.execute(`async () => {
    const v = await kv.get('k');
    const d = await codemode.twice(21);
    let missing;
    try { await codemode.nosuch(); } catch (e) { missing = e.name + ': ' + e.message; }
    return { v, d, missing };
  }`, [
    { name: 'kv', fns: { get: (k) => `value of ${k}` } },
    { name: 'codemode', fns: { dbl: (x) => x * 2 }, prelude: 'codemode.twice = function (x) { return codemode.dbl(x); };' },
  ]);
  assert.equal(r.error, undefined, r.error);
  assert.deepEqual(r.result, { v: 'value of k', d: 42,
    missing: 'Error: Tool "codemode.nosuch" not found; the tools are: dbl' });
});

test('large tool results pass; too-large ones are a catchable RangeError', async () => {
  const r = await ex.execute(`async () => {
    const big = await codemode.blob(600000);
    let err;
    try { await codemode.blob(3000000); } catch (e) { err = e.name + ': ' + e.message; }
    return { len: big.length, err };
  }`, [{ name: 'codemode', fns: { blob: (n) => 'x'.repeat(n) } }]);
  assert.equal(r.error, undefined, r.error);
  assert.equal(r.result.len, 600000);
  assert.match(r.result.err, /^RangeError: the tool result is 300\d{4} bytes, more than the 1048576-byte frame limit/);
});

test('non-ASCII text round-trips through args, results and logs', async () => {
  const r = await ex.execute('async () => { const s = await codemode.echo("héllo ✓ 🎉"); console.log(s); return s }',
    [{ name: 'codemode', fns: { echo: (s) => s + '!' } }]);
  assert.deepEqual(r, { result: 'héllo ✓ 🎉!', logs: ['héllo ✓ 🎉!'] });
});

test('the wall-clock timeout comes back as error', async () => {
  const t0 = Date.now();
  const r = await new CodecellExecutor({ codecellPath: BIN, timeout: 500 }).execute(
    'async () => { console.log("waiting"); await codemode.never(); }',
    [{ name: 'codemode', fns: { never: () => new Promise(() => {}) } }]);
  assert.match(r.error, /^timeout: /);
  assert.deepEqual(r.logs, ['waiting']);
  assert.ok(Date.now() - t0 < 5000);
});

test('a busy loop is stopped by a limit', async () => {
  const r = await new CodecellExecutor({ codecellPath: BIN, timeout: 1000, cpu: 500 }).execute('async () => { for (;;) {} }', []);
  assert.match(r.error, /^(timeout|cpu_limit): /);
});

test('the tool-call limit comes back as error', async () => {
  const r = await new CodecellExecutor({ codecellPath: BIN, maxToolCalls: 3 }).execute(
    'async () => { for (let i = 0; i < 10; i++) await codemode.tick(i); return "done" }',
    [{ name: 'codemode', fns: { tick: (i) => i } }]);
  assert.match(r.error, /^tool_call_limit: /);
});

test('the output limit comes back as error', async () => {
  const r = await new CodecellExecutor({ codecellPath: BIN, maxOutput: 10000 }).execute(
    'async () => { for (let i = 0; i < 1000; i++) console.log("line " + i + " " + "y".repeat(50)); return 1 }', []);
  assert.match(r.error, /^output_limit: /);
});

test('the memory limit comes back as error', async () => {
  const r = await new CodecellExecutor({ codecellPath: BIN, heap: '32MiB', timeout: 20000 }).execute(
    'async () => { const a = []; for (;;) a.push("z".repeat(1000) + a.length); }', []);
  assert.match(r.error, /^(memory_limit|error): /);
});

test('AbortSignal cancels a running program', async () => {
  const ac = new AbortController();
  let called;
  const started = new Promise((res) => { called = res; });
  const p = ex.execute('async () => { await codemode.hang(); return "not reached" }',
    [{ name: 'codemode', fns: { hang: () => { called(); return new Promise(() => {}); } } }], { signal: ac.signal });
  await started;
  ac.abort(new Error('user pressed stop'));
  const r = await p;
  assert.match(r.error, /^cancelled: .*user pressed stop/);
});

test('a bad policy fails at construction with codecell\'s FILE:LINE:COL; one spoiled later is a run error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-node-'));
  const bad = join(dir, 'policy.json');
  writeFileSync(bad, '{"this is": "not a policy"');
  try {
    assert.throws(() => new CodecellExecutor({ codecellPath: BIN, policy: bad }),
      (e) => e.message.startsWith(`policy ${bad} is not valid:\n${bad}:1:27: `));
    writeFileSync(bad, '{}');
    const ex2 = new CodecellExecutor({ codecellPath: BIN, policy: bad });
    writeFileSync(bad, '{"limits": {"wall": 5}}');
    const r = await ex2.execute('1', []);
    assert.match(r.error, /^codecell refused the run \(usage or configuration error\): /);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('runs in parallel do not interfere', async () => {
  const rs = await Promise.all([1, 2, 3].map((n) => ex.execute(`async () => (await codemode.id(${n})) * 2`,
    [{ name: 'codemode', fns: { id: async (x) => x } }])));
  assert.deepEqual(rs.map((r) => r.result), [2, 4, 6]);
});

test('onResult gets the full report; env reaches process.env', async () => {
  let report;
  const r = await new CodecellExecutor({ codecellPath: BIN, env: { REGION: 'eu-west' }, onResult: (x) => { report = x; } })
    .execute('async () => process.env.REGION + ":" + (await codemode.n())', [{ name: 'codemode', fns: { n: () => 1 } }]);
  assert.equal(r.error, undefined, r.error);
  assert.equal(r.result, 'eu-west:1');
  assert.equal(report.status, 'ok');
  assert.equal(report.stats.tool_calls, 1);
  assert.equal(typeof report.enforced, 'object');
});

test('a large program result arrives whole', async () => {
  const t0 = Date.now();
  const r = await new CodecellExecutor({ codecellPath: BIN, maxOutput: '8MiB', maxFrame: '8MiB' }).execute(
    'async () => { const a = []; for (let i = 0; i < 20000; i++) a.push({ i, s: "row " + i + " é✓" }); return a }', []);
  assert.equal(r.error, undefined, r.error);
  assert.equal(r.result.length, 20000);
  assert.deepEqual(r.result[19999], { i: 19999, s: 'row 19999 é✓' });
  assert.ok(Date.now() - t0 < 15000);
});

test('approvals asked by the policy go to onApproval; without one they are denied', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-node-'));
  const policy = join(dir, 'policy.json');
  writeFileSync(policy, JSON.stringify({ version: 1, tools: { allow: ['codemode.read'], ask: ['codemode.write'] } }));
  const program = `async () => {
    const out = [await codemode.read()];
    for (let i = 0; i < 2; i++) {
      try { out.push(await codemode.write(i)); } catch (e) { out.push('denied'); }
    }
    return out;
  }`;
  const fns = [{ name: 'codemode', fns: { read: () => 'r', write: (i) => `w${i}` } }];
  try {
    const asked = [];
    const yes = await new CodecellExecutor({ codecellPath: BIN, policy, onApproval: async (req) => {
      asked.push(req);
      return { allow: true, remember: true };
    } }).execute(program, fns);
    assert.equal(yes.error, undefined, yes.error);
    assert.deepEqual(yes.result, ['r', 'w0', 'w1']);
    assert.equal(asked.length, 1, 'remember: the second write is not asked again');
    assert.equal(asked[0].kind, 'tool');
    assert.deepEqual([asked[0].detail.ns, asked[0].detail.name], ['codemode', 'write']);

    const t0 = Date.now();
    const no = await new CodecellExecutor({ codecellPath: BIN, policy }).execute(program, fns);
    assert.deepEqual(no.result, ['r', 'denied', 'denied']);
    assert.ok(Date.now() - t0 < 10000, 'denied at once, not after the approval timeout');

    const thrown = await new CodecellExecutor({ codecellPath: BIN, policy, onApproval: () => { throw new Error('x'); } })
      .execute(program, fns);
    assert.deepEqual(thrown.result, ['r', 'denied', 'denied']);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test("an unref'd timer (AbortSignal.timeout) fires while a tool call is in flight", async () => {
  const r = await ex.execute(`async () => {
    const signal = AbortSignal.timeout(50);
    const t0 = Date.now();
    const aborted = new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    try { await Promise.race([codemode.slow(), aborted]); return 'tool won'; }
    catch (e) { return [e.name, Date.now() - t0 < 1500]; }
  }`, [{ name: 'codemode', fns: { slow: () => new Promise((res) => setTimeout(() => res('late'), 3000)) } }]);
  assert.equal(r.error, undefined, r.error);
  assert.deepEqual(r.result, ['TimeoutError', true]);
});
