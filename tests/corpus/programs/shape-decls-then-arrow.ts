const fmtTemp = (c: number) => `${c.toFixed(1)}°C / ${(c * 9 / 5 + 32).toFixed(1)}°F`;
interface W { city: string; tempC: number }

async () => {
  const ws: W[] = await Promise.all(['Paris', 'Reykjavik'].map((city) => codemode.getWeather({ city })));
  return ws.map((w) => `${w.city}: ${fmtTemp(w.tempC)}`);
}
