// Counting user-perceived characters and words, truncating safely, comparing normalised text.
const texts = ['naïve café', 'nai\u0308ve cafe\u0301', '👨‍👩‍👧‍👦 family', 'Hello 世界! 你好。', 'Ünïcödé — “quotes” & emojis 🇯🇵🇺🇸', 'e\u0301\u0301x'];
const g = new Intl.Segmenter('en', { granularity: 'grapheme' });
const w = new Intl.Segmenter('en', { granularity: 'word' });
for (const t of texts) {
  const graphemes = [...g.segment(t)].map((s) => s.segment);
  const words = [...w.segment(t)].filter((s) => s.isWordLike).map((s) => s.segment);
  console.log(JSON.stringify(t), t.length, graphemes.length, JSON.stringify(words), JSON.stringify(graphemes.slice(0, 4).join('')));
  console.log(t.normalize('NFC').length, t.normalize('NFD').length, t.normalize('NFKC') === t.normalize('NFC'), texts[0] === texts[1].normalize());
}
function truncate(s, n) { const gs = [...g.segment(s)]; return gs.length <= n ? s : gs.slice(0, n).map((x) => x.segment).join('') + '…'; }
console.log(truncate('👍🏽👍🏽👍🏽 okay', 2), truncate('abc', 5), truncate('e\u0301e\u0301e\u0301', 2).normalize());
const dedupe = (arr) => [...new Map(arr.map((s) => [s.normalize('NFKC').toLocaleLowerCase('en'), s])).values()];
console.log(dedupe(['Café', 'cafe\u0301', 'CAFÉ', 'ﬁle', 'file', 'Ⅻ', 'XII']).join(','));
console.log('ß'.localeCompare('ss', 'de', { sensitivity: 'base' }), 'a'.localeCompare('A', 'en', { sensitivity: 'accent' }), 'résumé'.localeCompare('resume', 'en', { sensitivity: 'base' }));
const sent = new Intl.Segmenter('de', { granularity: 'sentence' });
console.log([...sent.segment('Dr. Müller kam um 9 Uhr. Er sagte: „Hallo!“ Dann ging er.')].length);
console.log(JSON.stringify([...new Intl.Segmenter('ja', { granularity: 'word' }).segment('東京都に住んでいます')].map((s) => [s.segment, s.isWordLike])));
