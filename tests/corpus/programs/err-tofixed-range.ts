async () => {
  const w = await codemode.getWeather({ city: 'Sydney' });
  return w.tempC.toFixed(101);
}
