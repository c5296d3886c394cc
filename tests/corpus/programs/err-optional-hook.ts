async () => {
  const hooks: any = { onStart: () => 'started', onDone: 'log' };
  const out = [hooks.onStart?.()];
  const weather = await codemode.getWeather({ city: 'Paris' });
  out.push(weather.conditions);
  out.push(hooks.onDone?.(weather));
  return out;
}
