// Runs examples/node-agent/agent.mjs as a user would (`node --import
// codecell-codemode/register agent.mjs`) against the real codecell binary.
// The script is copied next to this suite's node_modules so it resolves the
// same pinned packages without a second install.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { codecellBin } from './helpers.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const AGENT = fileURLToPath(new URL('../../examples/node-agent/agent.mjs', import.meta.url));

test('the example agent answers from a program run in the sandbox', async () => {
  const dir = mkdtempSync(join(HERE, '.example-'));
  try {
    copyFileSync(AGENT, join(dir, 'agent.mjs'));
    const { stdout, stderr } = await promisify(execFile)(process.execPath,
      ['--import', 'codecell-codemode/register', join(dir, 'agent.mjs'), 'Where is it warmest?'],
      { cwd: HERE, env: { ...process.env, CODECELL_BIN: codecellBin() }, timeout: 60000 });
    assert.equal(stdout.trim(), 'It is warmest in Tokyo (24 °C); rain in Oslo.');
    assert.match(stderr, /\[sandbox log \d+ ms\] checking Paris, Tokyo, Oslo/);
    assert.match(stderr, /\[tool result\] \{"result":\{"warmest":"Tokyo"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
