async () => {
  const { items } = await codemode.listOrders({ pageSize: 10 });
  const ids = items.map((o) => o.id);
  const copy = [...ids];
  copy.length = 3;
  const grown = [1, 2];
  grown[5] = 6;
  const shared = Array(3).fill([]);
  shared[0].push('x');
  const separate = Array.from({ length: 3 }, () => [] as string[]);
  separate[0].push('x');
  const sp = [1, 2, 3, 4, 5];
  const removed = sp.splice(-2, 1, 9, 9);
  const idx = [ids.indexOf(ids[2], 3), ids.indexOf(ids[2], -9), ids.lastIndexOf(ids[0], -1), [1, 2, 3].includes(1, 1), [1, 2, 3].includes(3, -1)];
  const rr = ['a', 'b', 'c'].reduceRight((acc, x, i) => acc + x + i, '');
  const empties = [[].every(() => false), [].some(() => true), [].reduce((a, b) => a + b, 'init'), [[]].join(), [null, undefined, 1].join('-'), [[1, [2, 3]], [4]].toString(), String([1, [2, [3, [4]]]])];
  const of = [Array.of(3), Array(3).length, Array.of(1, 2), Array('3'), new Array(2, 3)];
  const concat = [1].concat(2, [3, [4]], { length: 1, 0: 'like' } as any);
  const totals = items.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o.status]: Math.round(((acc[o.status] ?? 0) + o.total) * 100) / 100 }), {});
  const lastThree = ids.slice(-3);
  const middle = ids.slice(2, -5);
  const reversed = [...ids].reverse().slice(0, 2);
  const deleted = [1, 2, 3];
  delete deleted[1];
  const fillRange = new Array(6).fill(0).fill(7, 2, 4).fill(9, -1);
  const arrKeys = Object.keys(['a', , 'c']);
  const big = [];
  big[2 ** 32 - 2] = 'last';
  let lenErr = '';
  try { (big as any).length = -1; } catch (e) { lenErr = (e as Error).name; }
  console.log(copy, grown, shared, separate);
  return { copy, grown: [grown.length, grown.map(String)], shared, separate, sp, removed, idx, rr, empties, of: of.map((x) => JSON.stringify(x)), concat, totals, lastThree, middle, reversed, deleted: [deleted.length, 1 in deleted, JSON.stringify(deleted)], fillRange, arrKeys, bigLen: big.length, lenErr };
}
