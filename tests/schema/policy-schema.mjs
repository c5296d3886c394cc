// policy/policy.schema.json against codecell itself (the authority):
// - every policy codecell accepts in the tree (policy/*.jsonc, the valid
//   test policies, the Kubernetes ConfigMaps' policies) validates;
// - the keys `codecell policy show` prints for a policy using every kind of
//   object (each mount type, a network rule, both kinds of credential) are
//   exactly the schema's properties, level by level;
// - every property the schema names is a key codecell knows: given a value
//   of the wrong type it says so, never "unknown key";
// - a key codecell does not know is refused by both.
// usage: node policy-schema.mjs CODECELL SOURCE_ROOT   (TAP on stdout)
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import Ajv2020 from 'ajv/dist/2020.js';

const [codecell, root] = process.argv.slice(2);
let n = 0, failed = 0;
const ok = (cond, name, detail) => {
  n++;
  if (!cond) failed++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name.replace(/[#\n]/g, ' ')}`);
  if (!cond && detail) for (const l of String(detail).split('\n').slice(0, 20)) console.log('#   ' + l);
};
const schema = JSON.parse(readFileSync(join(root, 'policy', 'policy.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const tmp = mkdtempSync(join(tmpdir(), 'policy-schema-'));
const check = (text, ...flags) => {
  const p = join(tmp, 'p.jsonc');
  writeFileSync(p, text);
  return spawnSync(codecell, ['policy', ...flags, p], { encoding: 'utf8' });
};
// JSONC as codecell reads it: comments and trailing commas dropped.
const jsonc = (t) => JSON.parse(t.replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m, s) => s ?? '')
  .replace(/("(?:[^"\\]|\\.)*")|,(\s*[}\]])/g, (m, s, c) => s ?? c));

try {
  // 1. Policies codecell accepts validate.
  const files = readdirSync(join(root, 'policy')).filter((f) => f.endsWith('.jsonc')).map((f) => join(root, 'policy', f));
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    ok(check(text, 'check').status === 0, `${f.slice(root.length + 1)}: codecell accepts it`);
    ok(validate(jsonc(text)), `${f.slice(root.length + 1)}: the schema accepts it`, JSON.stringify(validate.errors));
  }

  // 2. The keys of a policy using every kind of object, as codecell prints them.
  const full = {
    $schema: 'policy.schema.json',
    tools: { allow: ['a.*'], ask: ['b.x'], deny: ['c.*'], caps: { 'a.*': 3 } },
    env: { A: 'b' },
    filesystem: { mounts: [
      { path: '/tmp', type: 'scratch', max_bytes: '1MiB', max_files: 10 },
      { path: '/data', type: 'host', source: '/usr/share', mode: 'ro', ask: 'always' },
      { path: '/workspace', type: 'workspace', mode: 'rw', ask: 'writes', max_bytes: '1MiB', max_files: 10 },
    ] },
    network: { allow: [{ scheme: 'https', host: 'api.example.com', port: 443, methods: ['GET'], path_prefix: '/v1', allow_private: false, ask: true }],
      credentials: [{ host: 'api.example.com', header: 'Authorization', prefix: 'Bearer ', env: 'TOKEN' },
        { host: 'api.example.com', header: 'X-Key', file: '/etc/hostname' }] },
    audit: { sink: 'host' },
  };
  ok(validate(full), 'the schema accepts a policy using every kind of object', JSON.stringify(validate.errors));
  const shown = check(JSON.stringify(full), 'show');
  ok(shown.status === 0, 'codecell accepts it too', shown.stderr);
  const effective = jsonc(shown.stdout);
  const paths = new Set();
  const walk = (v, s, path) => {
    if (!v || typeof v !== 'object' || !s) return;
    if (Array.isArray(v)) { for (const x of v) walk(x, s.items, path + '[]'); return; }
    if (!s.properties) return; // maps (env, caps): names are the user's
    for (const k of Object.keys(v)) { paths.add(`${path}.${k}`); walk(v[k], s.properties[k], `${path}.${k}`); }
  };
  walk(effective, schema, '');
  const schemaPaths = new Set();
  const walkS = (s, path) => {
    if (s.items) walkS(s.items, path + '[]');
    for (const [k, sub] of Object.entries(s.properties ?? {})) { schemaPaths.add(`${path}.${k}`); walkS(sub, `${path}.${k}`); }
  };
  walkS(schema, '');
  schemaPaths.delete('.$schema'); // for editors only: never printed
  const missing = [...paths].filter((p) => !schemaPaths.has(p));
  const extra = [...schemaPaths].filter((p) => !paths.has(p));
  ok(missing.length === 0, 'every key codecell prints is in the schema', missing.join(' '));
  ok(extra.length === 0, 'every schema property is a key codecell prints', extra.join(' '));

  // 3. Every schema property is known to codecell: a wrong-typed value gets a
  //    type error, never "unknown key".
  for (const p of schemaPaths) {
    const parts = p.slice(1).split('.');
    const doc = {};
    let cur = doc;
    for (let i = 0; i < parts.length; i++) {
      const k = parts[i].replace('[]', '');
      const last = i === parts.length - 1;
      if (parts[i].endsWith('[]')) { const o = {}; cur[k] = [o]; cur = o; if (last) cur[k] = [[[]]]; }
      else if (last) cur[k] = [[[]]];
      else { cur[k] = {}; cur = cur[k]; }
    }
    const r = check(JSON.stringify(doc), 'check');
    ok(r.status !== 0 && !/unknown key/.test(r.stderr), `codecell knows ${p}`, r.stderr);
  }

  // 4. An unknown key is refused by both.
  const bad = { limits: { wal: '1s' } };
  ok(!validate(bad) && check(JSON.stringify(bad), 'check').status !== 0, 'a misspelt key is refused by both');
} finally {
  rmSync(tmp, { recursive: true });
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
