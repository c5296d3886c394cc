async () => {
  // A model's error report: each failing step's message, in order.
  const steps: [string, () => unknown][] = [
    ['parse', () => JSON.parse('{"a":1,}')],
    ['callback', () => [1, 2].map(undefined as any)],
    ['empty max', () => ([] as number[]).reduce((a, b) => Math.max(a, b))],
    ['pad', () => 'x'.repeat(-2)],
    ['radix', () => (255).toString(1)],
    ['code point', () => String.fromCodePoint(0x110000)],
    ['keys', () => Object.keys(undefined as any)],
    ['matchAll', () => [...'a-b'.matchAll(/-/)]],
    ['decode', () => decodeURIComponent('%E0%A4%A')],
  ];
  const report: string[] = [];
  for (const [name, f] of steps) {
    try { f(); report.push(`${name}: ok`); } catch (e: any) { report.push(`${name}: ${e.name}: ${e.message}`); }
  }
  const cfg = await codemode.getConfig();
  report.push(`config keys: ${Object.keys(cfg).length}`);
  return report;
}
