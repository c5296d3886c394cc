async () => {
  const first = await codemode.listIssues({ perPage: 50 });
  const byAuthor = {} as Record<string, number[]>;
  for (const issue of first.items) (byAuthor[issue.author] ||= []).push(issue.number);
  const ranked = Object.keys(byAuthor).sort((a, b) => byAuthor[b].length - byAuthor[a].length || (a < b ? -1 : 1));
  return ranked.slice(0, 4).map((a) => `${a}: ${byAuthor[a].join(', ')}`);
}
