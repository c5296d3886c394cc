async () => {
  const ids = Array.from({ length: 23 }, (_, i) => i + 1);
  const chunk = <T,>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
  const names: string[] = [];
  for (const batch of chunk(ids, 5)) {
    const users = await Promise.all(batch.map((id) => codemode.getUser({ id })));
    names.push(...users.map((u) => u.name.split(' ').map((p: string) => p[0]).join('')));
  }
  return names.join(' ');
}
