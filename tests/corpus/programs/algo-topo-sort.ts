async () => {
  const deps: Record<string, string[]> = { app: ['db', 'auth', 'cache'], auth: ['db'], cache: [], db: ['config'], config: [] };
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (n: string, stack: string[] = []) => {
    if (stack.includes(n)) throw new Error(`cycle: ${[...stack, n].join(' -> ')}`);
    if (seen.has(n)) return;
    deps[n].forEach((d) => visit(d, [...stack, n]));
    seen.add(n);
    order.push(n);
  };
  Object.keys(deps).forEach((n) => visit(n));
  return order;
}
