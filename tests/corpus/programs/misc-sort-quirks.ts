async () => {
  const metrics = await codemode.getMetrics({ service: 'search', points: 12 });
  const p99 = metrics.map((m) => m.p99);
  const lexical = [...p99].sort();
  const numeric = [...p99].sort((a, b) => a - b);
  const mixed = [10, 9, 1, undefined, 'b', null, 'a', NaN, 2, undefined, -1, 'B', true].sort();
  const holes = [3, , 1, undefined, 2].sort();
  const byErrorsStable = metrics.map((m, i) => ({ i, e: m.errors })).sort((a, b) => a.e - b.e).map((x) => `${x.e}:${x.i}`);
  const boolCmp = metrics.map((m, i) => ({ i, hot: m.p99 > 300 })).sort((a, b) => Number(b.hot) - Number(a.hot)).map((x) => x.i);
  const badCmp = [5, 1, 4, 2, 3].sort((a, b) => (a > b ? 1 : 0));
  const strNums = ['10', '9', '1.5', '-2', '1e2'].sort((a, b) => +a - +b);
  const dates = ['2024-06-17T10:00:00Z', '2024-01-05T00:00:00Z', '2023-12-31T23:59:59Z'].sort((a, b) => Date.parse(a) - Date.parse(b));
  const multi = [{ n: 'b', v: 2 }, { n: 'a', v: 2 }, { n: 'c', v: 1 }].sort((x, y) => y.v - x.v || x.n.localeCompare(y.n)).map((x) => x.n);
  const typed = Array.from(new Float64Array([3, -0, 0, NaN, -Infinity, 1]).sort()).map((x) => Object.is(x, -0) ? '-0' : String(x));
  const reversedSort = [1, 2, 3, 4].reverse().sort(() => 0);
  console.log(lexical.join(','), numeric.join(','));
  return { mixed, holes: [holes.length, 1 in holes, 4 in holes, holes], byErrorsStable, boolCmp, badCmp, strNums, dates, multi, typed, reversedSort, maxMin: [Math.max(...p99), Math.min(...p99)] };
}
