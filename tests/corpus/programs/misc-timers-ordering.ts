async () => {
  const order: string[] = [];
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  setTimeout(() => order.push('timeout 0'), 0);
  setTimeout((a: string, b: number) => order.push(`timeout args ${a} ${b}`), 0, 'x', 2);
  queueMicrotask(() => order.push('microtask'));
  Promise.resolve().then(() => order.push('then 1')).then(() => order.push('then 2'));
  order.push('sync');
  let ticks = 0;
  await new Promise<void>((resolve) => {
    const id = setInterval(() => { ticks++; order.push(`tick ${ticks}`); if (ticks === 3) { clearInterval(id); resolve(); } }, 5);
  });
  const cancelled = setTimeout(() => order.push('should not run'), 1);
  clearTimeout(cancelled);
  clearTimeout(undefined as any);
  const w = await codemode.getWeather({ city: 'Berlin' });
  order.push(`tool ${w.city}`);
  const results: string[] = [];
  await Promise.all([30, 10, 20].map(async (ms, i) => { await sleep(ms); results.push(`job${i}`); }));
  const nested: string[] = [];
  await new Promise<void>((res) => setTimeout(() => { nested.push('outer'); Promise.resolve().then(() => nested.push('outer micro')); setTimeout(() => { nested.push('inner'); res(); }, 0); }, 0));
  const idType = typeof setTimeout(() => {}, 0);
  await sleep(1);
  console.log(order.join(' -> '));
  return { order, results, nested, idType, ticks };
}
