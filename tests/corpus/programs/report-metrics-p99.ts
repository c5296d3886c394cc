async () => {
  const pts = await codemode.getMetrics({ service: 'api', points: 24 });
  const sorted = [...pts].sort((a, b) => b.p99 - a.p99);
  const worst = sorted.slice(0, 3).map((p) => ({ hour: p.ts.slice(11, 16), p99: p.p99 }));
  const totalErrors = pts.reduce((s, p) => s + p.errors, 0);
  const totalReq = pts.reduce((s, p) => s + p.requests, 0);
  return { worst, errorRate: `${((totalErrors / totalReq) * 100).toFixed(3)}%` };
}
