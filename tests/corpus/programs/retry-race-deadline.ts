async () => {
  const timeout = <T,>(ms: number, label: string) => new Promise<T>((_, rej) => setTimeout(() => rej(new Error(`${label} timed out after ${ms}ms`)), ms));
  const order: string[] = [];
  const track = <T,>(name: string, p: Promise<T>) => p.then((v) => { order.push(`${name} ok`); return v; }, (e) => { order.push(`${name} err`); throw e; });
  const fastest = await Promise.race([
    track('weather', codemode.getWeather({ city: 'Paris' })),
    timeout(1000, 'weather'),
  ]);
  const slow = new Promise((res) => setTimeout(() => res('slow'), 50));
  const raced = await Promise.race([slow, timeout(5, 'slow op')]).catch((e: Error) => e.message);
  const empty = await Promise.race([Promise.resolve('a'), new Promise(() => {})]);
  const settled = await Promise.allSettled(['London', 'Gotham', 'Tokyo', 'Metropolis'].map((city) => track(city, codemode.getWeather({ city }))));
  const summary = settled.map((s, i) => s.status === 'fulfilled' ? `${s.value.city}: ${s.value.tempC}` : `#${i} ${s.reason.message}`);
  const anyOk = await Promise.any([codemode.getUser({ id: 999 }), codemode.getUser({ id: 3 }), timeout(100, 'any')]);
  let agg: any;
  try { await Promise.any([]); } catch (e) { agg = { name: (e as any).name, msg: (e as any).message, errors: (e as any).errors }; }
  const allErr = await Promise.all([codemode.getUser({ id: 1 }), codemode.getUser({ id: 404 })]).catch((e) => `${e.name}: ${e.message}`);
  console.log(order.sort());
  return { fastest: fastest.city, raced, empty, summary, anyOk: anyOk.name, agg, allErr, settledKeys: settled.map((s) => Object.keys(s).join('+')) };
}
