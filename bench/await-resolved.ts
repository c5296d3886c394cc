// bench/await-resolved.ts: cost of one `await` whose operand is already
// settled, measured inside the guest (issue 3: under 30 us). Two loops of N
// awaits: a plain value, and an already-resolved Promise. console.time /
// console.timeEnd give fractional milliseconds from the guest's monotonic
// clock; bench/run.sh divides by N. The loop itself (no await) is timed too
// and subtracted by the script.
//   build/supervisor/codecell run bench/await-resolved.ts
async () => {
  const N = 4000;
  let sum = 0;
  await null; // the first await starts the coroutine; not part of the timing
  console.time('loop-only');
  for (let i = 0; i < N; i++) sum += i;
  console.timeEnd('loop-only');
  console.time('await-value');
  for (let i = 0; i < N; i++) sum += await i;
  console.timeEnd('await-value');
  const done = Promise.resolve(1);
  console.time('await-resolved-promise');
  for (let i = 0; i < N; i++) sum += await done;
  console.timeEnd('await-resolved-promise');
  return { n: N, sum };
};
