// The executor's side of the host protocol, against fake-codecell.mjs: what
// the real supervisor never does on purpose (broken lines, dying without a
// result, ignoring a cancel, lingering) and exact option -> argv mapping.
// The same behaviours with the real sandbox are in executor-real.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveChildren } from './helpers.mjs';
import { CodecellExecutor, buildArgs, sanitizeToolName, formatRunError, unwrapNormalizedArrow } from 'codecell-codemode';

const FAKE = fileURLToPath(new URL('./fake-codecell.mjs', import.meta.url));

function withMode(mode, fn) {
  return async () => {
    const prev = process.env.FAKE_CODECELL_MODE;
    process.env.FAKE_CODECELL_MODE = mode;
    try {
      return await fn();
    } finally {
      if (prev === undefined) delete process.env.FAKE_CODECELL_MODE;
      else process.env.FAKE_CODECELL_MODE = prev;
    }
  };
}

const ex = new CodecellExecutor({ codecellPath: FAKE, killGraceMs: 300 });

test('options map to codecell run arguments', () => {
  assert.deepEqual(buildArgs({}), ['run', '--host']);
  assert.deepEqual(buildArgs({
    policy: '/p.json', timeout: 1500, cpu: 200, memory: '256MiB', heap: 64 << 20, maxOutput: 4096,
    maxToolCalls: 0, maxFrame: '2MiB', cgroup: 'off', workspace: '/tmp/ws', filename: 'x.js',
  }), ['run', '--host', '--policy', '/p.json', '--timeout', '1500ms', '--cpu', '200ms', '--memory', '256MiB',
    '--heap', `${64 << 20}B`, '--max-output', '4096B', '--max-tool-calls', '0', '--max-frame', '2MiB',
    '--cgroup', 'off', '--workspace', '/tmp/ws', '--filename', 'x.js']);
  assert.throws(() => buildArgs({ timeout: -1 }), /timeout must be a positive integer/);
  assert.throws(() => buildArgs({ timeout: 1.5 }), /timeout must be a positive integer/);
  assert.throws(() => buildArgs({ memory: '12 parsecs' }), /memory must be a positive integer/);
  assert.throws(() => buildArgs({ cgroup: 'maybe' }), /cgroup must be/);
  assert.throws(() => new CodecellExecutor({ maxToolCalls: -3 }), /maxToolCalls/);
  assert.throws(() => new CodecellExecutor({ onLog: 'yes' }), /onLog must be a function/);
});

test('the spawned argv is exactly the mapped options', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-node-'));
  const file = join(dir, 'argv.json');
  process.env.FAKE_CODECELL_ARGV = file;
  try {
    const r = await new CodecellExecutor({ codecellPath: FAKE, timeout: 4000, workspace: dir }).execute('async () => 1', []);
    assert.equal(r.error, undefined);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), ['run', '--host', '--timeout', '4000ms', '--workspace', dir]);
  } finally {
    delete process.env.FAKE_CODECELL_ARGV;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tool names are sanitised as codemode does', () => {
  assert.equal(sanitizeToolName('get-weather'), 'get_weather');
  assert.equal(sanitizeToolName('a.b c'), 'a_b_c');
  assert.equal(sanitizeToolName('3d'), '_3d');
  assert.equal(sanitizeToolName('delete'), 'delete_');
  assert.equal(sanitizeToolName('$%^'), '$');
  assert.equal(sanitizeToolName(''), '_');
});

test('codemode\'s wrapper around an unparsed arrow is taken off, nothing else', () => {
  const ts = 'async (): Promise<number> => { const x: number = 1; return x }';
  assert.equal(unwrapNormalizedArrow(`async () => {\n${ts}\n}`), ts);
  assert.equal(unwrapNormalizedArrow(`async () => {\n  ${ts}  \n}`), ts);
  const stmts = 'async () => {\nconst x: number = 1;\nreturn x;\n}';
  assert.equal(unwrapNormalizedArrow(stmts), stmts);
  const fnexpr = 'async () => {\nasync function () {}\n}';
  assert.equal(unwrapNormalizedArrow(fnexpr), fnexpr);
  assert.equal(unwrapNormalizedArrow(ts), ts);
  // a lone TypeScript function is handed over for the guest to call; a
  // function followed by more code keeps codemode's wrapper
  const lone = 'async function run(): Promise<string> {\n  const s = "}{";\n  return `${s}`; // }\n}';
  assert.equal(unwrapNormalizedArrow(`async () => {\n${lone}\n}`), lone);
  const more = `async () => {\nfunction f(): number { return 1 }\nf();\n}`;
  assert.equal(unwrapNormalizedArrow(more), more);
});

test('error strings name the status', () => {
  assert.equal(formatRunError('error', { name: 'Error', message: 'boom' }), 'boom');
  assert.equal(formatRunError('error', { name: 'TypeError', message: 'x is not a function' }), 'TypeError: x is not a function');
  assert.equal(formatRunError('error', { name: 'SyntaxError', message: 'SyntaxError: bad token' }), 'SyntaxError: bad token');
  assert.equal(formatRunError('timeout', { name: 'TimeoutError', message: 'too slow' }), 'timeout: too slow');
  assert.equal(formatRunError('memory_limit', null), 'memory_limit: the run did not finish');
});

test('bad providers are refused with codemode\'s messages, without spawning', async () => {
  const nope = new CodecellExecutor({ codecellPath: FAKE });
  assert.match((await nope.execute('1', [{ name: 'not-valid', fns: {} }])).error, /not a valid JavaScript identifier/);
  assert.match((await nope.execute('1', [{ name: 'console', fns: {} }])).error, /reserved/);
  assert.match((await nope.execute('1', [{ name: 'a', fns: {} }, { name: 'a', fns: {} }])).error, /Duplicate provider name "a"/);
  assert.match((await nope.execute('1', [{ name: 'a', fns: { 'x-y': async () => 1, x_y: async () => 2 } }])).error,
    /both sanitize to "x_y"/);
  assert.match((await nope.execute('1', [{ name: 'a', fns: { x: 42 } }])).error, /not a function/);
  assert.match((await nope.execute(42, [])).error, /code must be a string/);
  assert.match((await nope.execute('1', [], { connectors: [{ name: 'c', binding: {} }] })).error, /connectors are not supported/);
});

test('configuration errors throw at construction, naming the fix', () => {
  assert.throws(() => new CodecellExecutor({ codecellPath: '/nonexistent/codecell' }),
    /codecell binary "\/nonexistent\/codecell" not found; set the codecellPath option or \$CODECELL_BIN/);
  assert.throws(() => new CodecellExecutor({ binary: FAKE }), /unknown option "binary"; did you mean "codecellPath"\?/);
  assert.throws(() => new CodecellExecutor({ codecellPath: FAKE, timout: 5 }), /unknown option "timout"; did you mean "timeout"\?/);
  assert.throws(() => new CodecellExecutor({ codecellPath: FAKE, frobnicate: 1 }), /unknown option "frobnicate" \(options: /);
  assert.throws(() => new CodecellExecutor({ codecellPath: '/bin/true' }), /does not look like codecell/);
});

test('a client and a binary of different protocol versions refuse each other', () => {
  process.env.FAKE_CODECELL_PROTOCOL = '2';
  try {
    assert.throws(() => new CodecellExecutor({ codecellPath: FAKE }), /speaks host protocol v2, this client speaks v1/);
  } finally {
    delete process.env.FAKE_CODECELL_PROTOCOL;
  }
});

test('an invalid policy file throws at construction with its problems', () => {
  process.env.FAKE_CODECELL_POLICY_ERROR = 'p.jsonc:3:3: unknown key "limit" in the policy; did you mean "limits"?';
  try {
    assert.throws(() => new CodecellExecutor({ codecellPath: FAKE, policy: 'p.jsonc' }),
      /policy p.jsonc is not valid:\np.jsonc:3:3: unknown key "limit"/);
  } finally {
    delete process.env.FAKE_CODECELL_POLICY_ERROR;
  }
});

test('a binary gone after construction is an error from execute, not a throw', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'codecell-bin-'));
  const bin = join(dir, 'codecell');
  copyFileSync(FAKE, bin);
  chmodSync(bin, 0o755);
  const ex2 = new CodecellExecutor({ codecellPath: bin });
  rmSync(dir, { recursive: true });
  const r = await ex2.execute('1', []);
  assert.equal(r.result, undefined);
  assert.match(r.error, /not found; set the codecellPath option or \$CODECELL_BIN/);
});

test('the old plain-map shape and positional arguments', async () => {
  const seen = [];
  const r = await ex.execute('async () => await codemode.add(2, 3, { x: [1] })', {
    add: async (...args) => { seen.push(args); return args[0] + args[1]; },
  });
  assert.deepEqual(r, { result: 5, logs: [] });
  assert.deepEqual(seen, [[2, 3, { x: [1] }]]);
});

test('not-async tools, throwing non-Errors, non-JSON results', async () => {
  const r = await ex.execute(`async () => {
    const out = { sync: await codemode.sync(1) };
    try { await codemode.throwsString(); } catch (e) { out.s = e.message; }
    try { await codemode.throwsObject(); } catch (e) { out.o = e.message; }
    try { await codemode.throwsSync(); } catch (e) { out.t = e.name + ': ' + e.message; }
    try { await codemode.bigint(); } catch (e) { out.b = e.name + ': ' + e.message; }
    try { await codemode.cycle(); } catch (e) { out.c = e.name; }
    out.u = await codemode.undef();
    return out;
  }`, [{ name: 'codemode', fns: {
    sync: (x) => x + 1,
    throwsString: () => { throw 'plain string'; },
    throwsObject: async () => { throw { toString() { return 'custom object'; } }; },
    throwsSync: () => { throw new RangeError('too far'); },
    bigint: () => 10n,
    cycle: () => { const a = {}; a.a = a; return a; },
    undef: () => undefined,
  } }]);
  assert.equal(r.error, undefined, r.error);
  assert.deepEqual(r.result, {
    sync: 2, s: 'plain string', o: 'custom object', t: 'RangeError: too far',
    b: 'TypeError: the tool result is not JSON-serialisable: Do not know how to serialize a BigInt',
    c: 'TypeError', u: null,
  });
});

test('a tool result above the frame limit becomes a catchable RangeError', async () => {
  const small = new CodecellExecutor({ codecellPath: FAKE, maxFrame: '64KiB' });
  const r = await small.execute(`async () => {
    try { await codemode.big(); return 'no'; } catch (e) { return e.name + ': ' + e.message; }
  }`, [{ name: 'codemode', fns: { big: () => 'x'.repeat(100000) } }]);
  assert.match(r.result, /^RangeError: the tool result is 1000\d\d bytes, more than the 65536-byte frame limit/);
});

test('concurrent tool calls are served concurrently', async () => {
  let inFlight = 0, peak = 0;
  const slow = async (ms, v) => {
    inFlight++; peak = Math.max(peak, inFlight);
    await new Promise((r) => setTimeout(r, ms));
    inFlight--;
    return v;
  };
  const r = await ex.execute('async () => Promise.all([codemode.slow(300, 1), codemode.slow(300, 2), codemode.slow(300, 3)])',
    [{ name: 'codemode', fns: { slow } }]);
  assert.deepEqual(r.result, [1, 2, 3]);
  // All three in flight at once is the behaviour; a wall-clock bound
  // added nothing to it and failed on a loaded machine.
  assert.equal(peak, 3);
});

test('logs are collected as codemode formats them and streamed to onLog', async () => {
  const live = [];
  const r = await ex.execute('async () => { console.log("a", 1); console.warn("w"); console.error("e"); console.info("i"); return 0 }',
    [], { onLog: (l) => { live.push(`${l.level}:${l.message}`); throw new Error('a broken onLog is ignored'); } });
  assert.deepEqual(r, { result: 0, logs: ['a 1', '[warn] w', '[error] e', 'i'] });
  assert.deepEqual(live, ['log:a 1', 'warn:w', 'error:e', 'info:i']);
});

test('providers get their own namespaces and preludes', async () => {
  const r = await ex.execute('async () => [await db.get("k"), await codemode.twice(4)]', [
    { name: 'db', fns: { get: (k) => `v:${k}` } },
    { name: 'codemode', fns: { dbl: (x) => x * 2 }, prelude: 'codemode.twice = (x) => codemode.dbl(x)' },
  ]);
  assert.deepEqual(r.result, ['v:k', 8]);
});

test('program errors and timeouts come back in error', async () => {
  const r1 = await ex.execute('async () => { console.log("before"); throw new Error("boom") }', []);
  assert.deepEqual(r1, { result: undefined, error: 'boom', logs: ['before'] });
  const r2 = await new CodecellExecutor({ codecellPath: FAKE, timeout: 200 }).execute('async () => new Promise(() => {})', []);
  assert.match(r2.error, /^timeout: the program timed out: it ran longer than the 200 ms/);
});

test('abort sends cancel; the supervisor\'s cancelled result is returned', async () => {
  const ac = new AbortController();
  const p = ex.execute('async () => codemode.wait()', [{ name: 'codemode', fns: { wait: () => new Promise(() => {}) } }], { signal: ac.signal });
  setTimeout(() => ac.abort(new Error('user pressed stop')), 200);
  const r = await p;
  assert.equal(r.error, 'cancelled: the host cancelled the run: user pressed stop');
  const pre = await ex.execute('1', [], { signal: AbortSignal.abort() });
  assert.match(pre.error, /^cancelled: .*before the run started/);
});

test('a supervisor that ignores cancel is killed after the grace period', withMode('ignore-cancel', async () => {
  const ac = new AbortController();
  const t0 = Date.now();
  setTimeout(() => ac.abort(), 100);
  const r = await ex.execute('async () => 1', [], { signal: ac.signal });
  assert.equal(r.error, 'cancelled: This operation was aborted');
  assert.ok(Date.now() - t0 < 2000);
  assert.deepEqual(liveChildren(), []);
}));

test('output that is not the protocol ends the run with an error', withMode('garbage', async () => {
  const r = await ex.execute('1', []);
  assert.match(r.error, /^protocol_error: codecell sent a line that is not JSON: this is not json/);
  assert.deepEqual(liveChildren(), []);
}));

test('a supervisor that dies without a result reports its stderr', withMode('die', async () => {
  const r = await ex.execute('1', []);
  assert.equal(r.error, 'sandbox_error: codecell exited with code 4 without a result: fake-codecell: guest died: SIGSYS');
}));

test('a usage error (exit 2) is reported as such', withMode('usage', async () => {
  const r = await ex.execute('1', []);
  assert.match(r.error, /^codecell refused the run \(usage or configuration error\): codecell: invalid duration/);
}));

test('a result split across reads, inside UTF-8 sequences, is reassembled', withMode('split', async () => {
  const r = await ex.execute('async () => "héllo ✓ 🎉"', []);
  assert.equal(r.result, 'héllo ✓ 🎉');
}));

test('a supervisor that lingers after its result is killed, the result kept', withMode('linger', async () => {
  const r = await ex.execute('async () => 7', []);
  assert.deepEqual(r, { result: 7, logs: [] });
  assert.deepEqual(liveChildren(), []);
}));

test('a host watchdog stops a supervisor that never answers', withMode('ignore-cancel', async () => {
  const t0 = Date.now();
  const r = await new CodecellExecutor({ codecellPath: FAKE, timeout: 100, killGraceMs: 200 }).execute('1', []);
  assert.match(r.error, /^timeout: codecell did not finish within 5100 ms/);
  assert.ok(Date.now() - t0 < 7000);
  assert.deepEqual(liveChildren(), []);
}));

test('a call to a tool the host does not have is answered with an error', withMode('unknown-tool', async () => {
  const r = await ex.execute('1', [{ name: 'codemode', fns: { real: () => 1 } }]);
  assert.deepEqual(r, { result: 'Error: Tool "codemode.ghost" not found', logs: [] });
}));
