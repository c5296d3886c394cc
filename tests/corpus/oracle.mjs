// Regenerates expected.json: every program in programs/ run on node 20
// (node-eval.mjs, one child process each, TZ=UTC). The file is committed;
// run.mjs compares codecell's outcomes with it.
// Runs in: a developer's shell (needs tests/node/node_modules for
// `typescript`: cd tests/node && npm ci). Usage: node tests/corpus/oracle.mjs [NAME...]
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { listPrograms } from './programs.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
if (major !== 20) {
  console.error(`oracle.mjs: the oracle is node 20; this is node ${process.versions.node}`);
  process.exit(2);
}
const expectedPath = path.join(here, 'expected.json');
const expected = fs.existsSync(expectedPath) ? JSON.parse(fs.readFileSync(expectedPath, 'utf8')) : {};
const only = process.argv.slice(2);
const names = new Set();
for (const p of listPrograms()) {
  names.add(p.name);
  if (only.length && !only.includes(p.name)) continue;
  const out = execFileSync(process.execPath, [path.join(here, 'node-eval.mjs'), p.file],
    { env: { ...process.env, TZ: 'UTC' }, encoding: 'utf8', timeout: 20000 });
  expected[p.name] = JSON.parse(out);
}
const sorted = {};
for (const k of Object.keys(expected).sort()) if (names.has(k)) sorted[k] = expected[k];
// One program per line: small diffs when one program changes.
const body = Object.entries(sorted).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n');
fs.writeFileSync(expectedPath, `{\n${body}\n}\n`);
console.log(`oracle.mjs: ${Object.keys(sorted).length} programs in expected.json`);
