// PluralRules, RelativeTimeFormat, ListFormat.
const pr = new Intl.PluralRules('en-US');
const po = new Intl.PluralRules('en-US', { type: 'ordinal' });
const suffix = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
console.log([0, 1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map((n) => n + suffix[po.select(n)]).join(' '));
console.log([0, 1, 1.0, 1.5, 2, -1].map((n) => pr.select(n)).join(' '), new Intl.PluralRules('en', { minimumFractionDigits: 1 }).select(1));
for (const l of ['ru', 'pl', 'fr', 'ja', 'ar', 'de', 'hi', 'ko']) {
  const r = new Intl.PluralRules(l);
  console.log(l, [0, 1, 2, 5, 11, 21, 22, 25, 1.5, 101].map((n) => r.select(n)).join(' '), r.resolvedOptions().pluralCategories.join(','));
}
console.log(JSON.stringify(new Intl.PluralRules('en').resolvedOptions()), JSON.stringify(new Intl.PluralRules('ru', { type: 'ordinal', maximumSignificantDigits: 2 }).resolvedOptions()));
const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
console.log(rtf.format(-1, 'day'), rtf.format(1, 'day'), rtf.format(0, 'day'), rtf.format(-3, 'hours'), rtf.format(2, 'week'), rtf.format(-1, 'month'), rtf.format(0, 'year'), rtf.format(1, 'quarter'));
const rtf2 = new Intl.RelativeTimeFormat('en');
console.log(rtf2.format(-1, 'day'), rtf2.format(1.5, 'hour'), rtf2.format(-0, 'second'), rtf2.format(1000, 'year'));
for (const st of ['long', 'short', 'narrow']) console.log(st, new Intl.RelativeTimeFormat('en', { style: st }).format(-5, 'minute'), new Intl.RelativeTimeFormat('de', { style: st }).format(3, 'month'));
for (const l of ['de', 'fr', 'es', 'ja', 'ru', 'zh', 'ko', 'pt-BR']) console.log(l, new Intl.RelativeTimeFormat(l, { numeric: 'auto' }).format(-1, 'day'), new Intl.RelativeTimeFormat(l).format(5, 'days'));
console.log(JSON.stringify(rtf.formatToParts(-3, 'day')), JSON.stringify(rtf.formatToParts(1, 'day')), JSON.stringify(new Intl.RelativeTimeFormat('en').formatToParts(1234.5, 'year')));
console.log(JSON.stringify(rtf.resolvedOptions()));
try { rtf.format(1, 'decade'); } catch (e) { console.log(e.name, e.message); }
const items = ['apples', 'bananas', 'cherries'];
for (const type of ['conjunction', 'disjunction', 'unit']) {
  for (const style of ['long', 'short', 'narrow']) console.log(type, style, new Intl.ListFormat('en', { type, style }).format(items));
}
for (const l of ['en-GB', 'de', 'fr', 'es', 'ja', 'zh', 'ru', 'hi']) console.log(l, new Intl.ListFormat(l).format(items), new Intl.ListFormat(l, { type: 'disjunction' }).format(['a', 'b']));
console.log(new Intl.ListFormat('en').format([]), new Intl.ListFormat('en').format(['one']), new Intl.ListFormat('en').format(new Set(['x', 'y'])));
console.log(JSON.stringify(new Intl.ListFormat('en').formatToParts(['a', 'b', 'c'])));
try { new Intl.ListFormat('en').format(['a', 1]); } catch (e) { console.log(e.name); }
console.log(JSON.stringify(new Intl.ListFormat('de', { style: 'short' }).resolvedOptions()));
