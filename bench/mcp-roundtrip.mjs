// Round trip per downstream call through `codecell mcp`: the official MCP
// SDK client runs programs through execute; the downstream server is
// tests/mcp/evil-server.mjs, whose echo tool answers at once, so the figure
// is codecell's cost (guest -> supervisor -> codecell mcp -> server and
// back), not the tool's. per call = (median time of a program making N
// sequential calls - median time of the same program making none) / N.
// The same server called directly by the SDK client gives the MCP baseline,
// the same program under `codecell run --host` the sandbox's share, and
// @cloudflare/codemode's codeMcpServer (with codecell's Node executor) its
// figure for the same program.
//   node bench/mcp-roundtrip.mjs [N=200] [REPEATS=7]
// Needs the npm packages of tests/mcp (cd tests/mcp && npm ci) and a build
// (CODECELL_BIN, default build/supervisor/codecell).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const req = createRequire(join(root, 'tests/mcp/package.json'));
const sdk = (p) => import(pathToFileURL(req.resolve(`@modelcontextprotocol/sdk/${p}`)).href);
const { Client } = await sdk('client/index.js');
const { StdioClientTransport } = await sdk('client/stdio.js');

const N = Number(process.argv[2] || 200);
const REPEATS = Number(process.argv[3] || 7);
const bin = process.env.CODECELL_BIN || join(root, 'build/supervisor/codecell');
const evil = join(root, 'tests/mcp/evil-server.mjs');

async function client(command, args) {
  const c = new Client({ name: 'bench', version: '1' });
  await c.connect(new StdioClientTransport({ command, args, stderr: 'ignore' }));
  return c;
}

const dir = mkdtempSync(join(tmpdir(), 'codecell-bench-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const cfg = join(dir, 'mcp.jsonc');
writeFileSync(cfg, JSON.stringify({ servers: { evil: { command: process.execPath, args: [evil] } } }));
const cc = await client(bin, ['mcp', '--config', cfg]);
const prog = (n) => `async () => { for (let i = 0; i < ${n}; i++) await evil.echo({ x: i }); return ${n}; }`;
const timeRun = async (n) => {
  const t0 = process.hrtime.bigint();
  const r = await cc.callTool({ name: 'execute', arguments: { code: prog(n) } }, undefined, { timeout: 600000 });
  if (r.isError || r.structuredContent.result !== n) throw new Error(JSON.stringify(r));
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
await timeRun(5); // warm up: page cache, the guest binary
const empty = [], full = [];
for (let i = 0; i < REPEATS; i++) {
  empty.push(await timeRun(0));
  full.push(await timeRun(N));
}
await cc.close();

const direct = await client(process.execPath, [evil]);
for (let i = 0; i < 20; i++) await direct.callTool({ name: 'echo', arguments: { x: i } });
const times = [];
for (let r = 0; r < REPEATS; r++) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await direct.callTool({ name: 'echo', arguments: { x: i } });
  times.push(Number(process.hrtime.bigint() - t0) / 1e6 / N);
}
await direct.close();

// The sandbox's own share: the same programs through `codecell run --host`
// with an NDJSON host (this script) that answers each call at once.
const hostRun = (n) => new Promise((resolve, reject) => {
  const t0 = process.hrtime.bigint();
  const p = spawn(bin, ['run', '--host'], { stdio: ['pipe', 'pipe', 'ignore'] });
  p.stdin.write(JSON.stringify({ v: 1, type: 'start', code: prog(n), namespaces: { evil: ['echo'] } }) + '\n');
  createInterface({ input: p.stdout }).on('line', (line) => {
    const m = JSON.parse(line);
    if (m.type === 'tool_call') p.stdin.write(JSON.stringify({ v: 1, type: 'tool_result', id: m.id, ok: true, value: { tool: 'echo', args: m.args[0] } }) + '\n');
    if (m.type === 'result') {
      p.stdin.end();
      if (m.value !== n) reject(new Error(line));
      resolve(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  });
});
const hEmpty = [], hFull = [];
for (let i = 0; i < REPEATS; i++) {
  hEmpty.push(await hostRun(0));
  hFull.push(await hostRun(N));
}

// @cloudflare/codemode's codeMcpServer measured the same way. Its own
// executors need Cloudflare Workers, so it runs with codecell's Node
// executor (clients/node): codemode's MCP wrapper and codecell's sandbox,
// with the tool served in-process (codeMcpServer wraps an McpServer object
// over an in-memory transport; it cannot start a stdio server).
const imp = (p) => import(pathToFileURL(req.resolve(p)).href);
const { McpServer } = await sdk('server/mcp.js');
const { InMemoryTransport } = await sdk('inMemory.js');
const { codeMcpServer } = await imp('@cloudflare/codemode/mcp');
const { CodecellExecutor } = await imp('codecell-codemode');
const { z } = await imp('zod');
const inner = new McpServer({ name: 'echo', version: '1' });
inner.registerTool('echo', { description: 'echo', inputSchema: { x: z.number() } },
  async (args) => ({ content: [{ type: 'text', text: 'ignored' }], structuredContent: { tool: 'echo', args } }));
const outer = await codeMcpServer({ server: inner, executor: new CodecellExecutor({ codecellPath: bin, timeout: 600000 }) });
const [ct, st] = InMemoryTransport.createLinkedPair();
await outer.connect(st);
const cm = new Client({ name: 'bench', version: '1' });
await cm.connect(ct);
const cmProg = (n) => `async () => { for (let i = 0; i < ${n}; i++) await codemode.echo({ x: i }); return ${n}; }`;
const cmRun = async (n) => {
  const t0 = process.hrtime.bigint();
  const r = await cm.callTool({ name: 'code', arguments: { code: cmProg(n) } }, undefined, { timeout: 600000 });
  if (r.isError || r.content[0].text !== String(n)) throw new Error(JSON.stringify(r));
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
await cmRun(5);
const cEmpty = [], cFull = [];
for (let i = 0; i < REPEATS; i++) {
  cEmpty.push(await cmRun(0));
  cFull.push(await cmRun(N));
}
await cm.close();

const perCall = (median(full) - median(empty)) / N;
const cmPerCall = (median(cFull) - median(cEmpty)) / N;
const hostPerCall = (median(hFull) - median(hEmpty)) / N;
console.log(`| measure | value |\n|---|---|`);
console.log(`| execute with 0 calls (spawn, sandbox, run; median of ${REPEATS}) | ${median(empty).toFixed(1)} ms |`);
console.log(`| execute with ${N} sequential calls (median of ${REPEATS}) | ${median(full).toFixed(1)} ms |`);
console.log(`| round trip per downstream call through codecell mcp | ${perCall.toFixed(3)} ms |`);
console.log(`| codemode's codeMcpServer with codecell's Node executor, tool in-process (per call) | ${cmPerCall.toFixed(3)} ms |`);
console.log(`| the same calls answered by an NDJSON host of codecell run --host (the sandbox's share) | ${hostPerCall.toFixed(3)} ms |`);
console.log(`| machine: CPUs, load average (1 min) at the end | ${cpus().length}, ${loadavg()[0].toFixed(1)} |`);
console.log(`| same server called directly by the SDK client (MCP baseline) | ${median(times).toFixed(3)} ms |`);
