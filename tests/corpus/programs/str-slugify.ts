async () => {
  const issues = (await codemode.listIssues({ perPage: 6 })).items;
  const slug = (s: string) => s.toLowerCase().trim().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return issues.map((i) => `${i.number}-${slug(i.title)}`);
}
