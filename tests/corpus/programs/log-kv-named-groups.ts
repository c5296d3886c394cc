const LINE = /^(?<ts>\S+) (?<level>[A-Z]+) \[(?<svc>\w+)\] (?<method>GET|POST) (?<path>\S+) (?<status>\d{3}) (?<ms>\d+)ms(?: ip=(?<ip>[\d.]+))?$/;

interface Hit { ts: string; level: string; svc: string; method: string; path: string; status: number; ms: number; ip?: string }

async () => {
  const text: string = await codemode.getLogText();
  const hits: Hit[] = [];
  const rejects: number[] = [];
  text.split('\n').forEach((line, i) => {
    const m = LINE.exec(line);
    if (!m?.groups) { rejects.push(i); return; }
    const { ts, level, svc, method, path, status, ms, ip } = m.groups;
    hits.push({ ts, level, svc, method, path, status: Number(status), ms: Number(ms), ip });
  });
  const perSvc = new Map<string, { n: number; errors: number; slowest: number; paths: Set<string> }>();
  for (const h of hits) {
    const s = perSvc.get(h.svc) ?? { n: 0, errors: 0, slowest: 0, paths: new Set() };
    s.n++;
    if (h.status >= 500) s.errors++;
    s.slowest = Math.max(s.slowest, h.ms);
    s.paths.add(h.path.replace(/\/\d+$/, '/:id').replace(/\?.*$/, ''));
    perSvc.set(h.svc, s);
  }
  const summary = [...perSvc].sort(([a], [b]) => a.localeCompare(b)).map(([svc, s]) => ({ svc, n: s.n, errors: s.errors, slowest: s.slowest, paths: [...s.paths].sort() }));
  const anonymized = text.split('\n').slice(0, 3).map((l) => l.replace(/ip=(?<a>\d+)\.(?<b>\d+)\.\d+\.\d+/, 'ip=$<a>.$<b>.x.x'));
  const subnets: Record<string, number> = {};
  for (const m of text.matchAll(/ip=(?<net>\d+\.\d+\.\d+)\.\d+/g)) subnets[m.groups!.net] = (subnets[m.groups!.net] ?? 0) + 1;
  const byMinute = text.replace(/T(\d\d):(\d\d):\d\d\.\d{3}Z/g, (_m, h: string, mi: string) => ` ${h}h${mi}`).split('\n')[0];
  summary.forEach((s) => console.log(`${s.svc}: ${s.n} requests, ${s.errors} 5xx, slowest ${s.slowest}ms`));
  return { parsed: hits.length, rejects, summary, anonymized, subnets, byMinute };
}
