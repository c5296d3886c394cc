async () => {
  // Money in integer cents as BigInt, the way models write exact totals.
  const { items } = await codemode.listOrders({ pageSize: 40 });
  let total = 0n;
  for (const o of items) total += BigInt(Math.round(o.total * 100));
  const dollars = total / 100n;
  const cents = total % 100n;
  const factorial = (n: bigint): bigint => (n <= 1n ? 1n : n * factorial(n - 1n));
  const big = 2n ** 64n - 1n;
  return {
    total: `${dollars}.${cents.toString().padStart(2, '0')}`,
    f25: factorial(25n).toString(),
    big: big.toString(16),
    asU: BigInt.asUintN(8, 257n).toString(),
    typeof: typeof total,
    mixed: (() => { try { return String((total as any) + 1); } catch (e) { return (e as Error).name; } })(),
    cmp: [10n > 9, 10n == (10 as any), 10n === (10 as any)],
  };
}
