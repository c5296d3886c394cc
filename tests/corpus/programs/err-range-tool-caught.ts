async () => {
  try { await codemode.getExchangeRates({ base: 'XYZ' }); }
  catch (e) { return { name: (e as Error).name, isRange: e instanceof RangeError, msg: (e as Error).message }; }
}
