#!/usr/bin/env node
// A stand-in for `codecell run --host` that speaks the same NDJSON host
// protocol (docs/PROTOCOL.md section 2) but runs the program in a node:vm
// context, with no sandbox at all. Runs in: the test process's child, for
// the executor's protocol tests only. Input: the executor's argv and stdin.
//
// It exists for what the real supervisor never does on purpose: broken
// lines, dying without a result, ignoring a cancel, lingering after the
// result (chosen with FAKE_CODECELL_MODE). It also records its argv
// (FAKE_CODECELL_ARGV=file) so option mapping can be checked exactly.
import { writeFileSync } from 'node:fs';
import vm from 'node:vm';

const mode = process.env.FAKE_CODECELL_MODE ?? '';
const t0 = Date.now();
const out = (msg) => process.stdout.write(JSON.stringify({ v: 1, ...msg }) + '\n');

const argv = process.argv.slice(2);
if (process.env.FAKE_CODECELL_ARGV) writeFileSync(process.env.FAKE_CODECELL_ARGV, JSON.stringify(argv));
if (argv[0] === 'version') {
  process.stdout.write(`codecell 0.0.0-fake (host protocol v${process.env.FAKE_CODECELL_PROTOCOL ?? 1})\n`);
  process.exit(0);
}
if (argv[0] === 'policy' && argv[1] === 'check') {
  const e = process.env.FAKE_CODECELL_POLICY_ERROR;
  if (e) process.stderr.write(e + '\n');
  process.exit(e ? 1 : 0);
}
if (argv[0] !== 'run' || !argv.includes('--host')) {
  process.stderr.write('fake-codecell: only "run --host" is supported\n');
  process.exit(2);
}
if (mode === 'usage') {
  process.stderr.write("codecell: invalid duration 'x' (use e.g. 500ms, 5s, 2m)\n");
  process.exit(2);
}
let timeoutMs = 5000;
const ti = argv.indexOf('--timeout');
if (ti >= 0) timeoutMs = parseInt(argv[ti + 1], 10);

const EXIT = { ok: 0, error: 1, timeout: 3, tool_call_limit: 3, cancelled: 6, sandbox_error: 4 };
let finished = false;
let toolCalls = 0;
function finish(status, value, error) {
  if (finished) return;
  finished = true;
  const msg = { type: 'result', status, value: value === undefined ? null : value, error: error ?? null,
    stats: { wall_ms: Date.now() - t0, cpu_ms: 0, memory_peak_bytes: 0, tool_calls: toolCalls, output_bytes: 0 },
    enforced: { namespaces: [], seccomp: false, no_new_privs: false, capabilities: 'all', cgroup: 'none', degraded: ['fake'] } };
  const line = JSON.stringify({ v: 1, ...msg }) + '\n';
  if (mode === 'split') {
    // Byte by byte: the reader must join chunks, even inside a UTF-8 sequence.
    const b = Buffer.from(line);
    let i = 0;
    const step = () => {
      if (i >= b.length) return done(status);
      process.stdout.write(b.subarray(i, i + 1));
      i++;
      setImmediate(step);
    };
    step();
    return;
  }
  process.stdout.write(line, () => done(status));
}
function done(status) {
  if (mode === 'linger') {
    // Keeps running after the result: the executor must not wait forever.
    process.stdin.removeAllListeners();
    setInterval(() => {}, 1000);
    return;
  }
  process.exit(EXIT[status] ?? 4);
}

if (mode === 'ignore-cancel') {
  process.on('SIGTERM', () => {});
}

const pending = new Map();
let nextId = 1;
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  buf += d;
  let nl;
  while ((nl = buf.indexOf('\n')) >= 0) {
    const line = buf.slice(0, nl);
    buf = buf.slice(nl + 1);
    onLine(JSON.parse(line));
  }
});
process.stdin.on('end', () => {
  if (mode === 'ignore-cancel') return;
  finish('cancelled', null, { name: 'SandboxError', message: 'the host closed its input before the run finished' });
});

function onLine(m) {
  if (m.v !== 1) {
    finish('protocol_error', null, { name: 'ProtocolError', message: 'bad version' });
    return;
  }
  if (m.type === 'start') return start(m);
  if (m.type === 'cancel') {
    if (mode === 'ignore-cancel') return;
    finish('cancelled', null, { name: 'SandboxError', message: `the host cancelled the run${m.reason ? ': ' + m.reason : ''}` });
    return;
  }
  if (m.type === 'tool_result') {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.value === undefined ? null : m.value);
    else {
      const e = new Error(m.error?.message ?? 'tool call failed');
      e.name = m.error?.name ?? 'Error';
      p.reject(e);
    }
  }
}

function start(m) {
  if (mode === 'garbage') {
    process.stdout.write('this is not json\n');
    return;
  }
  if (mode === 'die') {
    process.stderr.write('fake-codecell: guest died: SIGSYS\n');
    process.exit(4);
  }
  if (mode === 'ignore-cancel') return; // hangs until killed
  if (mode === 'unknown-tool') {
    // A name the host never declared: the executor must answer, not hang.
    pending.set('99', { resolve: (v) => finish('ok', v), reject: (e) => finish('ok', `${e.name}: ${e.message}`) });
    out({ type: 'tool_call', id: '99', ns: 'codemode', name: 'ghost', args: [] });
    return;
  }
  const ctx = { console: {} };
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    ctx.console[level] = (...a) => out({ type: 'log', level, message: a.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' '), time_ms: Date.now() - t0 });
  }
  let first;
  for (const [ns, tools] of Object.entries(m.namespaces ?? { codemode: null })) {
    const obj = {};
    for (const name of tools ?? []) {
      obj[name] = (...args) => new Promise((resolve, reject) => {
        const id = String(nextId++);
        toolCalls++;
        pending.set(id, { resolve, reject });
        out({ type: 'tool_call', id, ns, name, args });
      });
    }
    ctx[ns] = obj;
    first ??= obj;
  }
  ctx.setTimeout = setTimeout;
  vm.createContext(ctx);
  setTimeout(() => finish('timeout', null, { name: 'TimeoutError', message: `the program timed out: it ran longer than the ${timeoutMs} ms wall-clock limit; make fewer or faster calls` }), timeoutMs).unref();
  Promise.resolve()
    .then(() => {
      let v = vm.runInContext(m.code, ctx, { filename: m.filename });
      if (typeof v === 'function') v = v(first);
      return v;
    })
    .then((v) => finish('ok', v), (e) => finish('error', null, { name: e?.name ?? 'Error', message: e?.message ?? String(e), stack: e?.stack ?? '' }));
}
