// The measurements compare.mjs takes of every row, shared by the bench
// process (the in-process sandboxes) and codecell-host.mjs (the codecell
// rows, in a process of their own). A row is { run(src, host) ->
// { outcome, tsMs, sandboxMs }, start(), echo(host) -> guest's {p50} }.
// Results are plain data (they cross the IPC channel).
// Runs in: a bench host. Input: the corpus programs and node's outcomes.
import { spawn } from 'node:child_process';
import { createHost } from '../../tests/corpus/host.mjs';
import { sameAsNode } from '../corpus-lib.mjs';
import { median } from '../stats.mjs';
import { WARMUP } from '../toolcall-program.mjs';

/** Programs run at once in the concurrent row (issue 12's throughput target speaks of 4). */
export const CONCURRENCY = 4;
/** The start-latency program: the code-mode shape, nothing to do. */
export const TRIVIAL = 'async () => 1';

export { median };

/**
 * One pass over `list`, sequential: the total, the total without the host's
 * TS strip, codecell's own sandbox wall time, each program's time, and the
 * programs whose outcome equals node's.
 */
export async function pass(row, list, expected) {
  let total = 0;
  let tsTotal = 0;
  let sandbox = 0;
  const agree = [];
  const per = {};
  for (const p of list) {
    const t = performance.now();
    const { outcome, tsMs, sandboxMs = 0 } = await row.run(p.src, createHost());
    const ms = performance.now() - t;
    total += ms;
    tsTotal += tsMs;
    sandbox += sandboxMs;
    per[p.name] = ms;
    if (sameAsNode(outcome, expected[p.name])) agree.push(p.name);
  }
  return { total, noTs: total - tsTotal, sandbox, agree, per };
}

/** One pass with CONCURRENCY programs in flight: wall time from first start to last result. */
export async function concurrentPass(row, list, expected) {
  const agree = [];
  let next = 0;
  const t = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < list.length) {
      const p = list[next++];
      const { outcome } = await row.run(p.src, createHost());
      if (sameAsNode(outcome, expected[p.name])) agree.push(p.name);
    }
  }));
  const total = performance.now() - t;
  return { total, noTs: total, sandbox: 0, agree, per: null };
}

/** p50 of `n` trivial runs (after 5 untimed), each in a fresh sandbox. */
export async function startLatency(row, n) {
  for (let i = 0; i < 5; i++) await row.start();
  const t = [];
  for (let i = 0; i < n; i++) {
    const a = performance.now();
    await row.start();
    t.push(performance.now() - a);
  }
  return median(t);
}

/**
 * The echo program once: p50 per call as the guest's clock saw it, and as
 * the host's: the gap between consecutive arrivals of echo calls at the
 * host is one whole round trip (host -> guest -> host), timed the same way
 * for every row, whatever clock the guest has.
 */
export async function echoRoundTrip(row) {
  const arrivals = [];
  const host = { echo: (x) => { arrivals.push(performance.now()); return x; } };
  const guest = await row.echo(host);
  const gaps = [];
  for (let i = WARMUP + 1; i < arrivals.length; i++) gaps.push((arrivals[i] - arrivals[i - 1]) * 1000);
  return { guest: guest.p50, host: median(gaps) };
}

/**
 * p50 of child_process.spawn('/bin/true') from the calling process, to
 * exit: the share of a spawned run that is node's own, which grows with the
 * process's memory (the Node client spawns codecell the same way).
 */
export async function nodeSpawnTrue(n = 60) {
  const t = [];
  for (let i = 0; i < n; i++) {
    const a = performance.now();
    await new Promise((r) => spawn('/bin/true', [], { stdio: ['pipe', 'pipe', 'pipe'] }).on('close', r));
    t.push(performance.now() - a);
  }
  return median(t);
}
