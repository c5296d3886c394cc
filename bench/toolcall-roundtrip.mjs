// bench/toolcall-roundtrip.mjs: the tool-call round trip (guest -> supervisor
// -> host -> supervisor -> guest), sequential, with an echo tool. The program
// times each `await bench.echo(i)` inside the guest with performance.now()
// and returns p50/p99 in microseconds, so process start is not in the figure.
// Hosts, measured in the same run, one after the other, R rounds each:
//   node     the Node client (clients/node, CodecellExecutor)
//   python   a minimal Python NDJSON host (bench/toolcall-host.py)
//   node:vm  the same loop in-process with node:vm and an async echo (a floor
//            for any sandbox that leaves the process)
//   floor    bench/pingpong3.c: three C processes relaying a small message
//            over a socketpair and pipes, four wake-ups and nothing else (what
//            this machine's scheduler costs a process-separated round trip)
// usage: node bench/toolcall-roundtrip.mjs [CODECELL[,CODECELL2...]] [N] [ROUNDS]
//   (default build/supervisor/codecell, N=2000 calls per run, 5 rounds).
//   Several binaries (an old and a new build) are alternated round by round,
//   so the machine's load hits them alike.
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { echoProgram } from './toolcall-program.mjs';
import { median } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const bins = (process.argv[2] || path.join(root, 'build/supervisor/codecell')).split(',').map((b) => path.resolve(b));
const N = Number(process.argv[3] || 2000);
const ROUNDS = Number(process.argv[4] || 5);
const { CodecellExecutor } = await import(path.join(root, 'clients/node/src/index.js'));

// The timed loop (bench/toolcall-program.mjs, shared with bench/sandboxes).
const program = echoProgram(N);

const rows = {};
const executors = bins.map((bin) => new CodecellExecutor({ codecellPath: bin, maxToolCalls: N + 100, timeout: 120000, cpu: 120000 }));
const row = (k) => rows[k] || (rows[k] = []);

async function viaNode(executor) {
  const r = await executor.execute(program, [{ name: 'bench', fns: { echo: (x) => x } }]);
  if (r.error) throw new Error('node client: ' + r.error);
  return r.result;
}

function viaPython(bin) {
  const p = spawnSync('python3', [path.join(here, 'toolcall-host.py'), bin, String(N + 100)],
    { input: program, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (p.status !== 0) throw new Error('python host: ' + p.stderr + p.stdout);
  return JSON.parse(p.stdout);
}

const pingpong = path.join(os.tmpdir(), `codecell-pingpong3-${process.pid}`);
execFileSync('cc', ['-O2', '-o', pingpong, path.join(here, 'pingpong3.c')]);
function viaFloor() {
  const [p50, p99] = execFileSync(pingpong, [String(N)], { encoding: 'utf8' }).trim().split(' ').map(Number);
  return { p50, p99 };
}

async function viaVm() {
  const ctx = vm.createContext({ bench: { echo: async (x) => x }, performance });
  return await vm.runInContext(`(${program})()`, ctx);
}

const label = (i) => (bins.length > 1 ? ` (${path.relative(process.cwd(), bins[i])})` : '');
for (let r = 0; r < ROUNDS; r++) {
  for (let i = 0; i < bins.length; i++) {
    row('node' + label(i)).push(await viaNode(executors[i]));
    row('python' + label(i)).push(viaPython(bins[i]));
  }
  row('node:vm').push(await viaVm());
  row('floor (C, 3 processes)').push(viaFloor());
}
fs.rmSync(pingpong, { force: true });
console.log(`tool-call round trip, sequential echo, ${N} calls per run, median of ${ROUNDS} runs (us, timed in the program)`);
console.log('| host | p50 us | p99 us | codecell + guest CPU per call, us |');
console.log('|---|---|---|---|');
for (const [k, v] of Object.entries(rows)) {
  const cpu = v[0].cpu_us_per_call === undefined ? '' : median(v.map((x) => x.cpu_us_per_call)).toFixed(1);
  console.log(`| ${k} | ${median(v.map((x) => x.p50)).toFixed(1)} | ${median(v.map((x) => x.p99)).toFixed(1)} | ${cpu} |`);
}
console.log('CPU per call: the python host\'s children (codecell and its guest), whole run / calls answered.');
