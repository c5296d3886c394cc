// normalize, locale case mapping, Segmenter.
const s = 'Cafe\u0301 ﬁ ½ Å Ω';
for (const f of ['NFC', 'NFD', 'NFKC', 'NFKD']) console.log(f, s.normalize(f).length, JSON.stringify(s.normalize(f)));
console.log('é' === 'e\u0301'.normalize(), 'e\u0301'.normalize() === 'é'.normalize('NFC'), 'abc'.normalize('NFD'));
try { 'x'.normalize('nfc'); } catch (e) { console.log(e.name, e.message); }
console.log('istanbul'.toLocaleUpperCase('tr'), 'İSTANBUL'.toLocaleLowerCase('tr'), 'istanbul'.toLocaleUpperCase('en-US'), 'straße'.toLocaleUpperCase('de'));
console.log('ΌΣΟΣ'.toLocaleLowerCase('el'), 'ǅ'.toLocaleLowerCase(), 'Iı'.toLocaleLowerCase('az'), 'i'.toLocaleUpperCase(['lt', 'en']));
try { 'a'.toLocaleUpperCase('x-invalid-'); } catch (e) { console.log(e.name, e.message); }
const g = new Intl.Segmenter('en', { granularity: 'grapheme' });
console.log([...g.segment('e\u0301a👍🏽🇫🇷x')].map((x) => x.segment + '@' + x.index).join(' '));
const w = new Intl.Segmenter('en', { granularity: 'word' });
console.log([...w.segment("Hello, world! It's 3.14 o'clock.")].map((x) => JSON.stringify(x.segment) + (x.isWordLike ? '*' : '')).join(' '));
console.log([...w.segment("Hello, world! It's here.")].filter((x) => x.isWordLike).length);
const sen = new Intl.Segmenter('en', { granularity: 'sentence' });
console.log([...sen.segment('Mr. Smith went. He said "hi!" Then left? Yes.')].map((x) => JSON.stringify(x.segment)).join(' | '));
const ja = new Intl.Segmenter('ja', { granularity: 'word' });
console.log([...ja.segment('今日は良い天気です')].map((x) => x.segment).join('/'));
const zh = new Intl.Segmenter('zh', { granularity: 'word' });
console.log([...zh.segment('我们今天去北京')].map((x) => x.segment).join('/'));
const segs = w.segment('one two three');
const c = segs.containing(5);
console.log(c.segment, c.index, c.isWordLike, segs.containing(3).segment, segs.containing(99), segs.containing(-1));
console.log(JSON.stringify(new Intl.Segmenter('fr', { granularity: 'word' }).resolvedOptions()), JSON.stringify(new Intl.Segmenter().resolvedOptions()));
