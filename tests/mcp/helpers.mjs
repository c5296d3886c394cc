// Shared helpers for the codecell mcp tests: the binary, temporary configs,
// and an official MCP SDK client driving `codecell mcp` over stdio.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema, LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

export const here = dirname(fileURLToPath(import.meta.url));
export const bin = process.env.CODECELL_BIN || join(here, '../../build/supervisor/codecell');
const mod = (p) => join(here, 'node_modules', p);

// The real downstream servers from npm, as stdio children.
export const servers = {
  memory: (dir) => ({ command: process.execPath, args: [mod('@modelcontextprotocol/server-memory/dist/index.js')], env: { MEMORY_FILE_PATH: join(dir, 'memory.jsonl') } }),
  filesystem: (dir) => ({ command: process.execPath, args: [mod('@modelcontextprotocol/server-filesystem/dist/index.js'), dir] }),
  everything: () => ({ command: process.execPath, args: [mod('@modelcontextprotocol/server-everything/dist/index.js'), 'stdio'] }),
  evil: (dir) => ({ command: process.execPath, args: [join(here, 'evil-server.mjs')], env: { EVIL_STATE: join(dir, 'evil-starts') } }),
};

// Every test directory goes when the test process exits.
const made = [];
process.on('exit', () => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

export function tempdir() {
  const d = mkdtempSync(join(tmpdir(), 'codecell-mcp-'));
  made.push(d);
  return d;
}

// Writes a config (and a policy when given) into dir; returns its path.
export function writeConfig(dir, config, policy) {
  if (policy) {
    writeFileSync(join(dir, 'policy.jsonc'), JSON.stringify(policy));
    config = { ...config, policy: 'policy.jsonc' };
  }
  const path = join(dir, 'mcp.jsonc');
  writeFileSync(path, '// written by tests/mcp\n' + JSON.stringify(config, null, 2));
  return path;
}

// An SDK client connected to `codecell mcp --config path`. elicit, when
// given, makes the client declare elicitation and answer with it.
export async function connect(path, { elicit } = {}) {
  const client = new Client({ name: 'codecell-mcp-test', version: '1.0.0' }, elicit ? { capabilities: { elicitation: {} } } : {});
  const logs = [];
  const elicitations = [];
  if (elicit) {
    client.setRequestHandler(ElicitRequestSchema, async (req) => {
      elicitations.push(req.params);
      return elicit(req.params);
    });
  }
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => logs.push(n.params));
  // The SDK passes a child only a few variables; codecell's own (a guest
  // path) and the sanitizers' options must reach it too.
  const env = { ...getDefaultEnvironment() };
  for (const [k, v] of Object.entries(process.env)) if (/^(CODECELL_|ASAN_|UBSAN_|LSAN_)/.test(k)) env[k] = v;
  const transport = new StdioClientTransport({ command: bin, args: ['mcp', '--config', path], env, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d) => { stderr += d; });
  await client.connect(transport);
  return { client, transport, logs, elicitations, stderr: () => stderr };
}

// Runs a program through execute; returns the CallToolResult.
export function execute(client, code, opts = {}) {
  return client.callTool({ name: 'execute', arguments: { code } }, undefined, { timeout: 60000, ...opts });
}
