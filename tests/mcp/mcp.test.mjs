// codecell mcp driven by the official MCP TypeScript SDK over stdio, with
// real downstream servers from npm (server-memory, server-filesystem,
// server-everything) and a misbehaving one of our own (evil-server.mjs).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { here, servers, tempdir, writeConfig, connect, execute } from './helpers.mjs';

const open = [];
after(async () => { for (const c of open) await c.client.close().catch(() => {}); });

async function session(config, policy, opts) {
  const dir = tempdir();
  const cfg = typeof config === 'function' ? config(dir) : config;
  const s = await connect(writeConfig(dir, cfg, policy), opts);
  s.dir = dir;
  open.push(s);
  return s;
}

const three = (dir) => ({ servers: { memory: servers.memory(dir), filesystem: servers.filesystem(dir), everything: servers.everything() } });

test('lists execute, search_tools and describe_tool; execute declares every downstream tool', async () => {
  const s = await session(three);
  const { tools } = await s.client.listTools();
  assert.deepEqual(tools.map((t) => t.name), ['execute', 'search_tools', 'describe_tool']);
  const d = tools[0].description;
  for (const want of ['declare const memory: {', 'declare const filesystem: {', 'declare const everything: {',
    'create_entities: (input: MemoryCreateEntitiesInput) => Promise<MemoryCreateEntitiesOutput>;',
    'read_text_file: (input: FilesystemReadTextFileInput)', 'get_sum: (input: EverythingGetSumInput)']) {
    assert.ok(d.includes(want), `execute's description holds ${want}`);
  }
});

test('a program calls three real servers in parallel and returns a value', async () => {
  const s = await session(three);
  writeFileSync(join(s.dir, 'note.txt'), 'hello from a file');
  const code = `async () => {
    const [created, file, sum, echo] = await Promise.all([
      memory.create_entities({ entities: [{ name: "Ada", entityType: "person", observations: ["wrote programs"] }] }),
      filesystem.read_text_file({ path: ${JSON.stringify(join(s.dir, 'note.txt'))} }),
      everything.get_sum({ a: 2, b: 40 }),
      everything.echo({ message: "hi" }),
    ]);
    const graph = await memory.read_graph({});
    console.log("entities", graph.entities.length);
    return { created: created.entities.map((e) => e.name), file, sum, echo, n: graph.entities.length };
  }`;
  const r = await execute(s.client, code);
  assert.equal(r.isError, undefined, JSON.stringify(r));
  const v = r.structuredContent.result;
  assert.deepEqual(v.created, ['Ada']);
  assert.equal(v.n, 1);
  assert.match(JSON.stringify(v.file), /hello from a file/);
  assert.match(JSON.stringify(v.sum), /42/);
  assert.match(JSON.stringify(v.echo), /Echo: hi/);
  assert.deepEqual(JSON.parse(r.content[0].text), v);
  assert.ok(s.logs.some((l) => l.data === 'entities 1' && l.level === 'info'), JSON.stringify(s.logs));
});

test('calls to one server are in flight together (three 1 s operations take well under 3 s)', async () => {
  const s = await session((dir) => ({ servers: { everything: servers.everything() } }));
  const t0 = Date.now();
  const r = await execute(s.client, `async () => {
    const op = () => everything.trigger_long_running_operation({ duration: 1, steps: 1 });
    return (await Promise.all([op(), op(), op()])).length;
  }`);
  const ms = Date.now() - t0;
  assert.equal(r.structuredContent.result, 3, JSON.stringify(r));
  assert.ok(ms < 2800, `took ${ms} ms`);
});

test('progress notifications follow tool calls when the client gives a progress token', async () => {
  const s = await session((dir) => ({ servers: { everything: servers.everything() } }));
  const seen = [];
  // The SDK client runs a notification's handler in a microtask but a
  // response's at once, dropping the request's progress handler: a progress
  // notification that reaches it in the same read as the response is lost
  // ("unknown token"). codecell mcp writes each one before the run can even
  // answer; the program waits a little after its last call so the two are
  // not read together, and what is checked is what the server sent.
  const r = await execute(s.client, 'async () => { await everything.echo({message: "a"}); await everything.echo({message: "b"}); await new Promise((ok) => setTimeout(ok, 100)); return 1; }',
    { onprogress: (p) => seen.push(p) });
  assert.equal(r.structuredContent.result, 1);
  assert.deepEqual(seen.map((p) => p.progress), [1, 2]);
  assert.match(seen[0].message, /everything\.echo returned/);
});

test('search_tools and describe_tool disclose tools progressively', async () => {
  const s = await session(three);
  const found = await s.client.callTool({ name: 'search_tools', arguments: { query: 'entities create' } });
  const names = found.structuredContent.tools.map((t) => t.name);
  assert.ok(names.includes('memory.create_entities'), names.join());
  const d = await s.client.callTool({ name: 'describe_tool', arguments: { name: 'memory.create_entities' } });
  assert.match(d.content[0].text, /declare const memory: \{[\s\S]*create_entities: \(input: MemoryCreateEntitiesInput\)/);
  const none = await s.client.callTool({ name: 'describe_tool', arguments: { name: 'memory.nope' } });
  assert.equal(none.isError, true);
});

test('a program error carries name, message and line', async () => {
  const s = await session((dir) => ({ servers: { everything: servers.everything() } }));
  const r = await execute(s.client, 'async () => {\n  await everything.echo({message: "x"});\n  null.boom;\n}');
  assert.equal(r.isError, true);
  assert.equal(r.structuredContent.error.name, 'TypeError');
  assert.equal(r.structuredContent.error.line, 3);
  assert.match(r.content[0].text, /^TypeError: .*\(line 3\)/);
});

const policy = (tools) => ({ tools });

test('policy: a denied tool is not declared and cannot be called', async () => {
  const s = await session(three, policy({ allow: ['*'], deny: ['memory.delete_*'] }));
  const { tools } = await s.client.listTools();
  assert.ok(!tools[0].description.includes('delete_entities'));
  assert.ok(tools[0].description.includes('create_entities'));
  const r = await execute(s.client, 'async () => { try { await memory.delete_entities({entityNames: ["x"]}); return "called"; } catch (e) { return e.message; } }');
  assert.match(r.structuredContent.result, /delete_entities/);
  assert.notEqual(r.structuredContent.result, 'called');
});

for (const answer of ['accept', 'decline']) {
  test(`policy ask: an elicitation the client answers with ${answer}`, async () => {
    const s = await session(three, policy({ allow: ['*'], ask: ['memory.create_entities'] }),
      { elicit: async () => (answer === 'accept' ? { action: 'accept', content: { remember: false } } : { action: 'decline' }) });
    const r = await execute(s.client, `async () => {
      try { await memory.create_entities({ entities: [{ name: "Bo", entityType: "cat", observations: [] }] }); }
      catch (e) { return "denied: " + e.message; }
      return (await memory.read_graph({})).entities.map((e) => e.name);
    }`);
    assert.equal(s.elicitations.length, 1);
    assert.match(s.elicitations[0].message, /memory\.create_entities/);
    assert.equal(s.elicitations[0].requestedSchema.type, 'object');
    if (answer === 'accept') assert.deepEqual(r.structuredContent.result, ['Bo']);
    else assert.match(r.structuredContent.result, /^denied: /);
  });
}

test('policy ask without the elicitation capability is a denial', async () => {
  const s = await session(three, policy({ allow: ['*'], ask: ['memory.create_entities'] }));
  const r = await execute(s.client, 'async () => { try { await memory.create_entities({entities: []}); return "ran"; } catch (e) { return "denied: " + e.message; } }');
  assert.match(r.structuredContent.result, /^denied: /);
});

const evilOnly = (extra = {}) => (dir) => ({ servers: { evil: servers.evil(dir) }, limits: { call_timeout: '1500ms', max_response: '1MiB', ...extra } });

test('a downstream crash: the program gets a catchable error naming server and tool; the server is restarted', async () => {
  const s = await session(evilOnly());
  const r = await execute(s.client, `async () => {
    let msg = "no error";
    try { await evil.crash({}); } catch (e) { msg = e.message; }
    await new Promise((ok) => setTimeout(ok, 600));
    const after = await evil.echo({ x: 1 });
    return { msg, after };
  }`);
  assert.equal(r.isError, undefined, JSON.stringify(r));
  assert.match(r.structuredContent.result.msg, /^evil\.crash: the server failed during the call \(it closed its output/);
  assert.deepEqual(r.structuredContent.result.after, { tool: 'echo', args: { x: 1 } });
  assert.equal(readFileSync(join(s.dir, 'evil-starts'), 'utf8'), 'start\nstart\n');
});

test('a malicious downstream: huge, malformed and missing answers are clear errors; odd names are sanitised', async () => {
  const s = await session(evilOnly());
  const { tools } = await s.client.listTools();
  const d = tools[0].description;
  // Sanitised as codemode does, made unique in the byte order of the original names.
  for (const name of ['odd_name', 'a_b:', 'a_b_2:', 'a_b_3:', 'class_', 'ncd:', '_9lives', 'tab_name', 'dup1', 'dup1_2']) {
    assert.ok(d.includes(`\t${name}`), `declares ${name}`);
  }
  assert.ok(!d.includes('x'.repeat(300)), 'a name over 256 bytes is left out');
  const r = await execute(s.client, `async () => {
    const out = {};
    for (const t of ["huge", "garbage", "never", "fail"]) {
      try { await evil[t]({}); out[t] = "returned"; } catch (e) { out[t] = e.name + ": " + e.message; }
    }
    await new Promise((ok) => setTimeout(ok, 600));
    out.json = await evil.text_json({});
    out.odd = await evil.odd_name({ x: 2 });
    out.dup = await evil.a_b_2({});
    return out;
  }`);
  assert.equal(r.isError, undefined, JSON.stringify(r));
  const v = r.structuredContent.result;
  assert.match(v.huge, /^ToolError: evil\.huge: the server failed during the call \(it sent a message over the 1048576-byte limit/);
  assert.match(v.garbage, /^ToolError: evil\.garbage: the server did not answer within 1500 ms/);
  assert.match(v.never, /^ToolError: evil\.never: the server did not answer within 1500 ms/);
  assert.equal(v.fail, 'ToolError: evil.fail failed: evil says no');
  assert.deepEqual(v.json, { n: 42 });
  assert.deepEqual(v.odd, { tool: 'odd name!', args: { x: 2 } });
  assert.deepEqual(v.dup, { tool: 'a.b', args: {} });
  // Still serving.
  const again = await execute(s.client, 'async () => (await evil.echo({x: 3})).args.x');
  assert.equal(again.structuredContent.result, 3);
  assert.match(s.stderr(), /server "evil" sent a malformed message/);
});

test('a downstream that stops reading (and floods pings) is restarted before it holds 16 MiB of answers', async () => {
  const s = await session(evilOnly({ call_timeout: '30s' }));
  const r = await execute(s.client, 'async () => { try { await evil.pingflood({}); return "returned"; } catch (e) { return e.message; } }');
  assert.match(r.structuredContent.result, /^evil\.pingflood: the server failed during the call \(it does not read what codecell mcp sends it/);
});

test('a server that lists its tools late is offered then, with notifications/tools/list_changed', async () => {
  const s = await session((dir) => ({ servers: { evil: { ...servers.evil(dir), env: { ...servers.evil(dir).env, EVIL_SLOW_FIRST_MS: '3000' } } }, limits: { startup_timeout: '1s' } }));
  const changed = new Promise((ok) => s.client.setNotificationHandler(ToolListChangedNotificationSchema, () => ok()));
  const before = await s.client.listTools();
  assert.ok(before.tools[0].description.includes('declare const evil: {}'));
  await changed;
  const after = await s.client.listTools();
  assert.ok(after.tools[0].description.includes('echo: (input: EchoInput)'));
  const r = await execute(s.client, 'async () => (await evil.echo({ x: 7 })).args.x');
  assert.equal(r.structuredContent.result, 7);
});

// Resolves on the next notifications/tools/list_changed the client gets;
// rejects when none comes within 15 s.
const nextListChanged = (s) => new Promise((ok, fail) => {
  const t = setTimeout(() => fail(new Error('no notifications/tools/list_changed within 15 s')), 15000);
  s.client.setNotificationHandler(ToolListChangedNotificationSchema, () => { clearTimeout(t); ok(); });
});
const searchNames = async (s, query) => (await s.client.callTool({ name: 'search_tools', arguments: { query } })).structuredContent.tools.map((t) => t.name);

test('a restarted server is listed again: new tools reach execute, search_tools and the client (list_changed)', async () => {
  const s = await session((dir) => ({ servers: { evil: { ...servers.evil(dir), env: { ...servers.evil(dir).env, EVIL_GROW: '1' } } }, limits: { call_timeout: '5s' } }));
  const before = await s.client.listTools();
  assert.ok(!before.tools[0].description.includes('grown'), 'not there before the restart');
  assert.deepEqual(await searchNames(s, 'grown'), []);
  const changed = nextListChanged(s);
  const r = await execute(s.client, 'async () => { try { await evil.crash({}); } catch (e) { return e.name; } }');
  assert.equal(r.structuredContent.result, 'ToolError', JSON.stringify(r));
  await changed;
  const after = await s.client.listTools();
  assert.ok(after.tools[0].description.includes('grown: (input: GrownInput) => Promise<GrownOutput>;'), after.tools[0].description.slice(0, 2000));
  assert.deepEqual(await searchNames(s, 'grown'), ['evil.grown']);
  const v = await execute(s.client, 'async () => (await evil.grown({ n: 1 })).tool');
  assert.equal(v.structuredContent.result, 'grown', JSON.stringify(v));
  assert.equal(readFileSync(join(s.dir, 'evil-starts'), 'utf8'), 'start\nstart\n');
});

test('a restarted server whose tools did not change sends no list_changed', async () => {
  const s = await session(evilOnly());
  let changes = 0;
  s.client.setNotificationHandler(ToolListChangedNotificationSchema, () => { changes++; });
  const r = await execute(s.client, 'async () => { try { await evil.crash({}); } catch (e) {} return (await evil.echo({ x: 1 })).args.x; }');
  assert.equal(r.structuredContent.result, 1, JSON.stringify(r));
  assert.equal(changes, 0);
});

test('a downstream tools/list_changed makes codecell mcp list it again and tell the client', async () => {
  const s = await session(evilOnly());
  assert.ok(!(await s.client.listTools()).tools[0].description.includes('changed_live'));
  const changed = nextListChanged(s);
  const r = await execute(s.client, 'async () => (await evil.change_tools({})).changed');
  assert.equal(r.structuredContent.result, true, JSON.stringify(r));
  await changed;
  assert.ok((await s.client.listTools()).tools[0].description.includes('changed_live: (input: ChangedLiveInput)'));
  assert.deepEqual(await searchNames(s, 'changed_live'), ['evil.changed_live']);
  const v = await execute(s.client, 'async () => (await evil.changed_live({ x: 4 })).args.x');
  assert.equal(v.structuredContent.result, 4, JSON.stringify(v));
  // A second notification with nothing new: listed again, the client not told.
  let more = 0;
  s.client.setNotificationHandler(ToolListChangedNotificationSchema, () => { more++; });
  await execute(s.client, 'async () => (await evil.change_tools({})).changed');
  await new Promise((ok) => setTimeout(ok, 1500));
  assert.equal(more, 0);
});

test('a downstream\'s log messages during a call reach the client naming the server, bounded in size and rate', async () => {
  const s = await session(evilOnly());
  const r = await execute(s.client, 'async () => { await evil.log({ count: 3, big: 100000 }); return 1; }');
  assert.equal(r.structuredContent.result, 1, JSON.stringify(r));
  const lines = s.logs.filter((l) => typeof l.logger === 'string' && l.logger.startsWith('evil'));
  assert.deepEqual(lines.slice(0, 3), [0, 1, 2].map((i) => ({ level: 'info', logger: 'evil/evil-logger', data: `line ${i}` })));
  const big = lines.find((l) => l.level === 'warning');
  assert.ok(big && big.logger === 'evil' && typeof big.data === 'string', JSON.stringify(lines.map((l) => l.logger)));
  assert.ok(big.data.length <= 4096 && big.data.endsWith('...') && big.data.startsWith('BBBB'), `${big.data.length} bytes`);
  assert.ok(!s.logs.some((l) => l.data === 'idle chatter'), 'a message outside any call is not forwarded');
  assert.ok(!s.logs.some((l) => l.data === 'an unknown level'), 'a message with an unknown level is dropped');
  // A flood: at most 20 a second are passed on, then a note of how many were dropped.
  await new Promise((ok) => setTimeout(ok, 1100)); // a window of its own
  s.logs.length = 0;
  await execute(s.client, 'async () => { await evil.log({ count: 500 }); await new Promise((ok) => setTimeout(ok, 1100)); await evil.log({ count: 1 }); }');
  const flood = s.logs.filter((l) => l.logger === 'evil/evil-logger');
  assert.ok(flood.length >= 20 && flood.length <= 21, `${flood.length} forwarded`);
  assert.ok(s.logs.some((l) => l.logger === 'evil' && /dropped 480 log messages of server "evil"/.test(l.data)), JSON.stringify(s.logs.filter((l) => l.logger === 'evil')));
  // logging/setLevel applies to them as to the program's own.
  s.logs.length = 0;
  await s.client.setLoggingLevel('warning');
  await execute(s.client, 'async () => { await evil.log({ count: 2, big: 10 }); }');
  assert.deepEqual(s.logs.filter((l) => l.logger?.startsWith('evil')).map((l) => l.level), ['warning']);
});

test('execute\'s one-line example calls the first offered tool with its input\'s keys', async () => {
  const s = await session((dir) => ({ servers: { evil: { ...servers.evil(dir), env: { ...servers.evil(dir).env, EVIL_GROW: '1' } } } }));
  const d1 = (await s.client.listTools()).tools[0].description;
  assert.ok(d1.includes('Example: async () => { const r = await evil.crash({ x: 0 }); return r; }'), d1.slice(0, 1500));
  // After the restart the first tool is grown, with three typed keys.
  const changed = nextListChanged(s);
  await execute(s.client, 'async () => { try { await evil.crash({}); } catch (e) {} }');
  await changed;
  const d2 = (await s.client.listTools()).tools[0].description;
  assert.ok(d2.includes('Example: async () => { const r = await evil.grown({ n: 0, flag: true, "odd key": "..." }); return r; }'), d2.slice(0, 1500));
});

test('the example skips tools the policy denies, and a server without tools gives none', async () => {
  const s = await session(evilOnly(), policy({ allow: ['*'], deny: ['evil.crash', 'evil.huge'] }));
  const d = (await s.client.listTools()).tools[0].description;
  assert.ok(d.includes('Example: async () => { const r = await evil.garbage({ x: 0 }); return r; }'), d.slice(0, 1500));
  const none = await session((dir) => ({ servers: { everything: servers.everything() } }), policy({ allow: ['*'], deny: ['everything.*'] }));
  assert.ok(!(await none.client.listTools()).tools[0].description.includes('Example:'));
});

test('bytes in a tool\'s input reach an MCP server as base64 strings; $bytes keys cross both ways as written', async () => {
  const s = await session(evilOnly());
  const r = await execute(s.client, `async () => {
    const b = new Uint8Array([0, 1, 254, 255]);
    const sent = JSON.parse((await evil.received({ data: b, view: b.subarray(1, 3), list: [new Uint8Array(0)], mine: { "$bytes": "x" }, "$$bytes": 1 })).seen);
    const back = await evil.dollar_keys({});
    let whole;
    try { await evil.received(b); } catch (e) { whole = e.message; }
    return { sent, back, backIsBytes: back.nested[0] instanceof Uint8Array, whole, raw: b, key: { "$bytes": 1 } };
  }`);
  assert.equal(r.isError, undefined, JSON.stringify(r));
  const v = r.structuredContent.result;
  assert.deepEqual(v.sent, { data: 'AAH+/w==', view: 'Af4=', list: [''], mine: { $bytes: 'x' }, $$bytes: 1 });
  assert.deepEqual(v.back, { $bytes: 'not base64!', $$bytes: 2, nested: [{ $bytes: 'AAE=' }] });
  assert.equal(v.backIsBytes, false);
  assert.equal(v.whole, 'evil.received takes one object argument (its input), e.g. ns.tool({...})');
  // The program's own value reaches the client the same way.
  assert.equal(v.raw, 'AAH+/w==');
  assert.deepEqual(v.key, { $bytes: 1 });
  assert.equal(JSON.parse(r.content[0].text).raw, 'AAH+/w==');
});

test('SIGTERM: codecell mcp cancels its runs, stops its servers and exits', async () => {
  const s = await session((dir) => ({ servers: { evil: { ...servers.evil(dir), env: { ...servers.evil(dir).env, EVIL_PIDFILE: join(dir, 'pids') } } }, limits: { call_timeout: '60s' } }));
  const closed = new Promise((ok) => { s.transport.onclose = ok; });
  const child = s.transport._process; // the SDK forgets it on close
  const running = execute(s.client, 'async () => { await evil.never({}); }').catch((e) => e);
  await new Promise((ok) => setTimeout(ok, 800));
  const t0 = Date.now();
  process.kill(s.transport.pid, 'SIGTERM');
  await closed;
  assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
  // Exit status 0, not death by the signal: it stopped on purpose.
  if (child.exitCode === null && child.signalCode === null) await new Promise((ok) => child.once('exit', ok));
  assert.equal(child.signalCode, null);
  assert.equal(child.exitCode, 0);
  await running;
  const pid = Number(readFileSync(join(s.dir, 'pids'), 'utf8').trim());
  assert.throws(() => process.kill(pid, 0), /ESRCH/, 'the downstream server is gone');
});

test('a server that cannot start offers no tools, and codecell mcp still serves', async () => {
  const s = await session((dir) => ({ servers: { gone: { command: '/nonexistent/server' }, everything: servers.everything() }, limits: { startup_timeout: '5s' } }));
  const { tools } = await s.client.listTools();
  assert.ok(tools[0].description.includes('declare const gone: {}'));
  const r = await execute(s.client, 'async () => (await everything.echo({message: "ok"}))');
  assert.match(r.structuredContent.result, /Echo: ok/);
});

test('two execute calls run at once, each with its own answer', async () => {
  const s = await session((dir) => ({ servers: { everything: servers.everything() } }));
  const prog = (n) => `async () => { await everything.trigger_long_running_operation({ duration: 1, steps: 1 }); return ${n}; }`;
  const t0 = Date.now();
  const [a, b] = await Promise.all([execute(s.client, prog(1)), execute(s.client, prog(2))]);
  assert.deepEqual([a.structuredContent.result, b.structuredContent.result], [1, 2]);
  assert.ok(Date.now() - t0 < 2800, `took ${Date.now() - t0} ms`);
});

test('a cancelled execute ends its run; the server goes on serving', async () => {
  const s = await session(evilOnly({ call_timeout: '60s' }));
  const ac = new AbortController();
  const pending = execute(s.client, 'async () => { await evil.never({}); return "finished"; }', { signal: ac.signal });
  setTimeout(() => ac.abort('enough'), 500);
  await assert.rejects(pending);
  const r = await execute(s.client, 'async () => (await evil.echo({ x: 5 })).args.x');
  assert.equal(r.structuredContent.result, 5);
  // The run ended, so its call to the server was withdrawn.
  assert.equal(readFileSync(join(s.dir, 'evil-starts'), 'utf8'), 'start\ncancelled: the program that made the call has ended\n');
});

test('logging/setLevel filters the program\'s log notifications', async () => {
  const s = await session((dir) => ({ servers: { everything: servers.everything() } }));
  await s.client.setLoggingLevel('warning');
  await execute(s.client, 'async () => { console.log("quiet"); console.warn("loud"); console.error("louder"); return 0; }');
  assert.deepEqual(s.logs.map((l) => `${l.level} ${l.data}`), ['warning loud', 'error louder']);
});

// Starts a process that prints its port; resolves to {port, child}.
function listening(args, env, pattern) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const look = (d) => {
      out += d;
      const m = out.match(pattern);
      if (m) resolve({ port: Number(m[1]), child });
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('exit', () => reject(new Error(`exited: ${out}`)));
  });
}

test('a streamable HTTP server: credential headers from the environment, sessions, event streams, a session the server forgets', async (t) => {
  const { port, child } = await listening([join(here, 'http-server.mjs')], {}, /PORT (\d+)/);
  t.after(() => child.kill());
  process.env.CODECELL_TEST_TOKEN = 'Bearer sekret';
  const s = await session((dir) => ({
    servers: { web: { url: `http://127.0.0.1:${port}/mcp`, headers: { Authorization: { env: 'CODECELL_TEST_TOKEN' }, 'X-Extra': 'plain' } } },
    limits: { max_response: '1MiB' },
  }));
  const { tools } = await s.client.listTools();
  assert.ok(tools[0].description.includes('whoami: (input: WhoamiInput)'));
  const r = await execute(s.client, `async () => {
    const first = await web.whoami({});
    let big; try { await web.big({}); } catch (e) { big = e.message; }
    await web.expire({});
    let gone; try { await web.whoami({}); } catch (e) { gone = e.message; }
    await new Promise((ok) => setTimeout(ok, 700));
    const again = await web.whoami({});
    return { first, big, gone, again, seen: typeof CODECELL_TEST_TOKEN };
  }`);
  assert.equal(r.isError, undefined, JSON.stringify(r));
  const v = r.structuredContent.result;
  assert.deepEqual(v.first, { auth: 'Bearer sekret', extra: 'plain', session: 'session-1', version: '2025-06-18' });
  assert.match(v.big, /^web\.big: .*over the 1048576-byte limit/);
  assert.match(v.gone, /^web\.whoami: the server failed during the call/);
  assert.deepEqual(v.again, { auth: 'Bearer sekret', extra: 'plain', session: 'session-2', version: '2025-06-18' });
  assert.equal(v.seen, 'undefined');
  assert.ok(!JSON.stringify(tools).includes('sekret'));
});

test('the real server-everything over streamable HTTP', async (t) => {
  // It takes its port from PORT and cannot pick one itself.
  const free = await new Promise((ok) => { const srv = createNetServer().listen(0, '127.0.0.1', () => { const p = srv.address().port; srv.close(() => ok(p)); }); });
  const { port, child } = await listening([join(here, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js'), 'streamableHttp'],
    { PORT: String(free) }, /listening on port (\d+)/);
  t.after(() => child.kill());
  const s = await session(() => ({ servers: { everything: { url: `http://127.0.0.1:${port}/mcp` } } }));
  const r = await execute(s.client, 'async () => { const [a, b] = await Promise.all([everything.echo({ message: "over http" }), everything.get_sum({ a: 1, b: 2 })]); return { a, b }; }');
  assert.equal(r.isError, undefined, JSON.stringify(r));
  assert.match(JSON.stringify(r.structuredContent.result.a), /Echo: over http/);
  assert.match(JSON.stringify(r.structuredContent.result.b), /3/);
});
