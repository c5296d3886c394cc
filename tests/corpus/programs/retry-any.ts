async () => {
  const first = await Promise.any([
    codemode.getWeather({ city: 'Atlantis' }),
    codemode.getWeather({ city: 'Berlin' }),
  ]);
  let agg = '';
  try { await Promise.any([codemode.getUser({ id: 0 }), codemode.getUser({ id: -1 })]); }
  catch (e: any) { agg = `${e.constructor.name}: ${e.errors.map((x: Error) => x.message).join('; ')}`; }
  return { first: first.city, agg };
}
