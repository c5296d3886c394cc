async () => {
  const pts = await codemode.getMetrics({ service: 'api', points: 24 });
  const grid: number[][] = [];
  for (let r = 0; r < 4; r++) grid.push(pts.slice(r * 6, r * 6 + 6).map((p) => p.errors));
  const found: string[] = [];
  search: for (let r = 0; r < grid.length; r++) {
    for (let c = 0; c < grid[r].length; c++) {
      if (grid[r][c] === 0) continue;
      if (grid[r][c] >= 5) { found.push(`first>=5 at ${r},${c}`); break search; }
    }
  }
  const skipped: number[] = [];
  rows: for (const [i, row] of grid.entries()) {
    for (const v of row) if (v > 6) { skipped.push(i); continue rows; }
    found.push(`row ${i} ok sum=${row.reduce((a, b) => a + b, 0)}`);
  }
  let steps = 0;
  block: {
    steps++;
    if (grid.length > 2) break block;
    steps += 100;
  }
  let k = 0;
  outer: do { k++; inner: while (true) { if (k % 2) continue outer; break inner; } } while (k < 5);
  const sw: string[] = [];
  loop: for (const v of [1, 2, 3, 4]) {
    switch (v) {
      case 1: sw.push('one'); continue loop;
      case 3: sw.push('three'); break loop;
      default: sw.push(`d${v}`);
    }
    sw.push(`after${v}`);
  }
  let tries = 0;
  const fin: string[] = [];
  retry: for (;;) {
    try { tries++; if (tries < 3) continue retry; break retry; } finally { fin.push(`finally ${tries}`); }
  }
  console.log(grid.map((r) => r.join(' ')).join('\n'));
  return { found, skipped, steps, k, sw, tries, fin };
}
