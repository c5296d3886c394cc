async () => {
  const log: string[] = [];
  setTimeout(() => log.push('timeout 0'), 0);
  setTimeout(() => log.push('timeout 10'), 10);
  setTimeout(() => log.push('timeout 5'), 5);
  const iv = setInterval(() => { log.push('interval'); if (log.filter((l) => l === 'interval').length === 3) clearInterval(iv); }, 1);
  queueMicrotask(() => log.push('microtask'));
  Promise.resolve().then(() => log.push('then 1')).then(() => log.push('then 2'));
  (async () => { log.push('async body'); await null; log.push('after await'); })();
  const p = codemode.getWeather({ city: 'Tokyo' }).then((w) => log.push(`tool ${w.city}`));
  log.push('sync end');
  await p;
  while (log.filter((l) => l === 'interval').length < 3 || !log.includes('timeout 10')) await new Promise((r) => setTimeout(r, 2));
  const t = setTimeout(() => log.push('cancelled'), 1);
  clearTimeout(t);
  await new Promise((r) => setTimeout(r, 5));
  const order = log.filter((l) => !l.startsWith('tool') && !l.startsWith('timeout') && l !== 'interval');
  console.log(order);
  return {
    sync: log.slice(0, 2),
    micro: order,
    timers: log.filter((l) => l.startsWith('timeout')),
    intervals: log.filter((l) => l === 'interval').length,
    tool: log.some((l) => l === 'tool Tokyo'),
    typeofHandle: typeof t,
  };
}
