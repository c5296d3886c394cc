// Collation across the locale set and options: sort order and compare().
const words = ['a', 'A', 'á', 'Á', 'ä', 'b', 'B', 'z', 'Z', 'ö', 'o', 'ø', 'å', 'æ', 'ł', 'l', 'ch', 'c', 'cz', 'ß', 'ss', 'ñ', 'n', '1', '10', '2', 'a1', 'a10', 'a2', '-a', 'a-b', 'ab', ' a', 'é', 'e', 'É', 'ё', 'е', 'я', 'ア', 'あ', 'カ', '中', '一', '가', '나', 'क', 'ख', '😀', '#', '_', '@'];
const locs = ['en', 'de', 'de-u-co-phonebk', 'sv', 'pl', 'es', 'fr', 'ru', 'ja', 'zh', 'ko', 'hi', 'nl', 'it', 'pt'];
const opts = [{}, { sensitivity: 'base' }, { numeric: true }, { caseFirst: 'upper' }, { ignorePunctuation: true }, { usage: 'search', sensitivity: 'base' }];
for (const l of locs) for (const o of opts) {
  const c = new Intl.Collator(l, o);
  console.log(l, JSON.stringify(o), [...words].sort(c.compare).join(' '), c.compare('a', 'á'), c.compare('a', 'A'));
}
