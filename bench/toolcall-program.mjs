// The echo program the tool-call round-trip figures come from, shared by
// bench/toolcall-roundtrip.mjs (codecell hosts) and bench/sandboxes/
// compare.mjs (codecell beside in-process sandboxes), so every row times the
// same loop. The program times each `await NS.echo(i)` inside the guest with
// performance.now() and returns p50/p99 in microseconds; the first WARMUP
// calls are not counted.
// Runs in: the bench host (builds the text); the text runs in the sandbox.
// Input: N (calls to time) and the namespace the echo tool sits in.

/** Calls made before timing starts. */
export const WARMUP = 20;

/** The program: an async arrow, the code-mode shape. */
export function echoProgram(N, ns = 'bench') {
  return `async () => {
  const N = ${N}, W = ${WARMUP}, t = [];
  for (let i = 0; i < N + W; i++) {
    const a = performance.now();
    const v = await ${ns}.echo(i);
    const b = performance.now();
    if (v !== i) throw new Error('echo returned ' + v + ' for ' + i);
    if (i >= W) t.push((b - a) * 1000);
  }
  t.sort((x, y) => x - y);
  return { p50: t[Math.floor(t.length / 2)], p99: t[Math.floor(t.length * 0.99)] };
}`;
}
