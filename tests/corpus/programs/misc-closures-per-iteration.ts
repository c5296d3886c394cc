async () => {
  const cities = ['London', 'Paris', 'Tokyo'];
  const fns: (() => string)[] = [];
  for (let i = 0; i < cities.length; i++) fns.push(() => `${i}:${cities[i]}`);
  var legacy: (() => number)[] = [];
  for (var j = 0; j < 3; j++) legacy.push(() => j);
  const results: string[] = [];
  const pending: Promise<void>[] = [];
  for (let i = 0; i < cities.length; i++) {
    pending.push(codemode.getWeather({ city: cities[i] }).then((w) => { results[i] = `${i} ${w.city} ${w.tempC}`; }));
  }
  await Promise.all(pending);
  const seq: string[] = [];
  for (const c of cities) { const w = await codemode.getWeather({ city: c }); seq.push(w.conditions); }
  const counters = (() => { let n = 0; return { inc: () => ++n, dec: () => --n, get value() { return n; } }; })();
  counters.inc(); counters.inc(); counters.dec();
  const once = <T extends (...a: any[]) => any>(f: T) => { let done = false, v: any; return (...a: Parameters<T>) => (done ? v : ((done = true), (v = f(...a)))); };
  let hits = 0;
  const init = once(() => ++hits);
  init(); init(); init();
  const shadow = (() => { let x = 'outer'; { let x = 'inner'; void x; } return x; })();
  const hoisted = (() => { try { return typeof hoistedFn(); } finally { } function hoistedFn() { return 1; } })();
  console.log(results);
  return { fns: fns.map((f) => f()), legacy: legacy.map((f) => f()), results, seq, counter: counters.value, hits, shadow, hoisted };
}
