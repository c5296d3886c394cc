class Money {
  constructor(readonly cents: number, readonly currency: string) {}
  toJSON() { return { $money: `${(this.cents / 100).toFixed(2)} ${this.currency}` }; }
}

function replacer(this: any, key: string, value: any) {
  if (value instanceof Map) return { $map: [...value] };
  if (value instanceof Set) return { $set: [...value] };
  if (typeof value === 'number' && !Number.isFinite(value)) return { $num: String(value) };
  if (typeof this[key] === 'object' && this[key] instanceof Date) return { $date: value };
  if (key.startsWith('_')) return undefined;
  return value;
}

function reviver(_key: string, value: any) {
  if (value && typeof value === 'object') {
    if ('$map' in value) return new Map(value.$map);
    if ('$set' in value) return new Set(value.$set);
    if ('$date' in value) return new Date(value.$date);
    if ('$num' in value) return Number(value.$num);
    if ('$money' in value) {
      const [amount, currency] = value.$money.split(' ');
      return new Money(Math.round(Number(amount) * 100), currency);
    }
  }
  return value;
}

async () => {
  const order = await codemode.getOrder({ id: 'ord_1012' });
  const state = {
    order: { ...order, _internal: 'drop me' },
    placed: new Date(order.createdAt),
    total: new Money(Math.round(order.total * 100), order.currency),
    bySku: new Map(order.items.map((i: any) => [i.sku, i.qty])),
    tags: new Set(['vip', 'gift', 'vip']),
    ratio: Infinity,
    missing: undefined,
    fn: () => 1,
    nested: [undefined, () => 2, NaN, -0],
  };
  const text = JSON.stringify(state, replacer);
  const back = JSON.parse(text, reviver);
  const pretty = JSON.stringify({ a: [1, { b: 2 }], c: 'x' }, null, '\t');
  const picked = JSON.stringify(order, ['id', 'status', 'items', 'sku', 'qty']);
  await codemode.kvSet({ key: 'snapshot', value: text });
  const stored = await codemode.kvGet({ key: 'snapshot' });
  console.log(text.slice(0, 80));
  return {
    text,
    roundTrip: {
      placed: back.placed instanceof Date ? back.placed.toISOString() : null,
      total: back.total instanceof Money ? back.total.cents : null,
      bySku: back.bySku instanceof Map ? [...back.bySku.entries()] : null,
      tags: back.tags instanceof Set ? [...back.tags] : null,
      ratio: back.ratio,
      keys: Object.keys(back),
    },
    pretty,
    picked,
    same: stored === text,
  };
}
