async () => {
  const cities = ['London', 'Paris', 'Tokyo'];
  const pending: Record<string, Promise<any>> = {};
  for (const c of cities) pending[c] = codemode.getWeather({ city: c });
  const results = await Promise.all(pending as any);
  return results.map((w: any) => w.tempC);
}
