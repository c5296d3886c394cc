async () => {
  const xs = [5, 1, 4, 2, 3];
  return {
    flatMap: xs.flatMap((x) => (x % 2 ? [x, x] : [])),
    includes: xs.includes(4),
    findIndex: xs.findIndex((x) => x > 3),
    findLastIndex: xs.findLastIndex((x) => x < 3),
    every: xs.every(Number.isInteger),
    fill: new Array(3).fill('-').join(''),
    copyWithin: [1, 2, 3, 4, 5].copyWithin(0, 3),
    reversed: xs.toReversed(),
    spliced: xs.toSpliced(1, 2, 9),
    entries: [...['a', 'b'].entries()],
    sortNums: [10, 9, 1, 100].sort(),
  };
}
