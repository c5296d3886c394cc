// Plural rules, relative times and lists across the locale set.
const locs = ['en', 'en-GB', 'de', 'fr', 'es', 'it', 'nl', 'sv', 'pl', 'pt-BR', 'ru', 'ja', 'zh', 'ko', 'hi'];
for (const l of locs) {
  const pr = new Intl.PluralRules(l), po = new Intl.PluralRules(l, { type: 'ordinal' });
  console.log(l, 'plural', [0, 1, 2, 3, 4, 5, 11, 21, 22, 101, 0.5, 1.25].map((n) => pr.select(n)).join(','), po.resolvedOptions().pluralCategories.join('/'), [1, 2, 3, 4, 11, 22, 23].map((n) => po.select(n)).join(','));
  for (const style of ['long', 'short', 'narrow']) {
    const rtf = new Intl.RelativeTimeFormat(l, { style, numeric: 'auto' });
    console.log(l, style, ['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'].map((u) => rtf.format(-1, u) + '/' + rtf.format(2, u) + '/' + rtf.format(0, u)).join('; '));
    console.log(l, style, ['conjunction', 'disjunction', 'unit'].map((type) => new Intl.ListFormat(l, { type, style }).format(['A', 'B', 'C'])).join(' ; '));
  }
}
