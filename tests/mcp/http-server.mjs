// A small streamable HTTP MCP server (node's http module, no SDK) for
// tests/mcp/mcp.test.mjs: it hands out session ids, answers tools/list as
// an event stream and calls as JSON, reports the headers it was sent (so a
// test sees the credential arrive), can forget every session (the next
// request then gets 404, as the spec says), and can answer too much.
// Prints "PORT <n>" on stdout once listening.
import { createServer } from 'node:http';

let sessions = new Set();
let next = 1;
const tools = ['whoami', 'expire', 'big'].map((name) => ({ name, description: `http ${name}`, inputSchema: { type: 'object' } }));

createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/mcp') { res.writeHead(405).end(); return; }
  const accept = req.headers.accept || '';
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) { res.writeHead(406).end(); return; }
  let body = '';
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    const m = JSON.parse(body);
    const sid = req.headers['mcp-session-id'];
    if (m.method !== 'initialize' && !sessions.has(sid)) { res.writeHead(404).end('no such session'); return; }
    const json = (obj, headers = {}) => res.writeHead(200, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(obj, null, 2));
    if (m.method === 'initialize') {
      const id = `session-${next++}`;
      sessions.add(id);
      json({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'http', version: '1' } } }, { 'Mcp-Session-Id': id });
    } else if (m.id === undefined) {
      res.writeHead(202).end();
    } else if (m.method === 'tools/list') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.end(`event: message\nid: 1\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { tools } })}\n\n`);
    } else if (m.method === 'tools/call' && m.params.name === 'whoami') {
      json({ jsonrpc: '2.0', id: m.id, result: { content: [], structuredContent: { auth: req.headers.authorization, extra: req.headers['x-extra'], session: sid, version: req.headers['mcp-protocol-version'] } } });
    } else if (m.method === 'tools/call' && m.params.name === 'expire') {
      sessions = new Set();
      json({ jsonrpc: '2.0', id: m.id, result: { content: [{ type: 'text', text: '"expired"' }] } });
    } else if (m.method === 'tools/call' && m.params.name === 'big') {
      json({ jsonrpc: '2.0', id: m.id, result: { content: [{ type: 'text', text: 'B'.repeat(2 << 20) }] } });
    } else {
      json({ jsonrpc: '2.0', id: m.id, error: { code: -32601, message: 'no' } });
    }
  });
}).listen(0, '127.0.0.1', function () { console.log(`PORT ${this.address().port}`); });
