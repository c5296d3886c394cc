// The executor in socket mode: { socket } sends every execution over one
// connection to a real `codecell serve` (started here), many at once, each
// with its own tools; limits, statuses, cancellation and a lost server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodecellExecutor, buildServeLimits } from 'codecell-codemode';
import { codecellBin } from './helpers.mjs';

const BIN = codecellBin();
const dir = mkdtempSync(join(tmpdir(), 'cc-node-serve-'));
const SOCK = join(dir, 'cc.sock');
let server;

function until(cond, ms) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const tick = () => cond().then((v) => (v ? resolve() : Date.now() - t0 > ms ? reject(new Error('timed out')) : setTimeout(tick, 50)));
    tick();
  });
}

const accepts = () => new Promise((resolve) => {
  if (!existsSync(SOCK)) return resolve(false);
  const s = connect(SOCK, () => { s.destroy(); resolve(true); });
  s.on('error', () => resolve(false));
});

before(async () => {
  server = spawn(BIN, ['serve', '--socket', SOCK, '--pool', '2', '--max-runs', '6'], { stdio: ['ignore', 'ignore', 'inherit'] });
  await until(accepts, 30000);
});

after(async () => {
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  rmSync(dir, { recursive: true, force: true });
});

test('many concurrent executions share one connection, each with its own tools', async () => {
  const ex = new CodecellExecutor({ socket: SOCK, timeout: 20000 });
  const runs = Array.from({ length: 12 }, (_, i) => ex.execute(`async () => {
    const a = await codemode.mine({ k: ${i} });
    const [b, c] = await Promise.all([codemode.mine({ k: a }), codemode.mine({ k: ${i} })]);
    console.log('run', ${i});
    return [a, b, c];
  }`, [{ name: 'codemode', fns: { mine: async ({ k }) => k * 10 + i } }]));
  const out = await Promise.all(runs);
  out.forEach((r, i) => {
    assert.equal(r.error, undefined, r.error);
    assert.deepEqual(r.result, [i * 10 + i, (i * 10 + i) * 10 + i, i * 10 + i]);
    assert.deepEqual(r.logs, [`run ${i}`]);
  });
  ex.close();
});

test('statuses and limits as with a spawned codecell run', async () => {
  const ex = new CodecellExecutor({ socket: SOCK });
  const thrown = await ex.execute('async () => { throw new TypeError("bad") }', []);
  assert.equal(thrown.error, 'TypeError: bad');
  const slow = await ex.execute('async () => { for (;;) {} }', [], { timeout: 300 });
  assert.match(slow.error, /^timeout: /);
  const calls = await ex.execute('async () => { for (let i = 0; i < 5; i++) await codemode.t({}); }',
    [{ name: 'codemode', fns: { t: async () => 1 } }], { maxToolCalls: 2 });
  assert.match(calls.error, /^tool_call_limit: /);
  const raised = await ex.execute('async () => 1', [], { timeout: 3_600_000 });
  assert.match(raised.error, /^sandbox_error: .*may only lower/);
  const pol = await ex.execute('async () => 1', [], { policyName: 'nosuch' });
  assert.match(pol.error, /no policy named 'nosuch'/);
  ex.close();
});

test('abort cancels one execution, the others go on', async () => {
  const ex = new CodecellExecutor({ socket: SOCK });
  const ac = new AbortController();
  let release;
  const gate = new Promise((r) => { release = r; });
  const held = ex.execute('async () => await codemode.wait({})', [{ name: 'codemode', fns: { wait: () => gate } }]);
  const stopped = ex.execute('async () => { await codemode.hang({}); return 1 }',
    [{ name: 'codemode', fns: { hang: () => new Promise(() => {}) } }], { signal: ac.signal });
  setTimeout(() => ac.abort(new Error('user stop')), 200);
  const s = await stopped;
  assert.match(s.error, /^cancelled: /);
  release('done');
  const h = await held;
  assert.equal(h.result, 'done', h.error);
  ex.close();
});

test('socket-mode options are checked at construction', () => {
  assert.throws(() => new CodecellExecutor({ socket: SOCK, policy: '/x.json' }), /server's operator sets it/);
  assert.throws(() => new CodecellExecutor({ policyName: 'x' }), /give "socket" too/);
  assert.deepEqual(buildServeLimits({ timeout: 500, memory: '64MiB', maxToolCalls: 3 }),
    { wall: '500ms', memory: '64MiB', tool_calls: '3' });
});

test('no server at the path: a clear error, no throw', async () => {
  const ex = new CodecellExecutor({ socket: join(dir, 'nobody.sock') });
  const r = await ex.execute('async () => 1', []);
  assert.match(r.error, /^sandbox_error: no codecell serve is listening on .*nobody\.sock/);
});
