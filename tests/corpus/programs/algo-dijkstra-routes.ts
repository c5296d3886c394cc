async () => {
  const cities = ['London', 'Paris', 'Berlin', 'Tokyo', 'Sydney', 'New York', 'Reykjavik'];
  const weather = Object.fromEntries(await Promise.all(cities.map(async (c) => [c, await codemode.getWeather({ city: c })] as const)));
  const edges: [string, string, number][] = [['London', 'Paris', 344], ['London', 'Reykjavik', 1890], ['Paris', 'Berlin', 878], ['London', 'New York', 5570], ['Reykjavik', 'New York', 4200], ['Berlin', 'Tokyo', 8920], ['New York', 'Tokyo', 10850], ['Tokyo', 'Sydney', 7820], ['Paris', 'Sydney', 16960]];
  const graph = new Map<string, { to: string; w: number }[]>();
  for (const [a, b, d] of edges) {
    const penalty = (c: string) => (weather[c].windKph > 30 ? 1.25 : 1);
    for (const [x, y] of [[a, b], [b, a]]) {
      if (!graph.has(x)) graph.set(x, []);
      graph.get(x)!.push({ to: y, w: Math.round(d * penalty(y)) });
    }
  }
  const dijkstra = (src: string) => {
    const dist = new Map<string, number>([[src, 0]]);
    const prev = new Map<string, string>();
    const queue: [number, string][] = [[0, src]];
    const done = new Set<string>();
    while (queue.length) {
      queue.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
      const [d, u] = queue.shift()!;
      if (done.has(u)) continue;
      done.add(u);
      for (const { to, w } of graph.get(u) ?? []) {
        const nd = d + w;
        if (nd < (dist.get(to) ?? Infinity)) { dist.set(to, nd); prev.set(to, u); queue.push([nd, to]); }
      }
    }
    return { dist, prev };
  };
  const { dist, prev } = dijkstra('London');
  const pathTo = (t: string) => { const p = [t]; while (prev.has(p[0])) p.unshift(prev.get(p[0])!); return p.join(' → '); };
  const routes = cities.filter((c) => c !== 'London').map((c) => `${c.padEnd(10)} ${String(dist.get(c) ?? '∞').padStart(6)} km  ${pathTo(c)}`);
  console.log(routes.join('\n'));
  const bfs = (src: string) => { const seen = new Map([[src, 0]]); const q = [src]; for (let i = 0; i < q.length; i++) for (const { to } of graph.get(q[i])!) if (!seen.has(to)) { seen.set(to, seen.get(q[i])! + 1); q.push(to); } return Object.fromEntries(seen); };
  return { routes, hops: bfs('Sydney'), windy: cities.filter((c) => weather[c].windKph > 30) };
}
