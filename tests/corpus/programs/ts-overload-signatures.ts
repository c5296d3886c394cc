function format(value: number): string;
function format(value: Date): string;
function format(value: string[], sep?: string): string;
function format(value: number | Date | string[], sep = ', '): string {
  if (typeof value === 'number') return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value.join(sep);
}

class Query<T> {
  private filters: Array<(t: T) => boolean> = [];
  constructor(private readonly rows: T[]) {}

  where<K extends keyof T>(key: K, value: T[K]): this;
  where(pred: (t: T) => boolean): this;
  where(a: unknown, b?: unknown): this {
    if (typeof a === 'function') this.filters.push(a as (t: T) => boolean);
    else this.filters.push((t) => t[a as keyof T] === b);
    return this;
  }

  run(): T[];
  run<R>(map: (t: T) => R): R[];
  run<R>(map?: (t: T) => R): (T | R)[] {
    const hits = this.rows.filter((r) => this.filters.every((f) => f(r)));
    return map ? hits.map(map) : hits;
  }
}

async () => {
  const { items } = await codemode.listUsers({ pageSize: 23 });
  const q = new Query(items as Array<{ id: number; name: string; plan: string; active: boolean; country: string }>);
  const names = q.where('active', true).where((u) => u.plan !== 'free').run((u) => u.name);
  const count = new Query(items).run().length;
  console.log(format(1234567.891));
  console.log(format(new Date(Date.UTC(2024, 1, 29))));
  return {
    names,
    count,
    formatted: [format(0.5), format(1e6), format(['a', 'b', 'c']), format(['x', 'y'], ' / ')],
    arity: format.length,
  };
}
