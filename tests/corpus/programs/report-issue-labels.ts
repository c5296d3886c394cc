async () => {
  const issues: any[] = [];
  let page = 1;
  do {
    const r = await codemode.listIssues({ state: 'open', page, perPage: 10 });
    issues.push(...r.items);
    page = r.nextPage;
  } while (page);
  const labelCount = new Map<string, number>();
  issues.flatMap((i) => i.labels).forEach((l) => labelCount.set(l, (labelCount.get(l) ?? 0) + 1));
  return {
    open: issues.length,
    labels: [...labelCount].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    unlabeled: issues.filter((i) => i.labels.length === 0).map((i) => i.number),
  };
}
