async () => {
  const { items } = await codemode.listIssues({ perPage: 6 });
  const decorate = (t: string, labels: string[]) =>
    `${labels.includes('bug') ? '🐛' : labels.includes('security') ? '🔒' : '✨'} ${t}`;
  const truncate = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);
  const previews: string[] = [];
  for (const issue of items) {
    const title = decorate(issue.title, issue.labels);
    const short = truncate(title + ' 🚀🚀🚀', 21);
    previews.push(short);
    await codemode.kvSet({ key: `preview:${issue.number}`, value: short });
  }
  const stored = await Promise.all(items.map((i) => codemode.kvGet({ key: `preview:${i.number}` })));
  const mismatched = stored.filter((s, i) => s !== previews[i]).length;
  console.log(previews);
  console.log(previews.map((p) => p.isWellFormed()).join(','));
  return { previews, mismatched, wellFormed: previews.map((p) => p.toWellFormed()), lens: previews.map((p) => p.length) };
}
