function stableStringify(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  const obj = v as Record<string, unknown>;
  return `{${Object.keys(obj).filter((k) => obj[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(',')}}`;
}

function djb2(s: string): string {
  let h = 5381;
  for (let i = 0; i < s.length; i++) h = ((h << 5) + h + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16).padStart(8, '0');
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (const ch of new TextEncoder().encode(s)) {
    h ^= ch;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

async () => {
  const cache = new Map<string, unknown>();
  let toolCalls = 0;
  async function cached(tool: 'listOrders' | 'listIssues', args: Record<string, unknown>) {
    const key = `${tool}:${djb2(stableStringify(args))}`;
    if (cache.has(key)) return { key, hit: true, value: cache.get(key) };
    toolCalls++;
    const value = await (codemode as any)[tool](args);
    cache.set(key, value);
    return { key, hit: false, value };
  }
  const calls = [
    await cached('listOrders', { status: 'paid', page: 1 }),
    await cached('listOrders', { page: 1, status: 'paid' }),
    await cached('listOrders', { page: 1, status: 'paid', userId: undefined }),
    await cached('listIssues', { state: 'open', perPage: 3 }),
    await cached('listIssues', { perPage: 3, state: 'open' }),
    await cached('listOrders', { status: 'pending', page: 1 }),
  ];
  const shard = (id: string) => fnv1a(id) % 4;
  const { items } = await codemode.listOrders({ pageSize: 12 });
  const shards = items.reduce((acc: number[], o: any) => (acc[shard(o.id)]++, acc), [0, 0, 0, 0]);
  console.log(calls.map((c) => `${c.key}${c.hit ? ' (hit)' : ''}`).join('\n'));
  return {
    keys: calls.map((c) => c.key),
    hits: calls.filter((c) => c.hit).length,
    toolCalls,
    stable: stableStringify({ b: [3, { d: 1, c: undefined, a: null }], a: 'x', n: -0, e: 1e21 }),
    fnv: ['', 'a', 'héllo', '日本'].map((s) => fnv1a(s).toString(16)),
    shards,
  };
}
