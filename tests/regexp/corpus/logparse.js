// A log-report program as models write them (TypeScript shape, types erased): parse, group, format.

const raw = `2024-06-17T09:30:00.123Z INFO  [api] GET /users/42 200 12ms
2024-06-17T09:30:01.456Z ERROR [db] connection refused (retry 3/5)
2024-06-17T09:30:02.000Z INFO  [api] POST /orders 201 48ms
2024-06-17T09:30:02.500Z WARN  [cache] miss ratio 0.42
2024-06-17T09:31:00.000Z INFO  [api] GET /users/7 404 3ms
garbage line
2024-06-17T09:31:05.000Z ERROR [api] GET /boom 500 120ms`;
const LINE = /^(?<ts>\S+)\s+(?<level>[A-Z]+)\s+\[(?<mod>\w+)\]\s+(?<msg>.*)$/;
const entries = [];
for (const line of raw.split(/\r?\n/)) {
  const m = LINE.exec(line);
  if (!m?.groups) continue;
  const { ts, level, mod, msg } = m.groups;
  const ms = /(?<n>\d+)ms$/.exec(msg)?.groups?.n;
  entries.push({ ts, level, mod, msg, ...(ms ? { ms: Number(ms) } : {}) });
}
const byLevel = {};
for (const e of entries) byLevel[e.level] = (byLevel[e.level] ?? 0) + 1;
const slow = entries.filter((e) => (e.ms ?? 0) > 40).map((e) => e.msg.replace(/\s+\d+ms$/, ''));
const paths = [...raw.matchAll(/(?<verb>GET|POST) (?<path>\/[\w/]+) (?<status>\d{3})/g)]
  .map((m) => `${m.groups.verb} ${m.groups.path.replace(/\/\d+(?=\/|$)/g, '/:id')} -> ${m.groups.status}`);
const date = entries[0].ts.replace(/^(?<y>\d{4})-(?<m>\d\d)-(?<d>\d\d)T.*$/, '$<d>.$<m>.$<y>');
const table = Object.entries(byLevel).map(([k, v]) => `| ${k.padEnd(5)} | ${String(v).padStart(3)} |`).join('\n');
console.log(JSON.stringify({ count: entries.length, byLevel, slow, paths, date }));
console.log(table);
console.log('retries:', raw.match(/(?<=retry )\d+(?=\/)/g));
console.log('emails:', 'ops@example.com, dev.team+alerts@corp.example.org'.split(/,\s*/).map((e) => e.replace(/^(.).*(?=@)/u, '$1***')));
console.log('words:', 'naïve café — Ελληνικά'.match(/\p{L}+/gu)?.length, /\p{Lu}/u.test('élan'));
