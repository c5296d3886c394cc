// bench/lower10k.ts: a ~10 KB code-mode program in the shape models write
// (async arrow, TypeScript types, classes, destructuring, template literals,
// spread, optional chaining, generators, for-of, Map/Set). Input of the
// lowering benchmark (bench/lowerbench.c) and runnable on its own:
//   build/supervisor/codecell run bench/lower10k.ts
// It calls no tools, so it needs no host.

interface Order {
  id: number;
  customer: string;
  region: 'north' | 'south' | 'east' | 'west';
  items: LineItem[];
  placedAt: number;
  coupon?: string;
}

interface LineItem {
  sku: string;
  qty: number;
  unitPrice: number;
  tags?: string[];
}

type Totals = { gross: number; discount: number; net: number; items: number };
type Grouped<T> = Record<string, T[]>;

enum Tier {
  Bronze = 1,
  Silver,
  Gold,
  Platinum,
}

const REGIONS = ['north', 'south', 'east', 'west'] as const;
const SKUS: readonly string[] = ['A-100', 'A-200', 'B-310', 'B-320', 'C-999', 'D-001', 'E-555', 'F-777'];

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  next(): number {
    // xorshift32: deterministic, so the result is the same on every run
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 4294967296;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
}

abstract class Rule {
  constructor(public readonly name: string) {}
  abstract apply(order: Order, totals: Totals): number;
  describe(): string {
    return `rule ${this.name}`;
  }
}

class CouponRule extends Rule {
  constructor(private readonly codes: Map<string, number>) {
    super('coupon');
  }
  apply(order: Order, totals: Totals): number {
    const pct = order.coupon ? this.codes.get(order.coupon) ?? 0 : 0;
    return Math.round(totals.gross * pct) / 100;
  }
}

class BulkRule extends Rule {
  static readonly THRESHOLD = 10;
  constructor(private readonly pct: number) {
    super('bulk');
  }
  apply(_order: Order, { items, gross }: Totals): number {
    return items >= BulkRule.THRESHOLD ? Math.round(gross * this.pct) / 100 : 0;
  }
  override describe(): string {
    return `${super.describe()} (${this.pct}% from ${BulkRule.THRESHOLD} items)`;
  }
}

class TagRule extends Rule {
  #seen = new Set<string>();
  constructor(private readonly tag: string, private readonly off: number) {
    super(`tag:${tag}`);
  }
  apply(order: Order): number {
    let off = 0;
    for (const { tags = [], qty } of order.items) {
      if (tags.includes(this.tag)) {
        off += this.off * qty;
        this.#seen.add(order.customer);
      }
    }
    return off;
  }
  get customers(): number {
    return this.#seen.size;
  }
}

function* generateOrders(rng: Rng, count: number): Generator<Order> {
  const customers = ['ada', 'brian', 'chen', 'dana', 'eve', 'farid', 'gita', 'hugo', 'ines', 'jon'];
  for (let id = 1; id <= count; id++) {
    const n = rng.int(1, 6);
    const items: LineItem[] = [];
    for (let k = 0; k < n; k++) {
      const sku = rng.pick(SKUS);
      items.push({
        sku,
        qty: rng.int(1, 5),
        unitPrice: Math.round(rng.next() * 10000) / 100,
        tags: sku.startsWith('A') ? ['fragile'] : sku.endsWith('7') ? ['promo', 'lucky'] : undefined,
      });
    }
    yield {
      id,
      customer: rng.pick(customers),
      region: rng.pick(REGIONS),
      items,
      placedAt: 1700000000000 + id * 3600_000,
      ...(id % 7 === 0 ? { coupon: id % 14 === 0 ? 'TEN' : 'FIVE' } : {}),
    };
  }
}

function totalsOf(order: Order): Totals {
  let gross = 0;
  let items = 0;
  for (const { qty, unitPrice } of order.items) {
    gross += qty * unitPrice;
    items += qty;
  }
  return { gross: Math.round(gross * 100) / 100, discount: 0, net: gross, items };
}

function groupBy<T>(list: T[], key: (x: T) => string): Grouped<T> {
  const out: Grouped<T> = {};
  for (const x of list) {
    const k = key(x);
    (out[k] ??= []).push(x);
  }
  return out;
}

function tierOf(spent: number): Tier {
  if (spent > 5000) return Tier.Platinum;
  if (spent > 2500) return Tier.Gold;
  if (spent > 1000) return Tier.Silver;
  return Tier.Bronze;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function priceAll(orders: Order[], rules: Rule[]): Promise<Map<number, Totals>> {
  const priced = new Map<number, Totals>();
  for (const [i, order] of orders.entries()) {
    const t = totalsOf(order);
    const discount = rules.reduce((sum, rule) => sum + rule.apply(order, t), 0);
    priced.set(order.id, { ...t, discount, net: Math.max(0, Math.round((t.gross - discount) * 100) / 100) });
    if (i % 50 === 49) await pause(0); // yield like a real program awaiting tools
  }
  return priced;
}

function histogram(values: number[], buckets: number): number[] {
  const max = Math.max(...values, 1);
  const out = new Array<number>(buckets).fill(0);
  values.forEach((v) => {
    out[Math.min(buckets - 1, Math.floor((v / max) * buckets))]++;
  });
  return out;
}

function summarize(priced: Map<number, Totals>, orders: Order[]) {
  const byRegion = groupBy(orders, (o) => o.region);
  const regions = Object.entries(byRegion)
    .map(([region, list]) => {
      const net = list.reduce((s, o) => s + (priced.get(o.id)?.net ?? 0), 0);
      return { region, orders: list.length, net: Math.round(net * 100) / 100 };
    })
    .sort((a, b) => b.net - a.net || a.region.localeCompare(b.region));

  const spend = new Map<string, number>();
  for (const o of orders) spend.set(o.customer, (spend.get(o.customer) ?? 0) + (priced.get(o.id)?.net ?? 0));
  const tiers = [...spend].map(([customer, spent]) => ({ customer, tier: Tier[tierOf(spent)], spent: Math.round(spent) }));
  tiers.sort((a, b) => b.spent - a.spent);

  const skuCount = new Map<string, number>();
  orders.flatMap((o) => o.items).forEach(({ sku, qty }) => skuCount.set(sku, (skuCount.get(sku) ?? 0) + qty));
  const topSkus = [...skuCount.entries()].sort(([, a], [, b]) => b - a).slice(0, 3).map(([sku]) => sku);

  return { regions, tiers: tiers.slice(0, 5), topSkus };
}

function checksum(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

// ---- inventory reconciliation: getters/setters, rest/defaults, try/finally,
// labeled loops, async iteration ----

interface StockLine {
  sku: string;
  onHand: number;
  reserved?: number;
  location?: { aisle: string; shelf?: number };
}

class Ledger {
  private lines = new Map<string, StockLine>();
  private log: string[] = [];
  set entry(line: StockLine) {
    const { sku, ...rest } = line;
    const prev = this.lines.get(sku);
    this.lines.set(sku, { sku, reserved: 0, ...prev, ...rest });
    this.log.push(`${prev ? 'update' : 'add'} ${sku}`);
  }
  get size(): number {
    return this.lines.size;
  }
  get history(): readonly string[] {
    return this.log;
  }
  available(sku: string): number {
    const line = this.lines.get(sku);
    return (line?.onHand ?? 0) - (line?.reserved ?? 0);
  }
  *[Symbol.iterator](): IterableIterator<StockLine> {
    yield* this.lines.values();
  }
}

async function* batches<T>(list: T[], size = 16): AsyncGenerator<T[]> {
  for (let i = 0; i < list.length; i += size) {
    await null;
    yield list.slice(i, i + size);
  }
}

async function reconcile(orders: Order[], ledger: Ledger) {
  const shortages: Array<{ sku: string; missing: number }> = [];
  let checked = 0;
  let errors = 0;
  for await (const batch of batches(orders, 25)) {
    outer: for (const order of batch) {
      for (const { sku, qty } of order.items) {
        try {
          if (!sku) throw new Error(`order ${order.id} has an item without a SKU`);
          const left = ledger.available(sku) - qty;
          if (left < 0) {
            shortages.push({ sku, missing: -left });
            continue outer;
          }
          ledger.entry = { sku, onHand: ledger.available(sku), reserved: qty };
        } catch {
          errors++;
        } finally {
          checked++;
        }
      }
    }
  }
  const worst = shortages.reduce<Record<string, number>>((acc, { sku, missing }) => {
    acc[sku] = Math.max(acc[sku] ?? 0, missing);
    return acc;
  }, {});
  return { checked, errors, shortages: shortages.length, worst };
}

function stockFor(skus: readonly string[], [base = 40, spread = 3] = []): StockLine[] {
  return skus.map((sku, i) => ({ sku, onHand: base + i ** 2 * spread, location: { aisle: String.fromCharCode(65 + (i % 4)) } }));
}

async () => {
  const rng = new Rng(20240601);
  const orders = [...generateOrders(rng, 400)];
  const rules: Rule[] = [
    new CouponRule(new Map([['FIVE', 5], ['TEN', 10]])),
    new BulkRule(3),
    new TagRule('promo', 0.5),
  ];
  const priced = await priceAll(orders, rules);
  const { regions, tiers, topSkus } = summarize(priced, orders);
  const nets = [...priced.values()].map(({ net }) => net);
  const hist = histogram(nets, 8);
  const totalNet = nets.reduce((a, b) => a + b, 0);
  const late = orders.filter(({ placedAt }) => new Date(placedAt).getUTCHours() >= 22).length;
  const promoCustomers = (rules[2] as TagRule).customers;
  const ledger = new Ledger();
  for (const line of stockFor(SKUS, [60])) ledger.entry = line;
  const stock = await reconcile(orders, ledger);
  const aisles = [...ledger].map((l) => l.location?.aisle ?? '?').join('');
  const report = {
    orders: orders.length,
    totalNet: Math.round(totalNet * 100) / 100,
    regions,
    tiers,
    topSkus,
    hist,
    late,
    promoCustomers,
    rules: rules.map((r) => r.describe()),
    stock: { ...stock, lines: ledger.size, aisles, updates: ledger.history.length },
  };
  console.log(`priced ${report.orders} orders, net ${report.totalNet.toFixed(2)}`);
  return { ...report, checksum: checksum(JSON.stringify(report)) };
};
