async () => {
  const w = await codemode.getWeather({ city: 'Berlin' });
  const label = w.humidity.toUpperCase();
  return label;
}
