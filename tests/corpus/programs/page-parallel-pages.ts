async () => {
  const first = await codemode.listIssues({ page: 1, perPage: 8 });
  const pageCount = Math.ceil(first.total / 8);
  const rest = await Promise.all(Array.from({ length: pageCount - 1 }, (_, i) => codemode.listIssues({ page: i + 2, perPage: 8 })));
  const all = [first, ...rest].flatMap((p) => p.items);
  return { pageCount, numbers: all.map((i) => i.number).filter((n) => n % 5 === 0) };
}
