// Sorting with localeCompare and Intl.Collator options.
const words = ['résumé', 'resume', 'Resume', 'réservé', 'apple', 'Äpfel', 'zebra', 'Zürich', 'item10', 'item2', 'item1', 'a-b', 'ab', 'a b', 'ça', 'cz'];
console.log([...words].sort().join(' '));
console.log([...words].sort((a, b) => a.localeCompare(b)).join(' '));
console.log([...words].sort(new Intl.Collator('de').compare).join(' '));
console.log([...words].sort(new Intl.Collator('sv').compare).join(' '));
console.log([...words].sort(new Intl.Collator('en', { numeric: true }).compare).join(' '));
console.log([...words].sort(new Intl.Collator('en', { caseFirst: 'upper' }).compare).join(' '));
console.log([...words].sort(new Intl.Collator('en', { ignorePunctuation: true }).compare).join(' '));
console.log([...words].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })).join(' '));
for (const s of ['base', 'accent', 'case', 'variant']) {
  const c = new Intl.Collator('en', { sensitivity: s });
  console.log(s, c.compare('a', 'á'), c.compare('a', 'A'), c.compare('a', 'b'), c.compare('résumé', 'RESUME'));
}
console.log('a'.localeCompare('b'), 'b'.localeCompare('a'), 'a'.localeCompare('a'), 'a'.localeCompare('B'), 'ä'.localeCompare('z', 'de'), 'ä'.localeCompare('z', 'sv'));
console.log('file10.txt'.localeCompare('file9.txt', undefined, { numeric: true }), '10'.localeCompare('9'));
console.log(['Ωmega', 'alpha', 'Беta', 'ñu', 'nu', '日本', 'にほん', '한국'].sort(new Intl.Collator('en').compare).join(' '));
console.log(['张', '王', '李', '赵'].sort(new Intl.Collator('zh').compare).join(' '));
console.log(JSON.stringify(new Intl.Collator('de-u-co-phonebk').resolvedOptions()), JSON.stringify(new Intl.Collator('en', { numeric: true, sensitivity: 'base', usage: 'search' }).resolvedOptions()));
console.log(JSON.stringify(new Intl.Collator('en-u-kn-true-kf-upper').resolvedOptions()));
console.log(['Ä', 'a', 'z'].sort(new Intl.Collator('de-u-co-phonebk').compare).join(), ['ae', 'ä', 'af'].sort(new Intl.Collator('de-u-co-phonebk').compare).join());
const people = [{ n: 'Émile', a: 30 }, { n: 'eve', a: 25 }, { n: 'Zoë', a: 40 }, { n: 'adam', a: 35 }];
console.log(people.sort((x, y) => x.n.localeCompare(y.n)).map((p) => p.n).join(','));
