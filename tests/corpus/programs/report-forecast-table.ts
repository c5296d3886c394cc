async () => {
  const days = await codemode.getForecast({ city: 'Paris', days: 5 });
  const lines = days.map((d: any) => `${d.date}  ${String(d.highC).padStart(5)}°C / ${String(d.lowC).padStart(5)}°C  ${d.precipMm.toFixed(1)} mm`);
  console.log(['Date        High      Low       Rain', ...lines].join('\n'));
  return days.map((d: any) => d.highC - d.lowC);
}
