// bench/await-tool.ts: cost of awaiting a tool result that has already
// arrived. N tool calls are started at once; a timer then lets every reply
// reach the guest and settle its promise; only then are the N awaits timed.
// Needs a host that answers `bench.echo` (bench/echohost.py does).
async () => {
  const N = 50; // below the default limit of 64 requests in flight
  const calls: Promise<number>[] = [];
  for (let i = 0; i < N; i++) calls.push(bench.echo({ i }));
  await new Promise((r) => setTimeout(r, 300));
  let sum = 0;
  console.time('await-arrived-tool-result');
  for (const p of calls) sum += (await p).i;
  console.timeEnd('await-arrived-tool-result');
  return { n: N, sum };
};
