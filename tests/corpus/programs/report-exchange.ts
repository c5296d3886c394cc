async () => {
  const { rates } = await codemode.getExchangeRates({ base: 'EUR' });
  const amounts = [100, 250.5, 1999.99];
  return amounts.map((a) => ({
    eur: a,
    usd: +(a * rates.USD).toFixed(2),
    gbp: +(a * rates.GBP).toFixed(2),
    jpy: Math.round(a * rates.JPY),
  }));
}
