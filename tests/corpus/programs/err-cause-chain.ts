async () => {
  class AppError extends Error {
    constructor(message: string, public code: string, options?: { cause?: unknown }) {
      super(message, options);
      this.name = new.target.name;
    }
  }
  class FetchError extends AppError {}
  class ValidationError extends AppError {
    constructor(public field: string, cause?: unknown) { super(`invalid ${field}`, 'E_VALID', { cause }); }
  }
  async function loadOrder(id: string) {
    try { return await codemode.getOrder({ id }); }
    catch (e) { throw new FetchError(`could not load ${id}`, 'E_FETCH', { cause: e }); }
  }
  const results: string[] = [];
  for (const id of ['ord_1001', 'ord_9999', 'ord_1002']) {
    try {
      const o = await loadOrder(id);
      if (o.total > 100) throw new ValidationError('total', new RangeError(`${o.total} > 100`));
      results.push(`${id}: ok`);
    } catch (err) {
      const chain: string[] = [];
      let cur: any = err;
      while (cur) { chain.push(`${cur.name}(${cur.code ?? '-'}): ${cur.message}`); cur = cur.cause; }
      results.push(chain.join(' <- '));
      console.log(err instanceof AppError, err instanceof FetchError, (err as Error).constructor.name, String(err));
    }
  }
  const plain = new Error('outer', { cause: 'a string cause' });
  const noCause = new Error('x', {});
  console.log('cause' in noCause, plain.cause, Object.keys(plain), JSON.stringify(plain), Object.prototype.toString.call(plain));
  const agg = new AggregateError([new Error('a'), new TypeError('b')], 'many', { cause: 1 });
  return { results, agg: [agg.name, agg.message, agg.errors.length, agg.cause, String(agg)] };
}
