async () => {
  const users = [];
  let page = 1, pages = 0;
  for (;;) {
    const res = await codemode.listUsers({ page, pageSize: 7 });
    pages++;
    users.push(...res.items);
    if (res.nextPage == null) break;
    page = res.nextPage;
  }
  return { pages, count: users.length, last: users.at(-1).name };
}
