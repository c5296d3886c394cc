async () => {
  const text: string = await codemode.getLogText();
  const hist = new Map<string, number>();
  for (const m of text.matchAll(/ (\d{3}) \d+ms/g)) hist.set(m[1], (hist.get(m[1]) ?? 0) + 1);
  return [...hist].sort();
}
