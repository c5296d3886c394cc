async () => {
  const pr = new Intl.PluralRules('en-US', { type: 'ordinal' });
  const suffix: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
  return [1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map((n) => `${n}${suffix[pr.select(n)]}`);
}
