async () => {
  const grid = [[1, 2, 3], [4, 99, 6], [7, 8, 9]];
  let found: [number, number] | null = null;
  outer: for (let i = 0; i < grid.length; i++) {
    for (let j = 0; j < grid[i].length; j++) {
      if (grid[i][j] === 99) { found = [i, j]; break outer; }
      if (grid[i][j] % 2 === 0) continue outer;
    }
  }
  return found;
}
