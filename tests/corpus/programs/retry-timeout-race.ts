async () => {
  const timeout = <T,>(p: Promise<T>, ms: number) =>
    Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`timed out after ${ms}ms`)), ms))]);
  const fast = await timeout(codemode.getWeather({ city: 'Tokyo' }), 1000);
  let slow = 'n/a';
  try { await timeout(new Promise((r) => setTimeout(r, 50)), 5); } catch (e) { slow = (e as Error).message; }
  return { fast: fast.conditions, slow };
}
