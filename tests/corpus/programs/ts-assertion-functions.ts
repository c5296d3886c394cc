interface Order { id: string; userId: number; status: string; total: number; currency: string }

function assert(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(`Assertion failed: ${msg}`);
}

function assertIsOrder(x: unknown): asserts x is Order {
  assert(typeof x === 'object' && x !== null, 'order is an object');
  const o = x as Record<string, unknown>;
  assert(typeof o.id === 'string' && o.id.startsWith('ord_'), `id ${String(o.id)}`);
  assert(typeof o.total === 'number' && o.total >= 0, `total of ${o.id}`);
}

const isNonNull = <T,>(x: T): x is NonNullable<T> => x !== null && x !== undefined;
const isString = (x: unknown): x is string => typeof x === 'string';

async () => {
  const raw: unknown[] = [
    await codemode.getOrder({ id: 'ord_1004' }),
    { id: 'ord_x', total: -5 },
    null,
    'ord_1009',
    { id: 42 },
    await codemode.getOrder({ id: 'ord_1020' }),
  ];
  const valid: Order[] = [];
  const problems: string[] = [];
  for (const r of raw) {
    try {
      assertIsOrder(r);
      valid.push(r);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  const ids = raw.map((r) => (isString(r) ? r : (r as { id?: unknown } | null)?.id)).filter(isNonNull);
  problems.forEach((p) => console.log(p));
  return {
    valid: valid.map(({ id, total, currency }) => ({ id, total, currency })),
    problems,
    ids,
    strings: raw.filter(isString),
  };
}
