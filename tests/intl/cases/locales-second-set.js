// The languages of the second locale set (docs/RUNTIME.md, "Locale set"):
// each resolves to itself (not to en-US) and formats in its own words.
const d = new Date(Date.UTC(2024, 6, 9, 14, 5, 0));
const langs = ['ar', 'bg', 'ca', 'cs', 'da', 'el', 'fa', 'fi', 'he', 'hr', 'hu', 'id', 'lt', 'ms', 'nb', 'ro',
  'sk', 'sl', 'sr', 'sw', 'th', 'tr', 'uk', 'vi'];
for (const l of langs) {
  const nf = new Intl.NumberFormat(l);
  const df = new Intl.DateTimeFormat(l, { dateStyle: 'long', timeZone: 'UTC' });
  const pr = new Intl.PluralRules(l);
  console.log(l, nf.resolvedOptions().locale, df.format(d),
    new Intl.DateTimeFormat(l, { weekday: 'long', month: 'long', timeZone: 'UTC' }).format(d),
    new Intl.RelativeTimeFormat(l).format(-2, 'day'),
    new Intl.ListFormat(l).format(['A', 'B', 'C']),
    [0, 1, 2, 5, 21].map((n) => pr.select(n)).join(','),
    new Intl.NumberFormat(l, { style: 'currency', currency: 'EUR' }).format(12.5),
    new Intl.DisplayNames([l], { type: 'region' }).of('US'));
}
console.log(['ç', 'c', 'ş', 's', 'ı', 'i', 'z'].sort(new Intl.Collator('tr').compare).join(''));
console.log('İstanbul'.toLocaleLowerCase('tr'), 'ılık'.toLocaleUpperCase('tr'));
console.log(['ä', 'a', 'z', 'ö', 'o'].sort(new Intl.Collator('fi').compare).join(''));
