// The code-mode corpus (tests/corpus) through the Node client, one fresh
// sandbox per program, sequentially: spawning `codecell run` per program
// against one `codecell serve` reached with the client's `{ socket }`
// option, in one sitting. Prints the machine's load, each path's total
// wall time, the p50 per program and how many outcomes equal node's
// (expected.json; the corpus suite is the conformance check, this is
// timing). Nothing here is a pass/fail test.
// Runs in: a bench host. Input: $CODECELL_BIN or build/supervisor/codecell.
// Usage: node bench/corpus-serve.mjs [--rounds 2]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CodecellExecutor } from '../clients/node/src/index.js';
import { createHost } from '../tests/corpus/host.mjs';
import { codecellBin as bin, codecellOutcome as outcome, loadExpected, loadPrograms, sameAsNode as same,
  startServe } from './corpus-lib.mjs';

const ri = process.argv.indexOf('--rounds');
const rounds = ri > 0 ? Number(process.argv[ri + 1]) : 2;
const expected = loadExpected();
const programs = loadPrograms();

async function corpus(makeExecutor) {
  const times = [];
  let match = 0;
  const t0 = performance.now();
  for (const p of programs) {
    let report = null;
    const ex = makeExecutor((r) => { report = r; });
    const t = performance.now();
    const { logs } = await ex.execute(p.src, createHost());
    times.push(performance.now() - t);
    if (same(outcome(report, logs), expected[p.name])) match++;
  }
  times.sort((a, b) => a - b);
  return { total: performance.now() - t0, p50: times[times.length >> 1], match };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-corpus-serve-'));
const sock = path.join(tmp, 's.sock');
const srv = await startServe(bin, sock, 2);
const shared = [];
const rows = [];
try {
  for (let r = 0; r < rounds; r++) {
    rows.push(['codecell run per program (Node client, spawn)',
      await corpus((onResult) => new CodecellExecutor({ codecellPath: bin, timeout: 10000, onResult }))]);
    rows.push(['codecell serve (Node client, { socket }, one connection)',
      await corpus((onResult) => {
        // One connection for the whole corpus, as a host would hold it; a
        // fresh sandbox per program either way. No limits of its own: a
        // start with the server's default policy and limits takes a pooled
        // sandbox, any other forks a fresh one (docs/SERVE.md).
        if (!shared[r]) shared[r] = new CodecellExecutor({ socket: sock });
        const ex = shared[r];
        return { execute: (src, host) => ex.execute(src, host, { onResult }) };
      })]);
  }
} finally {
  for (const ex of shared) ex?.close();
  srv.kill('SIGTERM');
  await new Promise((r) => srv.on('exit', r));
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`corpus bench: ${new Date().toISOString()}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)}, ` +
  `${programs.length} programs, ${rounds} rounds\n`);
console.log('| path | corpus total | p50 per program | outcomes equal to node |\n|---|---|---|---|');
for (const [name, x] of rows) {
  console.log(`| ${name} | ${x.total.toFixed(0)} ms | ${x.p50.toFixed(2)} ms | ${x.match}/${programs.length} |`);
}
