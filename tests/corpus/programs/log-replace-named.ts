async () => {
  const { lines } = await codemode.getLogs({ limit: 5 });
  return lines.map((l) => l.replace(/^(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})T(?<t>[\d:]+)\.\d+Z/, '$<d>/$<m>/$<y> $<t>'));
}
