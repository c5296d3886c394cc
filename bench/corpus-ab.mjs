// Two codecell builds' servers, A and B, alternating, each running the
// code-mode corpus (tests/corpus) through the Node client over one
// connection, a fresh sandbox per program, one program after another
// (compare.mjs's "codecell serve" row). A noisy, shared machine drifts
// between sittings; alternating A B, B A, ... round by round lets the drift
// hit both alike. Per build and as medians over the rounds, with B/A ratios:
//   - wall time of the pass, for all programs and split into the programs
//     that use Intl (a locale-sensitive call in their source) and the rest;
//   - CPU of the pass: the server's whole process tree (server, templates,
//     run supervisors, guests; /proc's utime + stime of every live process
//     in it, with cutime + cstime for what each has reaped) after minus
//     before, so the pool's refills in the pass count too.
// Each round starts a fresh server of that build and waits for its pool
// before the pass. Outcomes are checked against node's (expected.json) and
// counted. Nothing here is a pass/fail test.
// Runs in: a bench host (Linux /proc). Input: two codecell binaries, each
// with its guest at ../guest/codecell-guest.
// Usage: node bench/corpus-ab.mjs A_CODECELL B_CODECELL [--rounds 6] [--pool 2]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CodecellExecutor } from '../clients/node/src/index.js';
import { createHost } from '../tests/corpus/host.mjs';
import { codecellOutcome, loadExpected, loadPrograms, sameAsNode, startServe } from './corpus-lib.mjs';
import { median } from './stats.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const bins = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
if (bins.length !== 2 || !bins.every((b) => fs.existsSync(b))) {
  console.error('usage: node bench/corpus-ab.mjs A_CODECELL B_CODECELL [--rounds 6] [--pool 2]');
  process.exit(2);
}
const ROUNDS = opt('rounds', 6);
const POOL = opt('pool', 2);
const expected = loadExpected();
const programs = loadPrograms();
/** A locale-sensitive call: the programs whose first use of Intl a run pays. */
const INTL = /\bIntl\.|toLocale[A-Za-z]*String\(|localeCompare\(|\.normalize\(/;
const isIntl = new Set(programs.filter((p) => INTL.test(p.src)).map((p) => p.name));
const TICK = 100; // USER_HZ: /proc's clock ticks per second on Linux

/** CPU ms of the process tree under pid, live processes and what they reaped. */
function treeCpuMs(pid) {
  const kids = new Map();
  const stat = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let s;
    try {
      s = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(f[1]);
    stat.set(Number(d), f);
    if (!kids.has(ppid)) kids.set(ppid, []);
    kids.get(ppid).push(Number(d));
  }
  let ticks = 0;
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop();
    const f = stat.get(p);
    if (f) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    todo.push(...(kids.get(p) || []));
  }
  return (ticks * 1000) / TICK;
}

async function pass(bin) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-corpus-ab-'));
  const sock = path.join(tmp, 's.sock');
  const srv = await startServe(bin, sock, POOL);
  const ex = new CodecellExecutor({ socket: sock });
  const out = { all: 0, intl: 0, plain: 0, cpu: 0, match: 0 };
  try {
    const cpu0 = treeCpuMs(srv.pid);
    for (const p of programs) {
      let report = null;
      const t = performance.now();
      const { logs } = await ex.execute(p.src, createHost(), { onResult: (r) => { report = r; } });
      const ms = performance.now() - t;
      out.all += ms;
      out[isIntl.has(p.name) ? 'intl' : 'plain'] += ms;
      if (sameAsNode(codecellOutcome(report, logs), expected[p.name])) out.match++;
    }
    out.cpu = treeCpuMs(srv.pid) - cpu0;
  } finally {
    ex.close();
    srv.kill('SIGTERM');
    await new Promise((r) => srv.on('exit', r));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

const res = { A: [], B: [] };
const load0 = os.loadavg();
for (let r = 0; r < ROUNDS; r++) {
  for (const side of r % 2 ? ['B', 'A'] : ['A', 'B']) {
    const x = await pass(bins[side === 'A' ? 0 : 1]);
    res[side].push(x);
    console.log(`round ${r + 1} ${side}: all ${x.all.toFixed(0)} ms (Intl ${x.intl.toFixed(0)}, other ` +
      `${x.plain.toFixed(0)}), CPU ${x.cpu.toFixed(0)} ms, ${x.match}/${programs.length} equal to node`);
  }
}
console.log(`\ncorpus A/B: ${new Date().toISOString()}, ${os.cpus().length} CPUs, load ${load0[0].toFixed(2)} at start, ` +
  `${os.loadavg()[0].toFixed(2)} at end; ${programs.length} programs (${isIntl.size} use Intl), ${ROUNDS} rounds, ` +
  `pool ${POOL}\nA = ${bins[0]}\nB = ${bins[1]}\n`);
console.log('| median over rounds | A | B | B/A |\n|---|---|---|---|');
for (const [k, label] of [['all', 'wall, all programs'], ['intl', 'wall, programs that use Intl'],
  ['plain', 'wall, the other programs'], ['cpu', 'CPU of the server\'s process tree']]) {
  const a = median(res.A.map((x) => x[k]));
  const b = median(res.B.map((x) => x[k]));
  console.log(`| ${label} | ${a.toFixed(0)} ms | ${b.toFixed(0)} ms | ${(b / a).toFixed(2)}x |`);
}
