async () => {
  const { items } = await codemode.listOrders({ pageSize: 20 });
  const totals = items.map((o) => o.total);
  const sorted = totals.toSorted((a, b) => a - b);
  const reversed = sorted.toReversed();
  const patched = totals.with(0, -1).with(-1, 999);
  const spliced = totals.toSpliced(2, 3, 0, 0);
  const lastBig = items.findLast((o) => o.total > 300);
  const lastBigIdx = items.findLastIndex((o) => o.total > 300);
  const at = [totals.at(0), totals.at(-1), totals.at(-100), 'abc'.at(-1)];
  const chunks = Array.from({ length: Math.ceil(items.length / 6) }, (_, i) => items.slice(i * 6, i * 6 + 6).map((o) => o.id.slice(4)));
  const skus = items.flatMap((o) => o.items.map((it) => it.sku));
  const uniq = Array.from(new Set(skus), (s) => s.toLowerCase()).sort();
  const nested = [1, [2, [3, [4, [5]]]]].flat(Infinity);
  const filled = new Array(4).fill(0).map((_, i) => i ** 2);
  const unchanged = totals === sorted || totals[0] !== items[0].total;
  const lastIdx = totals.lastIndexOf(totals[3]);
  const incl = [NaN].includes(NaN) && [NaN].indexOf(NaN) === -1;
  console.log(sorted.slice(0, 4), reversed.slice(0, 2), spliced.length);
  try { totals.with(50, 1); } catch (e) { console.log((e as Error).name, (e as Error).message); }
  return { patched: [patched[0], patched.at(-1)], lastBig: lastBig?.id, lastBigIdx, at, chunks, uniq, nested, filled, unchanged, lastIdx, incl,
    copyWithin: [1, 2, 3, 4, 5].copyWithin(0, 3), entries: [...['a', 'b'].entries()], keys: [...Array(3).keys()] };
}
