type User = { id: number; name: string; country: string; plan: string; active: boolean };

async () => {
  const all: User[] = [];
  let page: number | null = 1;
  while (page !== null) {
    const res = await codemode.listUsers({ page, pageSize: 7 });
    all.push(...res.items);
    page = res.nextPage;
  }
  // country -> plan -> names, built with reduce the way it is usually written
  const nested = all.reduce<Record<string, Record<string, string[]>>>((acc, u) => {
    acc[u.country] ??= {};
    (acc[u.country][u.plan] ??= []).push(u.name.split(' ')[0]);
    return acc;
  }, {});
  const activeByCountry = new Map<string, { active: number; total: number }>();
  for (const u of all) {
    const s = activeByCountry.get(u.country) ?? { active: 0, total: 0 };
    s.total++;
    if (u.active) s.active++;
    activeByCountry.set(u.country, s);
  }
  const ranking = [...activeByCountry]
    .map(([country, s]) => ({ country, ...s, rate: Math.round((s.active / s.total) * 1000) / 10 }))
    .sort((a, b) => b.rate - a.rate || b.total - a.total || a.country.localeCompare(b.country));
  const planCounts = Object.fromEntries(
    Object.entries(Object.groupBy ? Object.groupBy(all, (u) => u.plan) : all.reduce((a: Record<string, User[]>, u) => ((a[u.plan] ||= []).push(u), a), {}))
      .map(([plan, us]) => [plan, us!.length])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
  for (const r of ranking.slice(0, 3)) console.log(`${r.country.padEnd(3)} ${String(r.active).padStart(2)}/${r.total} ${r.rate}%`);
  return { nested, ranking, planCounts, countries: Object.keys(nested).sort() };
}
