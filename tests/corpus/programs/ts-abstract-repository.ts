interface Entity { id: number | string }

abstract class Repository<T extends Entity> {
  protected cache = new Map<T['id'], T>();
  private hits = 0;
  private misses = 0;

  protected abstract load(id: T['id']): Promise<T>;
  abstract get label(): string;

  async get(id: T['id']): Promise<T> {
    const cached = this.cache.get(id);
    if (cached) {
      this.hits++;
      return cached;
    }
    this.misses++;
    const value = await this.load(id);
    this.cache.set(id, value);
    return value;
  }

  stats() {
    return { label: this.label, hits: this.hits, misses: this.misses, size: this.cache.size };
  }
}

interface User extends Entity { id: number; name: string; country: string }
interface Order extends Entity { id: string; total: number; userId: number }

class UserRepo extends Repository<User> {
  get label() { return 'users'; }
  protected async load(id: number): Promise<User> {
    return codemode.getUser({ id });
  }
}

class OrderRepo extends Repository<Order> {
  constructor(private readonly users: UserRepo) {
    super();
  }
  get label() { return 'orders'; }
  protected async load(id: string): Promise<Order> {
    return codemode.getOrder({ id });
  }
  async withUser(id: string) {
    const order = await this.get(id);
    const user = await this.users.get(order.userId);
    return { order: order.id, total: order.total, user: user.name, country: user.country };
  }
}

async () => {
  const users = new UserRepo();
  const orders = new OrderRepo(users);
  const ids = ['ord_1000', 'ord_1003', 'ord_1000', 'ord_1007', 'ord_1003', 'ord_1011'];
  const rows = [];
  for (const id of ids) rows.push(await orders.withUser(id));
  let abstractError = '';
  try {
    // @ts-expect-error abstract classes cannot be instantiated in TS, but JS allows it
    const r = new (Repository as any)();
    await r.get(1);
  } catch (e) {
    abstractError = e instanceof TypeError ? 'TypeError' : String(e);
  }
  console.log(JSON.stringify(users.stats()));
  console.log(JSON.stringify(orders.stats()));
  return {
    rows,
    stats: [users.stats(), orders.stats()],
    abstractError,
    isRepo: orders instanceof Repository,
    protoChain: Object.getPrototypeOf(OrderRepo) === Repository,
  };
}
