// What the corpus benches share: the programs with their sources, node's
// outcomes (expected.json), the outcome a codecell run reports reduced to
// what the corpus compares, and a `codecell serve` started for a bench.
// Used by bench/corpus-serve.mjs and bench/sandboxes/compare.mjs.
// Runs in: a bench host. Input: tests/corpus, the codecell binary.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';
import { listPrograms } from '../tests/corpus/programs.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** $CODECELL_BIN or this tree's build. */
export const codecellBin = process.env.CODECELL_BIN || path.join(here, '../build/supervisor/codecell');

/** Every corpus program: `{name, file, src}`, sorted by name. */
export function loadPrograms() {
  return listPrograms().map((p) => ({ ...p, src: fs.readFileSync(p.file, 'utf8') }));
}

/** expected.json: node 20's outcome per program name. */
export function loadExpected() {
  return JSON.parse(fs.readFileSync(path.join(here, '../tests/corpus/expected.json'), 'utf8'));
}

/** The outcome as tests/corpus/run.mjs builds it from a codecell report, minus the error line. */
export function codecellOutcome(report, logs) {
  if (!report) return { status: 'no_result', logs };
  if (report.status === 'ok') return { status: 'ok', value: report.value === undefined ? null : report.value, logs };
  const e = report.error || {};
  if (report.status !== 'error') return { status: report.status, message: e.message, logs };
  return { status: 'error', name: e.name, message: e.message, logs };
}

/**
 * Whether an outcome equals node's. The error's line is left out: the
 * benches do not map stack positions back through source maps (the corpus
 * suite, tests/corpus/run.mjs, checks lines).
 */
export function sameAsNode(got, want) {
  const w = { ...want };
  delete w.line;
  return util.isDeepStrictEqual(got, w);
}

/** One server-level request over a fresh connection; resolves with the reply line parsed. */
export function serverRequest(sock, type) {
  return new Promise((resolve, reject) => {
    const c = net.connect(sock, () => c.write(JSON.stringify({ v: 1, type }) + '\n'));
    let buf = '';
    c.setEncoding('utf8');
    c.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) { c.destroy(); resolve(JSON.parse(buf.slice(0, nl))); }
    });
    c.on('error', reject);
  });
}

/**
 * Resolves once the server's pool holds its target of sandboxes spawned
 * whole (stats pool.ready; pool.idle on a build older than that field, for
 * A/B runs), polled every 10 ms, up to 20 s.
 */
export async function waitPool(sock) {
  for (let i = 0; i < 2000; i++) {
    const st = await serverRequest(sock, 'stats');
    if (st.pool && (st.pool.ready ?? st.pool.idle) >= st.pool.target) return st.pool;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('codecell serve: the pool did not fill in 20 s');
}

/**
 * Starts `codecell serve --socket SOCK --pool POOL` and resolves once the
 * pool is full (waitPool), so no caller times the pool's first fill.
 * Caller kills the child.
 */
export async function startServe(bin, sock, pool, extra = []) {
  const srv = spawn(bin, ['serve', '--socket', sock, '--pool', String(pool), ...extra],
    { stdio: ['ignore', 'ignore', 'ignore'] });
  for (let i = 0; i < 400; i++) {
    const ok = await new Promise((res) => {
      const c = net.connect(sock, () => { c.destroy(); res(true); });
      c.on('error', () => res(false));
    });
    if (ok) {
      await waitPool(sock);
      return srv;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  srv.kill('SIGKILL');
  throw new Error('codecell serve did not start');
}
