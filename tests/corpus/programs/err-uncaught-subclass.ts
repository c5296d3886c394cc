class QuotaExceededError extends Error {
  constructor(public used: number, public limit: number) {
    super(`Quota exceeded: ${used}/${limit}`);
    this.name = 'QuotaExceededError';
  }
}

async function main() {
  const metrics = await codemode.getMetrics({ service: 'billing', points: 12 });
  const used = metrics.reduce((s, m) => s + m.errors, 0);
  console.log(`errors used: ${used}`);
  if (used > 10) {
    throw new QuotaExceededError(used, 10);
  }
  return used;
}

return await main();
