// The shape @cloudflare/codemode asks models to write: an async arrow
// function, TypeScript allowed.
interface Weather { city: string; tempC: number; conditions: string }

async () => {
  const cities: string[] = await codemode.listCities({});
  console.log(`checking ${cities.length} cities`);
  const reports = await Promise.all(cities.map((city) => codemode.getWeather({ city }) as Promise<Weather>));
  const warmest = reports.reduce((a, b) => (a.tempC >= b.tempC ? a : b));
  const rainy = reports.filter(({ conditions }) => conditions === 'rain').map((r) => r.city);
  return { warmest: warmest.city, rainy, summary: reports.map((r) => `${r.city}: ${r.tempC}°C`) };
}
