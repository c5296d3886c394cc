async () => {
  const { items } = await codemode.listUsers({ pageSize: 30 });
  // node 20 lacks Object.groupBy (node 21 has it): both paths must agree.
  const groupBy = typeof Object.groupBy === 'function'
    ? Object.groupBy
    : (xs: any[], f: (x: any) => string) => xs.reduce((acc, x) => ((acc[f(x)] ??= []).push(x), acc), Object.create(null));
  const byPlan = groupBy(items, (u: any) => u.plan);
  return { proto: Object.getPrototypeOf(byPlan), counts: Object.fromEntries(Object.entries(byPlan).map(([k, v]: any) => [k, v.length])) };
}
