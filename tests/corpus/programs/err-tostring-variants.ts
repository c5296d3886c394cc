async () => {
  const results: string[] = [];
  const cases: [string, () => unknown][] = [
    ['string', () => { throw 'plain string'; }],
    ['number', () => { throw 404; }],
    ['object', () => { throw { code: 'E_CFG', message: 'bad config' }; }],
    ['null', () => { throw null; }],
    ['tool', () => codemode.getUser({ id: 9999 })],
    ['json', () => JSON.parse('{"a":')],
    ['type', () => (null as any).foo],
    ['range', () => new Array(-1)],
    ['uri', () => decodeURIComponent('%')],
    ['custom', () => { const e = new Error('with code'); (e as any).code = 'E42'; e.name = 'ConfigError'; throw e; }],
  ];
  for (const [label, fn] of cases) {
    try { await fn(); results.push(`${label}: no error`); }
    catch (e: any) {
      const kind = e instanceof Error ? e.constructor.name : typeof e;
      const msg = e instanceof Error ? e.message : String(e?.message ?? e);
      results.push(`${label}: ${kind} ${e?.name ?? '-'} | ${msg} | code=${e?.code ?? '-'}`);
    }
  }
  const ts = [new Error('m'), new Error(''), new Error(), Object.assign(new Error('m'), { name: '' }), Object.assign(new TypeError('t'), { name: 'X' }), Object.assign(new Error('m'), { message: undefined })].map((e) => e.toString());
  const protoStr = Error.prototype.toString.call({ name: 'Fake', message: 'obj' });
  const fin = (() => { try { return 'try'; } finally { results.push('finally ran'); } })();
  const override = (() => { try { throw new Error('lost'); } catch { return 'catch'; } finally { return 'finally wins'; } })() as string;
  let nestedMsg = '';
  try { try { throw new Error('inner'); } finally { nestedMsg += 'cleanup;'; } } catch (e) { nestedMsg += (e as Error).message; }
  const rej = await Promise.reject(new RangeError('rejected')).catch((e) => `${e.name}/${e instanceof RangeError}`);
  const stackHead = new TypeError('head check').stack?.split('\n')[0];
  const hasCapture = typeof (Error as any).captureStackTrace;
  console.log(results.join('\n'));
  return { results, ts, protoStr, fin, override, nestedMsg, rej, stackHead, hasCapture, msgDesc: Object.getOwnPropertyDescriptor(new Error('x'), 'message')?.enumerable, nameOwn: Object.prototype.hasOwnProperty.call(new Error('x'), 'name') };
}
