const weather = {};
for (const city of ['London', 'Sydney', 'Reykjavik']) {
  const w = await codemode.getWeather({ city });
  weather[city] = `${w.tempC}°C ${w.conditions}`;
}
return weather;
