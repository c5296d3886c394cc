async () => {
  const makeLimiter = (max: number) => {
    let active = 0, peak = 0;
    const queue: (() => void)[] = [];
    const run = async <T,>(fn: () => Promise<T>): Promise<T> => {
      if (active >= max) await new Promise<void>((r) => queue.push(r));
      active++; peak = Math.max(peak, active);
      try { return await fn(); } finally { active--; queue.shift()?.(); }
    };
    return { run, get peak() { return peak; } };
  };
  const lim = makeLimiter(3);
  const users = await Promise.all(Array.from({ length: 10 }, (_, i) => lim.run(() => codemode.getUser({ id: i + 1 }))));
  return { n: users.length, peak: lim.peak };
}
