async () => {
  const { items } = await codemode.listIssues({ perPage: 20 });
  const byYear = new Map<number, number>();
  for (const i of items) {
    const y = new Date(i.created_at).getUTCFullYear();
    byYear.set(y, (byYear.get(y) ?? 0) + 1);
  }
  return [...byYear].map(([y, n]) => ({ year: y, issues: n, yearStart: new Date(Date.UTC(y)).toISOString() }));
}
