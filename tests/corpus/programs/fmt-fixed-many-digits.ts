async () => {
  const rates = (await codemode.getExchangeRates({ base: 'USD' })).rates;
  return Object.entries(rates).map(([k, v]) => `${k} ${v.toFixed(24)} ${v.toPrecision(25)}`);
}
