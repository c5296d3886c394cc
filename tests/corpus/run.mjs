// Runs every corpus program through the Node client (clients/node) and the
// real codecell binary, and compares each outcome with node 20's
// (expected.json). The ratchet (xfail.txt) lists the programs known to
// differ: an unlisted mismatch fails, and so does a listed program that now
// matches (remove it from xfail.txt).
// Runs in: the test host (meson suite `corpus`). Input: $CODECELL_BIN.
// Usage: node tests/corpus/run.mjs [--verbose] [NAME...]
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';
import { CodecellExecutor } from '../../clients/node/src/index.js';
import { createHost } from './host.mjs';
import { FILENAME } from './outcome.mjs';
import { listPrograms, readXfail } from './programs.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const only = args.filter((a) => !a.startsWith('--'));
const bin = process.env.CODECELL_BIN || path.join(here, '../../build/supervisor/codecell');
if (!fs.existsSync(bin)) {
  console.error(`run.mjs: no codecell binary at ${bin} (set CODECELL_BIN)`);
  process.exit(1);
}
const expected = JSON.parse(fs.readFileSync(path.join(here, 'expected.json'), 'utf8'));
const xfail = readXfail();
/** Two runs at a time: the machine's cores are shared with other suites. */
const PARALLEL = 2;

function lineOf(stack) {
  const m = typeof stack === 'string' && stack.match(new RegExp(`${FILENAME.replace('.', '\\.')}:(\\d+)`));
  return m ? Number(m[1]) : null;
}

async function runOne(p) {
  const src = fs.readFileSync(p.file, 'utf8');
  let report = null;
  const ex = new CodecellExecutor({ codecellPath: bin, timeout: 10000, onResult: (r) => { report = r; } });
  const { logs } = await ex.execute(src, createHost());
  if (!report) return { status: 'no_result', logs };
  if (report.status === 'ok') return { status: 'ok', value: report.value === undefined ? null : report.value, logs };
  const e = report.error || {};
  if (report.status !== 'error') return { status: report.status, message: e.message, logs };
  return { status: 'error', name: e.name, message: e.message, line: lineOf(e.stack), logs };
}

const programs = listPrograms().filter((p) => !only.length || only.includes(p.name));
const missing = programs.filter((p) => !(p.name in expected));
if (missing.length) {
  console.error(`run.mjs: no expected outcome for ${missing.map((p) => p.name).join(', ')}; run oracle.mjs`);
  process.exit(1);
}
const results = new Map();
let next = 0;
await Promise.all(Array.from({ length: PARALLEL }, async () => {
  while (next < programs.length) {
    const p = programs[next++];
    results.set(p.name, await runOne(p));
  }
}));

let pass = 0;
const unexpected = [];
const xpass = [];
for (const p of programs) {
  const got = results.get(p.name);
  const want = expected[p.name];
  const ok = util.isDeepStrictEqual(got, want);
  if (ok) pass++;
  const listed = xfail.has(p.name);
  const tag = ok ? (listed ? 'XPASS' : 'ok') : (listed ? 'xfail' : 'FAIL');
  if (tag === 'FAIL') unexpected.push(p.name);
  if (tag === 'XPASS') xpass.push(p.name);
  if (verbose || tag === 'FAIL' || tag === 'XPASS') {
    console.log(`${tag} ${p.name}${listed ? ` (${xfail.get(p.name)})` : ''}`);
    if (!ok && (verbose || tag === 'FAIL')) {
      console.log(`#   node:     ${JSON.stringify(want)}`);
      console.log(`#   codecell: ${JSON.stringify(got)}`);
    }
  }
}
for (const name of xfail.keys()) {
  if (!programs.some((p) => p.name === name) && !only.length) {
    console.log(`STALE ${name}: in xfail.txt but not a program`);
    unexpected.push(name);
  }
}
const pct = programs.length ? ((100 * pass) / programs.length).toFixed(1) : '0.0';
console.log(`corpus: ${pass}/${programs.length} programs match node 20 (${pct}%), ` +
  `${xfail.size} expected failures, ${unexpected.length} unexpected, ${xpass.length} now passing`);
if (xpass.length) console.log(`remove from xfail.txt: ${xpass.join(' ')}`);
process.exit(unexpected.length || xpass.length ? 1 : 0);
