async () => {
  const { lines } = await codemode.getLogs({ limit: 40 });
  const re = /^(?<ts>\S+) (?<level>[A-Z]+) \[(?<svc>\w+)\] (?<method>GET|POST) (?<path>\S+) (?<status>\d{3}) (?<ms>\d+)ms/gm;
  const text = lines.join('\n');
  const byRoute = new Map<string, { hits: number; totalMs: number; statuses: Set<number> }>();
  let count = 0;
  for (const m of text.matchAll(re)) {
    count++;
    const { method, path, status, ms } = m.groups!;
    const route = `${method} ${path.replace(/\/\d+(?=\/|$)/g, '/:id').replace(/\?.*$/, '')}`;
    const r = byRoute.get(route) ?? { hits: 0, totalMs: 0, statuses: new Set<number>() };
    r.hits++;
    r.totalMs += Number(ms);
    r.statuses.add(Number(status));
    byRoute.set(route, r);
  }
  const first = text.matchAll(re).next().value;
  console.log('first match index', first?.index, 'input same', first?.input === text, 'groups keys', Object.keys(first?.groups ?? {}));
  const rows = [...byRoute]
    .sort(([a, x], [b, y]) => y.hits - x.hits || a.localeCompare(b))
    .map(([route, r]) => `${route.padEnd(22)} ${String(r.hits).padStart(3)} ${(r.totalMs / r.hits).toFixed(1).padStart(7)}ms [${[...r.statuses].sort().join(',')}]`);
  rows.forEach((r) => console.log(r));
  const ips = [...text.matchAll(/ip=(\d+)\.(\d+)\.(\d+)\.(\d+)/g)].map((m) => m.slice(1).map(Number));
  const subnets = ips.reduce<Record<string, number>>((acc, [a, b, c]) => { const k = `${a}.${b}.${c}.0/24`; acc[k] = (acc[k] || 0) + 1; return acc; }, {});
  return { count, routes: byRoute.size, subnets, lastIndexAfter: re.lastIndex };
}
