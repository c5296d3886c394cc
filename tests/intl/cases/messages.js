// Pluralised and listed messages, relative times for a feed, sorting names.
const en = new Intl.PluralRules('en-US');
const msg = (n, one, other) => `${n.toLocaleString('en-US')} ${en.select(n) === 'one' ? one : other}`;
for (const n of [0, 1, 2, 1000, 1.5]) console.log(msg(n, 'file', 'files'), '|', msg(n, 'person', 'people'));
const ru = new Intl.PluralRules('ru');
const forms = { one: 'файл', few: 'файла', many: 'файлов', other: 'файла' };
console.log([1, 2, 5, 11, 21, 22, 25, 101, 1.5].map((n) => `${n} ${forms[ru.select(n)]}`).join('; '));
const pl = new Intl.PluralRules('pl');
const plf = { one: 'plik', few: 'pliki', many: 'plików', other: 'pliku' };
console.log([1, 2, 5, 12, 22, 0.5].map((n) => `${n} ${plf[pl.select(n)]}`).join('; '));
const now = Date.UTC(2024, 4, 20, 12, 0, 0);
const events = [now - 30e3, now - 5 * 60e3, now - 3 * 3600e3, now - 26 * 3600e3, now - 9 * 86400e3, now - 40 * 86400e3, now - 400 * 86400e3, now + 2 * 86400e3];
const units = [['year', 31536e6], ['month', 2592e6], ['week', 6048e5], ['day', 864e5], ['hour', 36e5], ['minute', 6e4], ['second', 1e3]];
function ago(t, rtf) {
  const diff = t - now;
  for (const [u, ms] of units) if (Math.abs(diff) >= ms || u === 'second') return rtf.format(Math.round(diff / ms), u);
}
for (const l of ['en', 'de', 'fr', 'es', 'ja', 'zh', 'ko', 'ru', 'hi', 'nl', 'sv', 'it', 'pl', 'pt-BR', 'en-GB']) {
  const rtf = new Intl.RelativeTimeFormat(l, { numeric: 'auto' });
  console.log(l, events.map((t) => ago(t, rtf)).join(' / '));
}
const names = ['Øystein', 'Zoë', 'Ángel', 'ángel', 'Émile', 'Eve', 'Åsa', 'Ölsen', 'Ørsted', 'Zachary', 'Łukasz', 'Lukas', 'Chloé', 'Ch', 'Ćwik', 'Dvořák'];
for (const l of ['en', 'de', 'sv', 'pl', 'fr', 'es']) console.log(l, [...names].sort(new Intl.Collator(l).compare).join(' '));
const lf = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });
const who = ['Ana', 'Bo', 'Cy', 'Di'];
for (let i = 0; i <= who.length; i++) console.log(`${lf.format(who.slice(0, i)) || 'Nobody'} ${i === 1 ? 'likes' : 'like'} this`);
console.log(new Intl.ListFormat('de', { type: 'disjunction' }).format(['rot', 'grün', 'blau']), new Intl.ListFormat('ja').format(['りんご', 'みかん', 'ぶどう']), new Intl.ListFormat('en', { type: 'unit', style: 'narrow' }).format(['5 lb', '12 oz']));
