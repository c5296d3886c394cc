class IdGenerator {
  static #next = 1;
  static readonly prefix: string = 'req';
  static instances = 0;
  static registry: Map<string, IdGenerator>;

  static {
    IdGenerator.registry = new Map();
    IdGenerator.instances = 0;
  }

  readonly scope: string;
  constructor(scope: string) {
    this.scope = scope;
    IdGenerator.instances++;
    IdGenerator.registry.set(scope, this);
  }

  next(): string {
    return `${IdGenerator.prefix}_${this.scope}_${String(IdGenerator.#next++).padStart(3, '0')}`;
  }

  static reset(to = 1) { IdGenerator.#next = to; }
  static get peek() { return IdGenerator.#next; }
}

class Config {
  static defaults = { retries: 3, timeoutMs: 250 };
  static overrides: Record<string, number> = {};
  static merged: Record<string, number>;
  static {
    this.merged = { ...this.defaults, ...this.overrides };
  }
  static with(extra: Partial<typeof Config.defaults>) {
    return { ...this.merged, ...extra };
  }
}

class StrictConfig extends Config {
  static override defaults = { retries: 1, timeoutMs: 100 };
  static label = `strict(${super.defaults.retries})`;
}

async () => {
  const a = new IdGenerator('users');
  const b = new IdGenerator('orders');
  const { items } = await codemode.listUsers({ pageSize: 4 });
  const tagged = items.map((u: { id: number }) => ({ id: u.id, req: (u.id % 2 ? a : b).next() }));
  IdGenerator.reset(40);
  const after = a.next();
  console.log(`instances=${IdGenerator.instances} peek=${IdGenerator.peek}`);
  return {
    tagged,
    after,
    registry: [...IdGenerator.registry.keys()],
    merged: Config.merged,
    withTimeout: Config.with({ timeoutMs: 1000 }),
    strict: { label: StrictConfig.label, own: Object.hasOwn(StrictConfig, 'merged'), inherited: StrictConfig.merged, with: StrictConfig.with({}) },
    staticKeys: Object.keys(IdGenerator), strictKeys: Object.keys(StrictConfig),
  };
}
