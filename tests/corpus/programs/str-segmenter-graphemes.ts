async () => {
  const products = await codemode.listProducts();
  const labels = ['👩‍💻 Dev', '🇯🇵 Japan', 'é vs é', 'naïve café', 'İstanbul', 'straße', 'ǅemal', '𝒳 math', ...products.slice(0, 3).map((p) => `📦 ${p.name}`)];
  const seg = new Intl.Segmenter('en', { granularity: 'grapheme' });
  const rows = labels.map((s) => ({
    s, length: s.length, codePoints: [...s].length, graphemes: [...seg.segment(s)].length,
    nfc: s.normalize('NFC').length, nfd: s.normalize('NFD').length,
    upper: s.toUpperCase(), lower: s.toLowerCase(), trUpper: s.toLocaleUpperCase('tr-TR'), trLower: s.toLocaleLowerCase('tr'),
  }));
  const words = new Intl.Segmenter('en', { granularity: 'word' });
  const sentence = "Don't panic: it's 3.14, isn't it? Yes!";
  const w = [...words.segment(sentence)].filter((x) => x.isWordLike).map((x) => x.segment);
  const sentences = [...new Intl.Segmenter('en', { granularity: 'sentence' }).segment('Hello there. How are you? Fine! Ok.')].map((x) => x.segment);
  const truncate = (s: string, n: number) => { const g = [...seg.segment(s)].map((x) => x.segment); return g.length > n ? g.slice(0, n).join('') + '…' : s; };
  console.log(rows.map((r) => `${r.s.padEnd(12)}|${String(r.length).padStart(3)}|${r.graphemes}`).join('\n'));
  return { rows, w, sentences, trunc: labels.map((l) => truncate(l, 4)), cp: ['😀'.codePointAt(0), '😀'.charCodeAt(1), String.fromCodePoint(0x1f600, 65)], cmp: 'é' === 'é'.normalize('NFD'), sorted: ['b', 'A', 'a', 'B', 'é', 'e', 'z', 'Z'].sort(), at: '😀x'.at(0) };
}
