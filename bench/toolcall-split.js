// bench/toolcall-split.js: where a tool call's guest time goes. 40 calls
// are started without awaiting (the synchronous part: argument handling,
// the request, the promise, the frame's write), a timer lets every reply
// arrive, then the 40 awaits of arrived replies are timed; an await of a
// plain value is the baseline. Prints {callUs, awaitArrivedUs,
// awaitPlainUs}, each per call, timed with performance.now().
//   python3 bench/toolcall-host.py build/supervisor/codecell 1000 < bench/toolcall-split.js
async () => {
  const N = 40;
  let ps = [];
  for (let r = 0; r < 3; r++) { // warm-up rounds
    ps = [];
    for (let i = 0; i < N; i++) ps.push(bench.echo(i));
    await Promise.all(ps);
  }
  const a = performance.now();
  ps = [];
  for (let i = 0; i < N; i++) ps.push(bench.echo(i));
  const b = performance.now();
  await new Promise((r) => setTimeout(r, 100));
  const c = performance.now();
  for (const p of ps) await p;
  const d = performance.now();
  for (let i = 0; i < N; i++) await i;
  const e = performance.now();
  return { callUs: (b - a) * 1000 / N, awaitArrivedUs: (d - c) * 1000 / N, awaitPlainUs: (e - d) * 1000 / N };
}
