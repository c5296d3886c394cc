async () => {
  async function* paginate(status: string) {
    let page: number | null = 1;
    while (page) {
      const r = await codemode.listOrders({ status, page, pageSize: 5 });
      yield* r.items;
      page = r.nextPage;
    }
  }
  let n = 0, sum = 0;
  for await (const o of paginate('paid')) { n++; sum += o.total; }
  return { n, sum: Math.round(sum * 100) / 100 };
}
