class Result<T, E extends Error = Error> {
  private constructor(
    private readonly okValue: T | undefined,
    private readonly err: E | undefined,
  ) {}

  static ok<T>(value: T): Result<T, never> { return new Result<T, never>(value, undefined); }
  static fail<E extends Error>(error: E): Result<never, E> { return new Result<never, E>(undefined, error); }
  static async from<T>(p: Promise<T>): Promise<Result<T>> {
    try {
      return Result.ok(await p);
    } catch (e) {
      return Result.fail(e instanceof Error ? e : new Error(String(e)));
    }
  }

  get isOk(): boolean { return this.err === undefined; }

  map<U>(f: (t: T) => U): Result<U, E> {
    return this.isOk ? (Result.ok(f(this.okValue as T)) as Result<U, E>) : (this as unknown as Result<U, E>);
  }

  unwrapOr(fallback: T): T { return this.isOk ? (this.okValue as T) : fallback; }

  match<R>(arms: { ok: (t: T) => R; err: (e: E) => R }): R {
    return this.isOk ? arms.ok(this.okValue as T) : arms.err(this.err as E);
  }
}

async () => {
  const cities = ['Berlin', 'Gotham', 'Sydney', 'Tokyo', 'Metropolis'];
  const results = await Promise.all(cities.map((city) => Result.from(codemode.getWeather({ city }))));
  const temps = results.map((r) => r.map((w: any) => w.tempC).unwrapOr(NaN));
  const lines = results.map((r, i) => r.match({
    ok: (w: any) => `${cities[i]}: ${w.tempC}°C ${w.conditions}`,
    err: (e) => `${cities[i]}: ${e.message}`,
  }));
  lines.forEach((l) => console.log(l));
  const okCount = results.filter((r) => r.isOk).length;
  return { lines, temps: temps.map((t) => (Number.isNaN(t) ? null : t)), okCount, keys: Object.keys(results[0]) };
}
