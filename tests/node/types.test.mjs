// The shipped .d.ts files type-check against @cloudflare/codemode's own
// Executor type (types/check.ts, compiled with tsc --noEmit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));

test('CodecellExecutor is a codemode Executor to TypeScript', async () => {
  const tsc = fileURLToPath(new URL('./node_modules/typescript/bin/tsc', import.meta.url));
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', 'types/tsconfig.json'], { cwd: HERE, timeout: 120000 });
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});
