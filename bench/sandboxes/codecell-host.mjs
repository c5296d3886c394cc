// The codecell rows of compare.mjs, in a node process of their own that
// loads only the Node client and the corpus's tools, as a codecell host
// would: the bench process also holds the TS compiler, QuickJS and V8
// isolates, and node's spawn gets slower as a process grows (compare.mjs
// prints both processes' spawn of /bin/true), which would charge the
// in-process sandboxes' memory to `codecell run`.
// Runs in: a child of compare.mjs (fork, IPC). Input: its messages
// { id, row, phase, names }; answers { id, result } or { id, error }.
// argv: SOCKET CALLS STARTS
import { CodecellExecutor } from '../../clients/node/src/index.js';
import { codecellBin, codecellOutcome, loadExpected, loadPrograms } from '../corpus-lib.mjs';
import { echoProgram, WARMUP } from '../toolcall-program.mjs';
import { concurrentPass, echoRoundTrip, nodeSpawnTrue, pass, startLatency, TRIVIAL, CONCURRENCY } from './measure.mjs';

const [sock, calls, starts] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const expected = loadExpected();
const byName = new Map(loadPrograms().map((p) => [p.name, p]));

// The echo run needs more tool calls and time than a corpus program: the
// options bench/toolcall-roundtrip.mjs gives its executor, and on the
// server the named policy `echo` compare.mjs loads (a client may only lower
// a policy's limits). Corpus and start runs over the socket set no limits:
// a start with the server's default policy and limits takes a pooled
// sandbox, any other forks a fresh one (docs/SERVE.md), and pooling is what
// is measured.
const echoLimits = { maxToolCalls: calls + WARMUP + 100, timeout: 120000, cpu: 120000 };
/** The 10 s deadline the in-process sandboxes also get (guest.mjs LIMITS). */
const TIMEOUT_MS = 10000;
const serveEx = new CodecellExecutor({ socket: sock });
const serveEcho = new CodecellExecutor({ socket: sock, policyName: 'echo', ...echoLimits });

/** A codecell row; exec(onResult, echo) gives the call that runs one program. */
function codecellRow(name, exec) {
  return {
    name,
    async run(src, host) {
      let report = null;
      const { logs } = await exec((r) => { report = r; }, false)(src, host);
      return { outcome: codecellOutcome(report, logs), tsMs: 0, sandboxMs: report?.stats?.wall_ms ?? 0 };
    },
    async start() {
      const r = await exec(null, false)(TRIVIAL, {});
      if (r.error || r.result !== 1) throw new Error(`${name}: trivial run gave ${JSON.stringify(r)}`);
    },
    async echo(host) {
      const r = await exec(null, true)(echoProgram(calls, 'codemode'), host);
      if (r.error) throw new Error(`${name}: echo run: ${r.error}`);
      return r.result;
    },
  };
}

const spawnRow = codecellRow('spawn', (onResult, echo) => {
  const ex = new CodecellExecutor({ codecellPath: codecellBin, timeout: TIMEOUT_MS, ...(echo ? echoLimits : {}),
    ...(onResult ? { onResult } : {}) });
  return (src, host) => ex.execute(src, host);
});
const serveRow = codecellRow('serve', (onResult, echo) =>
  (src, host) => (echo ? serveEcho : serveEx).execute(src, host, onResult ? { onResult } : {}));

const ops = {
  spawn: { row: spawnRow },
  serve: { row: serveRow },
  concurrent: { row: serveRow, concurrent: true },
};

async function handle({ row, phase, names }) {
  const r = ops[row];
  if (phase === 'nodeSpawnTrue') return nodeSpawnTrue();
  if (phase === 'pass') {
    const list = names.map((n) => byName.get(n));
    return r.concurrent ? concurrentPass(r.row, list, expected) : pass(r.row, list, expected);
  }
  if (phase === 'start') return startLatency(r.row, starts);
  if (phase === 'echo') return echoRoundTrip(r.row);
  throw new Error(`codecell-host: unknown phase ${phase}`);
}

process.on('message', (m) => {
  if (m.close) {
    serveEx.close();
    serveEcho.close();
    process.disconnect();
    return;
  }
  handle(m).then((result) => process.send({ id: m.id, result }),
    (e) => process.send({ id: m.id, error: String(e?.stack ?? e) }));
});
process.send({ ready: true, concurrency: CONCURRENCY });
