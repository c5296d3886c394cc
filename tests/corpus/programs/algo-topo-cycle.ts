async () => {
  const deps: Record<string, string[]> = { a: ['b'], b: ['c'], c: ['a'] };
  const visit = (n: string, stack: string[] = []): void => {
    if (stack.includes(n)) throw new Error(`cycle: ${[...stack, n].join(' -> ')}`);
    deps[n].forEach((d) => visit(d, [...stack, n]));
  };
  visit('a');
  return 'no cycle';
}
