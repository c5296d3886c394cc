async () => {
  const results: any[] = [];
  let retries = 0;
  for (const id of [1, 2, 3, 4, 5, 6]) {
    while (true) {
      try { results.push(await codemode.rateLimited({ id })); break; }
      catch (e: any) {
        if (e.name !== 'RateLimitError' && !/429/.test(e.message)) throw e;
        retries++;
        await new Promise((r) => setTimeout(r, 2));
      }
    }
  }
  return { ids: results.map((r) => r.id), retries };
}
