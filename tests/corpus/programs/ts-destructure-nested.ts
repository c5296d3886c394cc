async () => {
  const order = await codemode.getOrder({ id: 'ord_1010' });
  const user = await codemode.getUser({ id: order.userId });
  const { id, items: [{ sku, qty = 1, discount = 0, ...restItem }, second = null], status: state = 'unknown', ...restOrder } = order as any;
  const { name: fullName, name: [initial], email: { length: emailLen }, missing: { deep } = { deep: 'default-deep' } } = user as any;
  const key = 'country';
  const { [key]: cc, [`pl${'an'}`]: plan } = user;
  const swap = (([a, b]) => [b, a])([1, 2]);
  let x = 1, y = 2;
  [x, y] = [y, x];
  const [, , third = 'none', ...tail] = 'abcdef';
  const [p = 10, q = p * 2] = [undefined, undefined];
  const fn = ({ a = 1, b: { c = 2 } = {} }: any = {}, [d, e = d + 1]: any[] = [5]) => [a, c, d, e];
  const calls = [fn(), fn({ a: null }), fn({ b: { c: undefined } }, [7]), fn(undefined, [0, null])];
  const iterDefaults: string[] = [];
  const lazy = (n: string) => { iterDefaults.push(n); return n; };
  const [l1 = lazy('l1'), l2 = lazy('l2')] = [0];
  const entries = Object.entries({ a: 1, b: 2 }).map(([k, v]) => ({ [k.toUpperCase()]: v * 10 }));
  const { length, 0: firstChar, [order.id.length - 1]: lastChar } = order.id;
  const mapDes = [...new Map([['k', { v: [1, 2] }]])].map(([k, { v: [, two] }]) => `${k}${two}`);
  let thrown = '';
  try { const { a: { b } } = {} as any; void b; } catch (e) { thrown = (e as Error).name; }
  console.log(id, sku, qty, discount, Object.keys(restItem), second, state, Object.keys(restOrder));
  return { fullName, initial, emailLen, deep, cc, plan, swap, xy: [x, y], third, tail, pq: [p, q], calls, iterDefaults, l: [l1, l2], entries, str: [length, firstChar, lastChar], mapDes, thrown };
}
