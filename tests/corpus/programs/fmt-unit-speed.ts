async () => {
  const cities = ['London', 'Paris', 'Tokyo', 'Berlin', 'Reykjavik'];
  const obs = await Promise.all(cities.map((city) => codemode.getWeather({ city })));
  const temp = new Intl.NumberFormat('en-US', { style: 'unit', unit: 'celsius', maximumFractionDigits: 1 });
  const speedLong = new Intl.NumberFormat('en-GB', { style: 'unit', unit: 'kilometer-per-hour', unitDisplay: 'long' });
  const speedNarrow = new Intl.NumberFormat('en-US', { style: 'unit', unit: 'mile-per-hour', unitDisplay: 'narrow', maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1 });
  const lines = obs.map((w) =>
    `${w.city.padEnd(10)} ${temp.format(w.tempC).padStart(7)}  ${speedLong.format(w.windKph)} (${speedNarrow.format(w.windKph / 1.609)})  hum ${pct.format(w.humidity / 100)}`);
  lines.forEach((l) => console.log(l));
  const sizes = [512, 2048, 5_300_000, 7.5e9].map((b) =>
    new Intl.NumberFormat('en', { style: 'unit', unit: b >= 1e9 ? 'gigabyte' : b >= 1e6 ? 'megabyte' : b >= 1e3 ? 'kilobyte' : 'byte', unitDisplay: 'short', maximumFractionDigits: 2 })
      .format(b >= 1e9 ? b / 1e9 : b >= 1e6 ? b / 1e6 : b >= 1e3 ? b / 1e3 : b));
  return { lines, sizes };
}
