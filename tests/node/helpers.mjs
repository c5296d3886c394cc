// Shared by the node tests: where the real codecell binary is, and a check
// that no run left a child process behind.
// Runs in: the node:test processes. Input: $CODECELL_BIN (set by meson).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

/** The real supervisor: $CODECELL_BIN, else the repo's build/ tree. Throws
 * (so the test fails, never skips) when it is missing: CI builds it first. */
export function codecellBin() {
  const p = process.env.CODECELL_BIN || fileURLToPath(new URL('../../build/supervisor/codecell', import.meta.url));
  if (!existsSync(p))
    throw new Error(`the codecell binary is missing at ${p}: build it (ninja -C build) or set CODECELL_BIN`);
  return p;
}

/** Children of this process still alive or unreaped, ps itself excepted. */
export function liveChildren() {
  try {
    const out = execFileSync('ps', ['-o', 'pid=,stat=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
    return out.split('\n').filter((l) => l.trim() && !/ ps$/.test(l.trim()));
  } catch {
    return []; // ps exits 1 when there are none
  }
}
