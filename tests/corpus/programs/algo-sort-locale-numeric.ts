async () => {
  const issues: Array<{ number: number; title: string; state: string; comments: number; labels: string[] }> = [];
  for (let p = 1; p <= 4; p++) {
    const res = await codemode.listIssues({ page: p, perPage: 10 });
    issues.push(...res.items);
    if (!res.nextPage) break;
  }
  const files = ['report10.csv', 'report2.csv', 'Report1.csv', 'report1.csv', 'résumé.txt', 'resume.txt', 'Zeta.md', 'alpha.md', 'report-final.csv'];
  const natural = [...files].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }) || a.localeCompare(b));
  const plain = [...files].sort();
  const defaultLocale = [...files].sort((a, b) => a.localeCompare(b));
  const collator = new Intl.Collator('en', { numeric: true });
  const versions = ['1.10.0', '1.2.0', '1.2.10', '1.2.9', '0.9.1'].sort(collator.compare);
  const sorted = issues
    .slice()
    .sort((a, b) =>
      a.state.localeCompare(b.state) ||
      b.labels.length - a.labels.length ||
      b.comments - a.comments ||
      a.title.localeCompare(b.title, undefined, { numeric: true }),
    )
    .slice(0, 8)
    .map((i) => `${i.state}:${i.labels.length}:${i.comments}:#${i.number}`);
  const sameBase = ['résumé', 'Resume', 'RESUME'].map((w) => w.localeCompare('resume', 'en', { sensitivity: 'base' }));
  console.log(natural.join(' '));
  return { natural, plain, defaultLocale, versions, sorted, sameBase };
}
