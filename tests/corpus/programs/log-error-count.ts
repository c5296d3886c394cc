async () => {
  const { lines } = await codemode.getLogs({});
  const counts: Record<string, number> = {};
  for (const line of lines) {
    const m = line.match(/^\S+ (\w+) \[(\w+)\]/);
    if (m && m[1] === 'ERROR') counts[m[2]] = (counts[m[2]] || 0) + 1;
  }
  return counts;
}
