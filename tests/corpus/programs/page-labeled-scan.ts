async () => {
  const wanted = new Set(['security', 'performance']);
  const found: Array<{ number: number; label: string; page: number }> = [];
  const skipped: number[] = [];
  let pagesRead = 0;
  let page: number | null = 1;
  scan: while (page !== null) {
    const res = await codemode.listIssues({ state: 'open', page, perPage: 5 });
    pagesRead++;
    issues: for (const issue of res.items) {
      if (issue.comments > 20) {
        skipped.push(issue.number);
        continue issues;
      }
      for (const label of issue.labels) {
        if (!wanted.has(label)) continue;
        found.push({ number: issue.number, label, page });
        if (found.length >= 6) break scan;
        continue issues;
      }
    }
    page = res.nextPage;
  }
  let attempts = 0;
  retry: for (;;) {
    attempts++;
    try {
      const r = await codemode.flakyFetch({ key: 'scan', failTimes: 2 });
      if (r.attempts < 3) continue retry;
      break retry;
    } catch {
      if (attempts > 5) break;
    }
  }
  const grid: string[] = [];
  outer: for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      if (j > i) continue outer;
      if (i * j === 6) break outer;
      grid.push(`${i}${j}`);
    }
  }
  block: {
    if (found.length === 0) break block;
    console.log(`first match #${found[0].number} (${found[0].label})`);
  }
  console.log(`read ${pagesRead} pages, found ${found.length}, skipped ${skipped.length}`);
  return { found, skipped, pagesRead, attempts, grid };
}
