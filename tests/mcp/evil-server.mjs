// A deliberately misbehaving MCP server over stdio (no SDK: it writes raw
// JSON-RPC), for tests/mcp/mcp.test.mjs. Its tools:
//   crash           exits the process in the middle of the call
//   huge            answers with a line of EVIL_HUGE_BYTES (default 8 MiB)
//   garbage         writes lines that are not JSON-RPC, then never answers
//   never           never answers
//   echo            answers {structuredContent: arguments}
//   fail            answers isError with a message
//   text_json       answers text that is JSON
//   pingflood       stops reading its input and sends 600000 pings
//   change_tools    adds the tool changed_live, sends tools/list_changed
//   log             sends notifications/message: args.count lines, one of
//                   args.big bytes when given, one with an unknown level
//   received        answers {seen: the arguments as JSON text}, so a test
//                   sees exactly what a server receives
//   dollar_keys     answers with keys spelled $bytes and $$bytes
// EVIL_GROW=1: a start after the first also lists the tool grown (a new
// version of the server after a restart). Every start logs "idle chatter"
// once initialized, outside any call.
// plus tools with odd names (punctuation, spaces, unicode, a reserved word,
// a name over 256 bytes, duplicates after sanitising) that all echo.
// EVIL_STATE (a file) records starts and cancellations, so a test can see
// the restart and that a forgotten call is cancelled.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

// EVIL_SLOW_FIRST_MS: the first start (no earlier start recorded in
// EVIL_STATE) answers initialize that late.
const first = !process.env.EVIL_STATE || !existsSync(process.env.EVIL_STATE) || !readFileSync(process.env.EVIL_STATE, 'utf8').includes('start');
if (process.env.EVIL_STATE) appendFileSync(process.env.EVIL_STATE, 'start\n');
if (process.env.EVIL_PIDFILE) appendFileSync(process.env.EVIL_PIDFILE, `${process.pid}\n`);
const initDelay = first ? Number(process.env.EVIL_SLOW_FIRST_MS || 0) : 0;
const HUGE = Number(process.env.EVIL_HUGE_BYTES || 8 << 20);
const send = (m) => process.stdout.write(JSON.stringify(m) + '\n');
const obj = { type: 'object', properties: { x: { type: 'number' } } };
const odd = ['odd name!', 'a.b', 'a-b', 'a_b', 'class', 'ünï—cødé', '9lives', 'x'.repeat(300), 'tab\tname', 'dup/1', 'dup?1'];
const tools = ['crash', 'huge', 'garbage', 'never', 'echo', 'fail', 'text_json', 'pingflood', 'change_tools', 'log', 'received', 'dollar_keys', ...odd].map((name) => ({
  name, description: `evil ${name.slice(0, 20)}`, inputSchema: obj,
}));
const grownSchema = { type: 'object', properties: { n: { type: 'integer' }, flag: { type: 'boolean' }, 'odd key': { type: 'string' } } };
if (process.env.EVIL_GROW === '1' && !first) tools.unshift({ name: 'grown', description: 'evil grown after a restart', inputSchema: grownSchema });

const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  let m;
  try { m = JSON.parse(line); } catch { return; }
  if (m.method === 'initialize') {
    if (initDelay) { setTimeout(() => send({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'evil', version: '1' } } }), initDelay); return; }
    send({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'evil', version: '1' } } });
  } else if (m.method === 'tools/list') {
    // Two pages, to exercise pagination.
    const page2 = m.params && m.params.cursor === 'p2';
    send({ jsonrpc: '2.0', id: m.id, result: page2 ? { tools: tools.slice(6) } : { tools: tools.slice(0, 6), nextCursor: 'p2' } });
  } else if (m.method === 'tools/call') {
    const { name, arguments: args } = m.params;
    if (name === 'crash') process.exit(3);
    if (name === 'huge') process.stdout.write(`{"jsonrpc":"2.0","id":${m.id},"result":{"content":[{"type":"text","text":"${'A'.repeat(HUGE)}"}]}}\n`);
    else if (name === 'garbage') { process.stdout.write('this is not json\n{"jsonrpc":"1.0"}\n[1,2,3]\n{"jsonrpc":"2.0","id":{"x":1},"result":{}}\n\xff\xfe\n'); }
    else if (name === 'never') { /* silence */ }
    else if (name === 'pingflood') {
      rl.close();
      process.stdin.pause();
      const ping = (i) => `{"jsonrpc":"2.0","id":"p${i}","method":"ping"}\n`;
      let i = 0;
      const more = () => { while (i < 600000) { if (!process.stdout.write(ping(i++))) { process.stdout.once('drain', more); return; } } };
      more();
    }
    else if (name === 'change_tools') {
      if (!tools.some((t) => t.name === 'changed_live')) tools.push({ name: 'changed_live', description: 'evil changed_live', inputSchema: obj });
      send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
      send({ jsonrpc: '2.0', id: m.id, result: { content: [{ type: 'text', text: 'changed' }], structuredContent: { changed: true } } });
    }
    else if (name === 'log') {
      const log = (level, data, logger) => send({ jsonrpc: '2.0', method: 'notifications/message', params: { level, data, ...(logger ? { logger } : {}) } });
      for (let i = 0; i < (args?.count ?? 3); i++) log('info', `line ${i}`, 'evil-logger');
      if (args?.big) log('warning', 'B'.repeat(args.big));
      log('loud', 'an unknown level');
      send({ jsonrpc: '2.0', id: m.id, result: { content: [{ type: 'text', text: 'logged' }], structuredContent: { logged: true } } });
    }
    else if (name === 'received') send({ jsonrpc: '2.0', id: m.id, result: { content: [], structuredContent: { seen: JSON.stringify(args) } } });
    else if (name === 'dollar_keys') send({ jsonrpc: '2.0', id: m.id, result: { content: [], structuredContent: { $bytes: 'not base64!', $$bytes: 2, nested: [{ $bytes: 'AAE=' }] } } });
    else if (name === 'fail') send({ jsonrpc: '2.0', id: m.id, result: { isError: true, content: [{ type: 'text', text: 'evil says no' }] } });
    else if (name === 'text_json') send({ jsonrpc: '2.0', id: m.id, result: { content: [{ type: 'text', text: '{"n": 42}' }] } });
    else send({ jsonrpc: '2.0', id: m.id, result: { content: [{ type: 'text', text: 'ignored' }], structuredContent: { tool: name, args } } });
  } else if (m.method === 'notifications/initialized') {
    send({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'idle chatter' } });
  } else if (m.method === 'notifications/cancelled' && process.env.EVIL_STATE) {
    appendFileSync(process.env.EVIL_STATE, `cancelled: ${m.params.reason}\n`);
  } else if (m.id !== undefined && m.method) {
    send({ jsonrpc: '2.0', id: m.id, error: { code: -32601, message: 'no' } });
  }
});
