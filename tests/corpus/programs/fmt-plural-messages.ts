async () => {
  const { items } = await codemode.listIssues({ state: 'open', perPage: 40 });
  const pr = new Intl.PluralRules('en-US');
  const ord = new Intl.PluralRules('en-US', { type: 'ordinal' });
  const suffix: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
  const msgs: Record<string, string> = { zero: 'no comments', one: '# comment', other: '# comments' };
  const fmt = (n: number) => (n === 0 ? msgs.zero : msgs[pr.select(n)].replace('#', String(n)));
  const lines = items.slice(0, 10).map((i, k) => `${k + 1}${suffix[ord.select(k + 1)]}: #${i.number} ${fmt(i.comments)}`);
  console.log(lines.join('\n'));
  const ords = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112, 1000].map((n) => `${n}${suffix[ord.select(n)]}`);
  const cards = [0, 1, 1.0, 1.5, 2, -1, 0.1].map((n) => pr.select(n));
  const withFrac = new Intl.PluralRules('en', { minimumFractionDigits: 1 }).select(1);
  const cats = ['en', 'fr', 'pl', 'ru', 'ar', 'ja'].map((l) => [l, new Intl.PluralRules(l).resolvedOptions().pluralCategories.join('/')]);
  const ru = [1, 2, 5, 21, 22, 25, 11].map((n) => new Intl.PluralRules('ru').select(n));
  const pl = [1, 2, 5, 12, 22, 0].map((n) => new Intl.PluralRules('pl').select(n));
  const fr = [0, 1, 1.5, 2].map((n) => new Intl.PluralRules('fr').select(n));
  return { lines, ords, cards, withFrac, cats, ru, pl, fr, supported: Intl.PluralRules.supportedLocalesOf(['en-US', 'xx-YY']) };
}
