// The corpus's program list and its ratchet of expected failures.
// Runs in: the test host's node processes. Input: files in this directory.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Every program: `{name, file}`, name = file name without extension. */
export function listPrograms() {
  const dir = path.join(here, 'programs');
  return fs.readdirSync(dir).filter((f) => /\.(ts|js|md)$/.test(f)).sort()
    .map((f) => ({ name: f.replace(/\.(ts|js|md)$/, ''), file: path.join(dir, f) }));
}

/**
 * xfail.txt: `NAME  reason...` per line, `#` comments. Each entry is a
 * program known to differ from node, with why; a failure not listed here
 * fails the suite, and so does a listed program that starts passing.
 */
export function readXfail() {
  const map = new Map();
  const text = fs.readFileSync(path.join(here, 'xfail.txt'), 'utf8');
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const m = line.match(/^(\S+)\s+(.+)$/);
    if (!m) throw new Error(`xfail.txt: a line needs a name and a reason: ${raw}`);
    map.set(m[1], m[2]);
  }
  return map;
}
