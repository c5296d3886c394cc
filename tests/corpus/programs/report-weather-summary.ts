async () => {
  const cities = ['London', 'Paris', 'Tokyo', 'New York', 'Berlin'];
  const reports = await Promise.all(cities.map((city) => codemode.getWeather({ city })));
  const warmest = reports.reduce((a, b) => (b.tempC > a.tempC ? b : a));
  const avg = reports.reduce((s, r) => s + r.tempC, 0) / reports.length;
  const rainy = reports.filter((r) => r.conditions.includes('rain')).map((r) => r.city);
  return { warmest: warmest.city, average: Math.round(avg * 10) / 10, rainy };
}
