const delay = <T,>(ms: number, value: T) => new Promise<T>((r) => setTimeout(() => r(value), ms));
const timeout = (ms: number, label: string) => new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`${label} timed out after ${ms}ms`)), ms));

async () => {
  const mirrors = ['Atlantis', 'Gotham', 'Berlin', 'Tokyo'];
  const first = await Promise.any(mirrors.map((city) => codemode.getWeather({ city })));
  let allFailed: unknown;
  try {
    await Promise.any(['Nowhere', 'Elsewhere'].map((city) => codemode.getWeather({ city })));
  } catch (e) {
    allFailed = e;
  }
  const agg = allFailed as AggregateError;
  const settled = await Promise.allSettled([
    codemode.getUser({ id: 3 }),
    codemode.getUser({ id: 300 }),
    codemode.getExchangeRates({ base: 'CHF' }),
    Promise.reject(new TypeError('local failure')),
    42,
  ]);
  const raceWin = await Promise.race([delay(30, 'slow'), codemode.sleep({ ms: 5 }).then(() => 'tool'), timeout(200, 'race')]);
  let raceLoss = '';
  try {
    await Promise.race([delay(100, 'late'), timeout(5, 'fetch')]);
  } catch (e) {
    raceLoss = (e as Error).message;
  }
  const [users, rates] = await Promise.all([codemode.listUsers({ pageSize: 2 }), codemode.getExchangeRates({})]);
  let allErr = '';
  try {
    await Promise.all([codemode.getUser({ id: 1 }), codemode.getOrder({ id: 'nope' }), codemode.getUser({ id: 999 })]);
  } catch (e) {
    allErr = `${(e as Error).name}: ${(e as Error).message}`;
  }
  const empty = await Promise.allSettled([]);
  let anyEmpty = '';
  try {
    await Promise.any([]);
  } catch (e) {
    anyEmpty = `${(e as Error).constructor.name} ${(e as AggregateError).errors.length}`;
  }
  console.log(`first mirror: ${first.city}`);
  return {
    first: first.city,
    agg: { name: agg.name, message: agg.message, errors: agg.errors.map((e: Error) => e.message), isError: agg instanceof Error },
    settled: settled.map((s) => (s.status === 'fulfilled' ? `ok:${typeof s.value === 'object' ? Object.keys(s.value as object).length : s.value}` : `err:${(s.reason as Error).name}`)),
    raceWin,
    raceLoss,
    all: [users.items.length, rates.base],
    allErr,
    empty,
    anyEmpty,
  };
}
