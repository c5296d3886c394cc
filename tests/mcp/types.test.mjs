// codecell types against its two oracles: @cloudflare/codemode's own
// generator (generateTypesFromJsonSchema, from npm) must write the same text
// for the same tools, and tsc must accept what codecell writes. The corpus
// is the tool lists of the real servers from npm, fetched live with the
// official MCP SDK, plus edge-tools.json (schemas that stress each rule).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { bin, here, servers, tempdir } from './helpers.mjs';

// codemode 0.5.6 exports the generator only from a bundle chunk whose
// entry imports cloudflare: modules node cannot load; the chunk itself is
// plain JavaScript.
async function codemodeGenerator() {
  const dist = join(here, 'node_modules/@cloudflare/codemode/dist');
  const chunk = readdirSync(dist).find((n) => /^json-schema-types-.*\.js$/.test(n));
  const m = await import(join(dist, chunk));
  const gen = Object.values(m).find((f) => typeof f === 'function' && /generateTypesFromJsonSchema|availableTools/.test(f.toString()));
  assert.ok(gen, 'found generateTypesFromJsonSchema in the codemode bundle');
  return gen;
}

const types = (input) => execFileSync(bin, ['types', '-'], { input: JSON.stringify(input) }).toString();
const asCodemode = (tools) => Object.fromEntries(tools.map((t) => [t.name, { description: t.description, inputSchema: t.inputSchema, outputSchema: t.outputSchema }]));

async function liveCorpus() {
  const dir = tempdir();
  const out = {};
  for (const [ns, make] of Object.entries({ everything: servers.everything, filesystem: servers.filesystem, memory: servers.memory })) {
    const c = new Client({ name: 'corpus', version: '1' });
    const s = make(dir);
    await c.connect(new StdioClientTransport({ command: s.command, args: s.args, env: { ...process.env, ...(s.env || {}) }, stderr: 'ignore' }));
    out[ns] = (await c.listTools()).tools;
    await c.close();
  }
  return out;
}

const corpus = await liveCorpus();
const gen = await codemodeGenerator();

for (const ns of Object.keys(corpus)) {
  test(`the ${ns} server's tools: the same declarations as codemode's generator`, () => {
    assert.ok(corpus[ns].length >= 9, `${ns} lists its tools`);
    assert.equal(types({ codemode: corpus[ns] }).trim(), gen(asCodemode(corpus[ns])));
  });
}

test('edge-case schemas: the same declarations as codemode, one tool at a time', () => {
  const edge = JSON.parse(readFileSync(join(here, 'edge-tools.json'), 'utf8')).codemode;
  for (const t of edge)
    assert.equal(types([t]).trim(), gen(asCodemode([t])), t.name);
});

test('a tool codemode fails on gets unknown types once (codemode repeats the type, which tsc refuses)', () => {
  const t = { name: 'bad', description: 5, inputSchema: { type: 'object' } };
  const ours = types([t]);
  assert.equal((ours.match(/type BadInput =/g) || []).length, 1);
  assert.match(ours, /type BadInput = unknown\ntype BadOutput = unknown/);
  assert.equal((gen(asCodemode([t])).match(/type BadInput =/g) || []).length, 2);
});

test('names: collisions are resolved in the byte order of the original names, whatever the listing order', () => {
  const tools = ['a_b', 'a.b', 'a-b', 'A_b', 'if', '1x', '', '$'].map((name) => ({ name, inputSchema: { type: 'object' } }));
  const a = types([...tools]);
  const b = types([...tools].reverse());
  const props = (s) => [...s.matchAll(/^\t(\S+): \(input: (\S+)\)/gm)].map((m) => m[1] + ' ' + m[2]).sort();
  assert.deepEqual(props(a), props(b));
  assert.deepEqual(props(a), [
    // "A_b" is PascalCase "AB" and comes first in byte order; the type
    // names of the a_b family then skip every name another tool has.
    '$ $Input', 'A_b ABInput', '_1x _1xInput', 'a_b AB_4Input', 'a_b_2 AB_2Input', 'a_b_3 AB_3Input', 'if_ If_Input'].sort());
});

test('the whole corpus (and the edge cases) type-checks with tsc --strict, programs included', () => {
  const dir = tempdir();
  const all = types(corpus);
  const edge = types(JSON.parse(readFileSync(join(here, 'edge-tools.json'), 'utf8')));
  writeFileSync(join(dir, 'servers.d.ts'), all);
  writeFileSync(join(dir, 'edge.d.ts'), edge.replace('declare const codemode', 'declare const edge'));
  writeFileSync(join(dir, 'use.ts'), `export async function run() {
  const made = await memory.create_entities({ entities: [{ name: "a", entityType: "t", observations: [] }] });
  const text = await filesystem.read_text_file({ path: "/x", head: 3 });
  const sum = await everything.get_sum({ a: 1, b: 2 });
  // @ts-expect-error a required property is missing
  await memory.create_relations({});
  return [made, text, sum];
}
`);
  const tsc = join(here, 'node_modules/typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022',
    join(dir, 'servers.d.ts'), join(dir, 'edge.d.ts'), join(dir, 'use.ts')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(all, /^type EverythingEchoInput = \{/m);
});

test('bad input: a clear error and exit code 2', () => {
  for (const [input, msg] of [['{"x": 1}', /namespace "x" is not an array of tools/], ['{"if": []}', /namespace "if" must be a JavaScript identifier/],
    ['[1,', /not valid JSON/], [Buffer.from([0x22, 0xff, 0x22]), /not UTF-8/]]) {
    const r = spawnSync(bin, ['types', '-'], { input, encoding: 'utf8' });
    assert.equal(r.status, 2, input);
    assert.match(r.stderr, msg);
  }
});
