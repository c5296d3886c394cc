// codecell beside the in-process JS sandboxes a code-mode host could use
// instead (issue 12's comparison), measured in one run on this machine:
// quickjs-emscripten, isolated-vm (when it installed), node:vm, and codecell
// through its Node client, spawning `codecell run` per program and over one
// `codecell serve` connection (sequential, and 4 at once). Every row gets
// the same programs (tests/corpus, all of them and a fixed 25-program
// subset) with the same tools (tests/corpus/host.mjs under `codemode`), a
// fresh sandbox per program, and its outcomes are checked against node's
// (expected.json). Also per row: a trivial run's start latency (p50, fresh
// sandbox) and the sequential tool-call round trip with an echo tool
// (bench/toolcall-program.mjs); fork+exec /bin/true (bench/spawnbench.c) is
// the baseline. The codecell rows run in a node process of their own
// (codecell-host.mjs), as a codecell host would. Prints one Markdown table;
// ratios are against quickjs-emscripten in the same run. Not a test; not
// run in CI. Method: README.md.
// Runs in: a bench host with bench/sandboxes/node_modules (npm ci) and a
// built codecell ($CODECELL_BIN or build/supervisor/codecell), a C compiler.
// Usage: node bench/sandboxes/compare.mjs [--rounds 3] [--pool 2] [--calls 2000] [--starts 60]
process.env.TZ = 'UTC'; // the oracle's zone (tests/corpus/oracle.mjs); node applies it at once

import { execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codecellBin, loadExpected, loadPrograms, startServe, waitPool } from '../corpus-lib.mjs';
import { echoProgram } from '../toolcall-program.mjs';
import { strip } from './guest.mjs';
import { CONCURRENCY, TRIVIAL, concurrentPass, echoRoundTrip, median, nodeSpawnTrue, pass, startLatency }
  from './measure.mjs';
import * as quickjs from './quickjs.mjs';
import * as isolatedVm from './isolated-vm.mjs';
import * as nodeVm from './node-vm.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const opt = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROUNDS = opt('rounds', 3);
const POOL = opt('pool', 2);
const CALLS = opt('calls', 2000);
const STARTS = opt('starts', 60);
/** The subset's size: issue 12's figures are for a 25-program corpus. */
const SUBSET = 25;
/** The server's named policy for the echo run: its calls and time exceed the default policy's. */
const ECHO_POLICY = { version: 1, limits: { wall: '2min', cpu: '2min', tool_calls: 1000000 }, tools: { allow: ['*'] } };

if (!fs.existsSync(codecellBin)) {
  console.error(`compare.mjs: no codecell binary at ${codecellBin} (build it, or set CODECELL_BIN)`);
  process.exit(1);
}
const expected = loadExpected();
const programs = loadPrograms();
// The subset rule: 25 programs evenly spaced through the name-sorted list
// (index floor(i * N / 25) of N), so every category prefix (algo-, csv-, err-,
// page-, report-, retry-, ...) is represented, tool calls included.
const subset = Array.from({ length: SUBSET }, (_, i) => programs[Math.floor((i * programs.length) / SUBSET)]);
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

// ---- rows ---------------------------------------------------------------
// A row measures a phase: pass(list), start(), echo(). In-process sandboxes
// here; codecell rows in codecell-host.mjs, asked over IPC (the request and
// the answer are outside every timed span).

/** An in-process sandbox: strip types on the host (timed apart), then run. */
function sandboxRow(mod, runner) {
  const row = {
    async run(src, host) {
      const t = performance.now();
      const js = strip(src);
      const tsMs = performance.now() - t;
      const { outcome, logs } = await runner.run(js, host);
      return { outcome: { ...outcome, logs }, tsMs };
    },
    async start() {
      const { outcome } = await runner.run(TRIVIAL, {});
      if (outcome.status !== 'ok' || outcome.value !== 1) throw new Error(`${mod.name}: trivial run gave ${JSON.stringify(outcome)}`);
    },
    async echo(host) {
      const { outcome } = await runner.run(echoProgram(CALLS, 'codemode'), host, { clock: true });
      if (outcome.status !== 'ok') throw new Error(`${mod.name}: echo run gave ${JSON.stringify(outcome)}`);
      return outcome.value;
    },
  };
  return {
    name: mod.name,
    ts: true,
    pass: (list) => pass(row, list, expected),
    start: () => startLatency(row, STARTS),
    echo: () => echoRoundTrip(row),
  };
}

/** The child that holds the codecell rows; ask(row, phase, names) -> its answer. */
async function codecellHost(sock) {
  const child = fork(path.join(here, 'codecell-host.mjs'), [sock, String(CALLS), String(STARTS)],
    { env: { ...process.env, TZ: 'UTC' } });
  const waiting = new Map();
  let next = 0;
  child.on('message', (m) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.error) w.reject(new Error(m.error));
    else w.resolve(m.result);
  });
  await new Promise((r) => child.once('message', r)); // { ready }
  return {
    ask: (row, phase, names) => new Promise((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve, reject });
      child.send({ id, row, phase, names });
    }),
    close: () => new Promise((r) => { child.on('exit', r); child.send({ close: true }); }),
  };
}

function codecellRow(name, host, key, { concurrent = false } = {}) {
  return {
    name,
    ts: false,
    concurrent,
    serve: key !== 'spawn',
    pass: (list) => host.ask(key, 'pass', list.map((p) => p.name)),
    start: () => host.ask(key, 'start'),
    echo: () => host.ask(key, 'echo'),
  };
}

function spawnTrue(spawnbench) {
  const [p50] = execFileSync(spawnbench, ['500', '20', '--', '/bin/true'], { encoding: 'utf8' }).trim().split(' ').map(Number);
  return p50 / 1000;
}

// ---- the run ------------------------------------------------------------

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-sandboxes-'));
const spawnbench = path.join(tmp, 'spawnbench');
execFileSync('cc', ['-O2', '-o', spawnbench, path.join(here, '../spawnbench.c')]);
const sock = path.join(tmp, 's.sock');
const load0 = os.loadavg();
const echoPolicy = path.join(tmp, 'echo.json');
fs.writeFileSync(echoPolicy, JSON.stringify(ECHO_POLICY));
const srv = await startServe(codecellBin, sock, POOL, ['--policy', `echo=${echoPolicy}`]);
const host = await codecellHost(sock);

const skipped = [];
const rows = [];
for (const mod of [quickjs, isolatedVm, nodeVm]) {
  const runner = await mod.createRunner();
  if (runner.unavailable) skipped.push(`${mod.name}: ${runner.unavailable}`);
  else rows.push(sandboxRow(mod, runner));
}
rows.push(codecellRow('codecell run per program (Node client, spawn)', host, 'spawn'));
rows.push(codecellRow('codecell serve (Node client, { socket }, one connection)', host, 'serve'));
rows.push(codecellRow(`codecell serve, ${CONCURRENCY} runs at once on one connection (concurrent)`, host, 'concurrent',
  { concurrent: true }));

const res = new Map(rows.map((r) => [r, { sub: [], full: [], start: [], echo: [] }]));
const trueMs = [];
const nodeTrue = { bench: [], host: [] };
// Phase by phase, every row in turn, the order rotated each round: the
// machine's load (shared, and it moves) then hits the rows of one phase
// alike, and the ratios below are taken within a round.
const phases = {
  sub: (row) => row.pass(subset),
  full: (row) => row.pass(programs),
  start: (row) => row.start(),
  echo: (row) => row.echo(),
};
try {
  // Warm every row once (JIT of the host code, the TS compiler, the WASM
  // module) on the subset, untimed: a host runs many programs, not one.
  for (const row of rows) if (!row.concurrent) await row.pass(subset);
  for (let round = 0; round < ROUNDS; round++) {
    trueMs.push(spawnTrue(spawnbench));
    nodeTrue.bench.push(await nodeSpawnTrue());
    nodeTrue.host.push(await host.ask(null, 'nodeSpawnTrue'));
    for (const [phase, measure] of Object.entries(phases)) {
      for (let i = 0; i < rows.length; i++) {
        const row = rows[(i + round) % rows.length];
        if (row.concurrent && (phase === 'start' || phase === 'echo')) continue;
        // The pool's refill after the last phase is not this one's cost.
        if (row.serve) await waitPool(sock);
        res.get(row)[phase].push(await measure(row));
      }
    }
  }
} finally {
  await host.close();
  srv.kill('SIGTERM');
  await new Promise((r) => srv.on('exit', r));
  fs.rmSync(tmp, { recursive: true, force: true });
}
const load1 = os.loadavg();

// ---- the table ----------------------------------------------------------

// Figures: the median over rounds; a ratio: the median over rounds of the
// ratio within the round. Agreement is the same every round for a
// deterministic corpus (the intersection if it were not).
const med = (xs, f) => median(xs.map(f));
const medRatio = (xs, bs, f = (x) => x) => median(xs.map((x, i) => f(x) / f(bs[i])));
const agreeAll = (passes) => passes.reduce((acc, p) => new Set([...acc].filter((n) => p.agree.includes(n))), new Set(passes[0].agree));
// The programs every sequential row gets right: their summed time is the
// like-for-like total (a program that stops at its first missing global is
// quick, and wrong).
const common = programs.filter((p) => rows.every((r) => agreeAll(res.get(r).full).has(p.name)));
const base = res.get(rows.find((r) => r.name === quickjs.name));
const trueP50 = median(trueMs);
const f0 = (x) => x.toFixed(0);
const f1 = (x) => x.toFixed(1);
const times = (x) => `${x.toFixed(2)}×`;

function version(pkg) {
  try { return require(`${pkg}/package.json`).version; } catch { return 'not installed'; }
}
const cv = execFileSync(codecellBin, ['version'], { encoding: 'utf8' }).trim().split('\n')[0];
const cpu = os.cpus();
console.log(`## Sandboxes side by side: ${new Date().toISOString()}\n`);
console.log(`Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
  `Linux ${os.release()}; node ${process.versions.node}; load average ${load0.map(f1).join(' ')} at start, ` +
  `${load1.map(f1).join(' ')} at end.`);
console.log(`Versions: quickjs-emscripten ${version('quickjs-emscripten')}, isolated-vm ${version('isolated-vm')}, ` +
  `typescript ${version('typescript')}, ${cv}. codecell serve --pool ${POOL}.`);
console.log(`Median of ${ROUNDS} rounds (ratios: median of the ratios within each round) after one untimed warm-up pass per row; fork+exec /bin/true p50 ` +
  `${trueP50.toFixed(3)} ms (bench/spawnbench.c, 500 runs per round); node's child_process.spawn('/bin/true') p50 ` +
  `${median(nodeTrue.host).toFixed(2)} ms from the codecell rows' process, ${median(nodeTrue.bench).toFixed(2)} ms from the ` +
  `in-process sandboxes' (RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB at the end).\n`);
console.log(`| row | start p50 ms (÷ fork+exec true) | ${SUBSET} programs total ms (without TS strip) | ÷ quickjs | ` +
  `${programs.length} programs total ms (without TS strip) | ÷ quickjs | ${common.length} programs all rows get right, ms | ` +
  `equal to node: ${SUBSET} / ${programs.length} | tool call p50 µs: guest clock / host clock | ÷ quickjs (host clock) |`);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) {
  const m = res.get(row);
  const total = (p) => p.total;
  const noTs = (k) => (row.ts ? ` (${f0(med(m[k], (p) => p.noTs))})` : '');
  const start = m.start.length ? `${med(m.start, (x) => x).toFixed(2)} (${times(medRatio(m.start, trueMs))})` : '—';
  const commonMs = row.concurrent ? '—' : f0(med(m.full, (p) => sum(common.map((c) => p.per[c.name]))));
  const echo = m.echo.length ? `${f1(med(m.echo, (e) => e.guest))} / ${f1(med(m.echo, (e) => e.host))}` : '—';
  const echoRatio = m.echo.length ? times(medRatio(m.echo, base.echo, (e) => e.host)) : '—';
  console.log(`| ${row.name} | ${start} | ${f0(med(m.sub, total))}${noTs('sub')} | ${times(medRatio(m.sub, base.sub, total))} | ` +
    `${f0(med(m.full, total))}${noTs('full')} | ${times(medRatio(m.full, base.full, total))} | ${commonMs} | ` +
    `${agreeAll(m.sub).size} / ${agreeAll(m.full).size} | ${echo} | ${echoRatio} |`);
}
for (const s of skipped) console.log(`| ${s.split(':')[0]} | skipped: ${s.slice(s.indexOf(':') + 2)} | | | | | | | | |`);
// Each round's totals, so that a median over few rounds can be read
// against what it summarises.
console.log(`\nEach round's totals, ms (${SUBSET} programs / ${programs.length} programs): ` + rows.map((row) => {
  const m = res.get(row);
  return `${row.name}: ${m.sub.map((p) => f0(p.total)).join(', ')} / ${m.full.map((p) => f0(p.total)).join(', ')}`;
}).join('; ') + '.');
console.log(`
Totals are wall time for the whole pass, one program after another, a fresh sandbox each; an in-process
sandbox's total includes the host's TypeScript strip (typescript's transpileModule, which a host must run
before a JS-only engine; without it in parentheses); codecell strips types inside its guest. The
concurrent row is wall time with ${CONCURRENCY} programs in flight. Subset: the ${SUBSET} programs at index
floor(i × ${programs.length} / ${SUBSET}) of the name-sorted corpus. Start: \`${TRIVIAL}\`, ${STARTS} runs,
no TS strip. Tool call: ${CALLS} sequential \`await codemode.echo(i)\` (bench/toolcall-program.mjs); guest
clock = the program's own performance.now() around each call (a host function in quickjs-emscripten and
isolated-vm, which have none), host clock = gap between consecutive echo arrivals at the host. The codecell
rows run in a node process of their own (codecell-host.mjs) holding only the Node client and the tools.`);
for (const row of rows) {
  if (row.ts || row.concurrent) continue;
  const m = res.get(row);
  console.log(`${row.name}: of the ${programs.length} programs' ${f0(med(m.full, (p) => p.total))} ms, the sandboxes' own ` +
    `wall time (the results' stats.wall_ms: from spawn, or for a pooled sandbox from the program's hand-over, to the result) sums to ${f0(med(m.full, (p) => p.sandbox))} ms.`);
}

// --worst N: the N programs where the server row spends the most beyond
// quickjs-emscripten (medians over rounds of each program's time), to say
// where the corpus ratio is lost.
const WORST = opt('worst', 0);
if (WORST > 0) {
  const serveRow = rows.find((r) => r.serve && !r.concurrent);
  const qm = res.get(rows.find((r) => r.name === quickjs.name)).full;
  const sm = res.get(serveRow).full;
  const diff = programs.map((p) => {
    const q = median(qm.map((x) => x.per[p.name]));
    const s = median(sm.map((x) => x.per[p.name]));
    return { name: p.name, q, s };
  }).sort((a, b) => (b.s - b.q) - (a.s - a.q));
  console.log(`\n| program (${WORST} with the largest excess) | ${serveRow.name} ms | quickjs-emscripten ms (with TS strip) | excess ms |`);
  console.log('|---|---|---|---|');
  for (const d of diff.slice(0, WORST)) console.log(`| ${d.name} | ${d.s.toFixed(2)} | ${d.q.toFixed(2)} | ${(d.s - d.q).toFixed(2)} |`);
}
