async () => {
  const products = await codemode.listProducts();
  const pr = new Intl.PluralRules('en-US', { type: 'ordinal' });
  const suffix: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
  const ordinal = (n: number) => `${n}${suffix[pr.select(n)]}`;
  const ranked = products.toSorted((a, b) => b.rating - a.rating || a.name.localeCompare(b.name))
    .map((p, i) => `${ordinal(i + 1)}: ${p.name} (${p.rating.toFixed(1)}★)`);
  const checks = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(ordinal);
  const card = new Intl.PluralRules('en');
  const fr = new Intl.PluralRules('fr');
  const ar = new Intl.PluralRules('ar');
  const cats = [0, 1, 1.5, 2, 5, 11, 100].map((n) => `${n}:${card.select(n)}/${fr.select(n)}/${ar.select(n)}`);
  console.log(pr.resolvedOptions().pluralCategories, ar.resolvedOptions().pluralCategories);
  return { ranked, checks, cats };
}
