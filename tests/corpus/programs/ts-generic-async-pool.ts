async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let active = 0;
  let peak = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const i = next++;
      active++;
      peak = Math.max(peak, active);
      try {
        results[i] = await fn(items[i], i);
      } finally {
        active--;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  stats.peak = peak;
  return results;
}

const stats = { peak: 0 };

async function settleAll<T>(ps: Promise<T>[]): Promise<{ ok: T[]; failed: string[] }> {
  const rs = await Promise.allSettled(ps);
  return {
    ok: rs.filter((r): r is PromiseFulfilledResult<Awaited<T>> => r.status === 'fulfilled').map((r) => r.value as T),
    failed: rs.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => String(r.reason?.message ?? r.reason)),
  };
}

async () => {
  const ids = Array.from({ length: 11 }, (_, i) => i * 2 + 1);
  const users = await mapLimit(ids, 3, async (id) => {
    const u = await codemode.getUser({ id });
    return { id: u.id, country: u.country };
  });
  const { ok, failed } = await settleAll([20, 21, 22, 23, 24].map((id) => codemode.getUser({ id }).then((u: any) => u.name)));
  console.log(`peak concurrency ${stats.peak}`);
  console.log(`failed: ${failed.join('; ')}`);
  return { users, ok, failed, peak: stats.peak };
}
