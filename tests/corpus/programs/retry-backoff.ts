async () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  async function withRetry<T>(fn: () => Promise<T>, attempts = 5, base = 1): Promise<T> {
    let last: unknown;
    for (let i = 0; i < attempts; i++) {
      try { return await fn(); } catch (e) {
        last = e;
        console.log(`attempt ${i + 1} failed: ${(e as Error).message}`);
        await sleep(base * 2 ** i);
      }
    }
    throw last;
  }
  const r = await withRetry(() => codemode.flakyFetch({ key: 'users', failTimes: 3 }));
  return r;
}
