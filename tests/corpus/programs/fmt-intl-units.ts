async () => {
  const cities = ['London', 'Tokyo', 'Reykjavik', 'Sydney'];
  const ws = await Promise.all(cities.map((city) => codemode.getWeather({ city })));
  const temp = new Intl.NumberFormat('en-US', { style: 'unit', unit: 'celsius', maximumFractionDigits: 1 });
  const wind = new Intl.NumberFormat('en-US', { style: 'unit', unit: 'kilometer-per-hour', unitDisplay: 'long' });
  const windNarrow = new Intl.NumberFormat('en-GB', { style: 'unit', unit: 'mile-per-hour', unitDisplay: 'narrow', maximumFractionDigits: 0 });
  const hum = new Intl.NumberFormat('en-US', { style: 'percent' });
  const sizes = [512, 2048, 5.5e6, 1.2e9].map((b) => new Intl.NumberFormat('en', { style: 'unit', unit: b >= 1e9 ? 'gigabyte' : b >= 1e6 ? 'megabyte' : b >= 1e3 ? 'kilobyte' : 'byte', unitDisplay: 'short', maximumFractionDigits: 2 }).format(b >= 1e9 ? b / 1e9 : b >= 1e6 ? b / 1e6 : b >= 1e3 ? b / 1e3 : b));
  const rows = ws.map((w) => `${w.city.padEnd(10)} ${temp.format(w.tempC).padStart(8)} ${wind.format(w.windKph)} / ${windNarrow.format(w.windKph / 1.609)} humidity ${hum.format(w.humidity / 100)}`);
  rows.forEach((r) => console.log(r));
  const parts = temp.formatToParts(-3.5).map((p) => `${p.type}:${p.value}`);
  const liters = new Intl.NumberFormat('en-US', { style: 'unit', unit: 'liter', unitDisplay: 'long' });
  const dur = ['second', 'minute', 'hour', 'day'].map((u) => new Intl.NumberFormat('en', { style: 'unit', unit: u, unitDisplay: 'long' }).format(1) + ' | ' + new Intl.NumberFormat('en', { style: 'unit', unit: u, unitDisplay: 'short' }).format(2));
  return { rows, sizes, parts, liters: [liters.format(1), liters.format(2.5)], dur, resolved: temp.resolvedOptions().unit };
}
