async () => {
  const csv = await codemode.getSalesCsv();
  const prices = csv.split('\n').slice(1).map((l) => parseFloat(l.split(',').at(-1)!));
  const mean = prices.reduce((a, b) => a + b) / prices.length;
  const sd = Math.sqrt(prices.reduce((a, b) => a + (b - mean) ** 2, 0) / prices.length);
  const median = [...prices].sort((a, b) => a - b)[Math.floor(prices.length / 2)];
  return { mean, sd, median, max: Math.max(...prices) };
}
