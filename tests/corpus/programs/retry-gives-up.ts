async () => {
  const retry = async (fn: () => Promise<any>, n: number) => {
    for (let i = 1; ; i++) {
      try { return await fn(); } catch (err: any) { if (i >= n) throw new Error(`gave up after ${i} attempts: ${err.message}`); }
    }
  };
  return await retry(() => codemode.flakyFetch({ key: 'x', failTimes: 5 }), 3);
}
