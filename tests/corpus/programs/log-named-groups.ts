async () => {
  const { lines } = await codemode.getLogs({ service: 'api' });
  const re = /^(?<ts>\S+) (?<level>[A-Z]+) \[(?<svc>\w+)\] (?<method>GET|POST) (?<path>\S+) (?<status>\d{3}) (?<ms>\d+)ms/;
  const parsed = lines.map((l) => l.match(re)?.groups).filter(Boolean);
  const slow = parsed.filter((g) => +g!.ms > 500).map((g) => `${g!.method} ${g!.path} ${g!.ms}ms`);
  return { parsed: parsed.length, slow };
}
