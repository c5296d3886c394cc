async () => {
  class IssueStream implements AsyncIterable<any> {
    pagesFetched = 0;
    constructor(private state?: string, private perPage = 7) {}
    async *[Symbol.asyncIterator]() {
      let page: number | null = 1;
      try {
        while (page !== null) {
          const res = await codemode.listIssues({ state: this.state, page, perPage: this.perPage });
          this.pagesFetched++;
          for (const issue of res.items) yield issue;
          page = res.nextPage;
        }
      } finally {
        console.log(`stream(${this.state}) closed after ${this.pagesFetched} pages`);
      }
    }
  }
  const open = new IssueStream('open');
  const titles: string[] = [];
  for await (const issue of open) {
    if (issue.comments > 20) break;
    titles.push(issue.title);
  }
  const all = new IssueStream(undefined, 10);
  let n = 0, comments = 0;
  for await (const { comments: c } of all) { n++; comments += c; }
  const fromPromises: number[] = [];
  for await (const v of [codemode.sleep({ ms: 3 }), Promise.resolve(7), 8]) fromPromises.push(typeof v === 'object' ? v.slept : v);
  const manual = all[Symbol.asyncIterator]();
  const firstTwo = [(await manual.next()).value.number, (await manual.next()).value.number];
  await manual.return?.(undefined);
  return { titles, openPages: open.pagesFetched, n, comments, fromPromises, firstTwo };
}
