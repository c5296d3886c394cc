async () => {
  async function withTimeout<T>(fn: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(new Error(`timed out after ${ms} ms`)), ms);
    try {
      return await Promise.race([
        fn(ac.signal),
        new Promise<never>((_, reject) => ac.signal.addEventListener('abort', () => reject(ac.signal.reason), { once: true })),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
  const fast = await withTimeout(() => codemode.getWeather({ city: 'Berlin' }), 1000);
  let slow = '';
  try { await withTimeout(() => new Promise((r) => setTimeout(r, 200)), 10); } catch (e) { slow = (e as Error).message; }
  const s = AbortSignal.abort('stop');
  return { fast: fast.tempC, slow, aborted: s.aborted, reason: s.reason };
}
