interface HasId { id: number }

function indexBy<T, K extends keyof T>(items: readonly T[], key: K): Map<T[K], T> {
  const out = new Map<T[K], T>();
  for (const item of items) out.set(item[key], item);
  return out;
}

function pluck<T, K extends keyof T>(items: T[], ...keys: K[]): Pick<T, K>[] {
  return items.map((item) => {
    const picked = {} as Pick<T, K>;
    for (const k of keys) picked[k] = item[k];
    return picked;
  });
}

function maxBy<T>(items: T[], score: (t: T) => number): T | undefined {
  let best: T | undefined;
  let bestScore = -Infinity;
  for (const item of items) {
    const s = score(item);
    if (s > bestScore) { best = item; bestScore = s; }
  }
  return best;
}

function mergeById<T extends HasId, U extends HasId>(a: T[], b: U[]): (T & Partial<U>)[] {
  const byId = indexBy(b, 'id');
  return a.map((x) => ({ ...x, ...(byId.get(x.id) ?? {}) } as T & Partial<U>));
}

class TypedStore<S extends Record<string, unknown>> {
  private state: S;
  constructor(initial: S) { this.state = { ...initial }; }
  get<K extends keyof S>(k: K): S[K] { return this.state[k]; }
  set<K extends keyof S>(k: K, v: S[K]): this { this.state = { ...this.state, [k]: v }; return this; }
  snapshot(): Readonly<S> { return Object.freeze({ ...this.state }); }
}

async () => {
  const { items: users } = await codemode.listUsers({ pageSize: 8 });
  const { items: orders } = await codemode.listOrders({ pageSize: 20 });
  const spend = orders.reduce<Record<number, number>>((acc, o) => {
    acc[o.userId] = Math.round(((acc[o.userId] ?? 0) + o.total) * 100) / 100;
    return acc;
  }, {});
  const spendRows = Object.entries(spend).map(([id, total]) => ({ id: Number(id), total }));
  const merged = mergeById(pluck(users, 'id', 'name', 'plan'), spendRows);
  const top = maxBy(merged, (u) => u.total ?? 0);
  const store = new TypedStore({ page: 1, query: '', done: false });
  store.set('page', 2).set('query', 'plan:pro');
  const snap = store.snapshot();
  let frozenWrite = 'allowed';
  try {
    (snap as any).page = 99;
    frozenWrite = String(snap.page);
  } catch (e) {
    frozenWrite = (e as Error).constructor.name;
  }
  console.log(`top spender: ${top?.name} (${top?.total})`);
  return {
    merged,
    top: top && { id: top.id, total: top.total },
    byPlan: [...indexBy(users, 'plan').keys()],
    store: snap,
    frozenWrite,
    query: store.get('query'),
  };
}
