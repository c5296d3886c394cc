async () => {
  const text = await codemode.getLogText();
  const re = /^(?<ts>\S+) (?<level>WARN|ERROR) \[(?<svc>\w+)\] (?<method>GET|POST) (?<path>\S+) (?<status>\d{3}) (?<ms>\d+)ms/dgm;
  const hits = [];
  for (const m of text.matchAll(re)) {
    const { level, svc, path, status } = m.groups!;
    const [s, e] = m.indices!.groups!.path;
    hits.push({ at: m.index, level, svc, path, status: Number(status), span: e - s });
  }
  const masked = text.split('\n').slice(0, 5).join('\n')
    .replaceAll(/ip=(\d+)\.(\d+)\.(\d+)\.(\d+)/g, (_m, a, b) => `ip=${a}.${b}.x.x`)
    .replace(/(?<=\[)(\w)(\w*)(?=\])/g, (_m, f: string, rest: string) => f.toUpperCase() + rest)
    .replace(/(?<!\d)(\d{3})(?= \d+ms)/g, '<$1>');
  console.log(masked);
  const svcCounts = hits.reduce<Record<string, number>>((acc, h) => ((acc[h.svc] = (acc[h.svc] ?? 0) + 1), acc), {});
  return { n: hits.length, first: hits.slice(0, 3), svcCounts, lastIndex: re.lastIndex };
}
