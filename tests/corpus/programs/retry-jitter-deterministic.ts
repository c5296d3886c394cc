async () => {
  const delays: number[] = [];
  const backoff = (attempt: number, base = 100, cap = 2000) => Math.min(cap, base * 2 ** attempt);
  for (let a = 0; a < 6; a++) delays.push(backoff(a));
  let tries = 0;
  const res = await (async function attempt(): Promise<any> {
    tries++;
    try { return await codemode.flakyFetch({ key: 'jitter', failTimes: 1 }); }
    catch { await new Promise((r) => setTimeout(r, 1)); return attempt(); }
  })();
  return { delays, tries, value: res.data.value };
}
