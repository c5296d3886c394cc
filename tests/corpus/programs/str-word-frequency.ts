async () => {
  const { items } = await codemode.listIssues({ perPage: 40 });
  const text = items.map((i) => i.title).join('. ') + '. Ünïcödé wörds, don\'t split — “quoted” can\'t; e-mail re-try 3.5 v2.4.1';
  const seg = new Intl.Segmenter('en', { granularity: 'word' });
  const words = [...seg.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment.toLowerCase());
  const freq = new Map<string, number>();
  for (const w of words) freq.set(w, (freq.get(w) ?? 0) + 1);
  const top = [...freq].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 8);
  const regexWords = text.toLowerCase().match(/\p{L}+(?:['’-]\p{L}+)*/gu) ?? [];
  const sentences = [...new Intl.Segmenter('en', { granularity: 'sentence' }).segment('Hello there. How are you? I am fine! Thanks.')].map((s) => s.segment.trim());
  const graphemes = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment('👩‍👩‍👧 é 🇯🇵')].map((s) => s.segment);
  const firstSeg = seg.segment('hi there').containing(3);
  const titleCase = (s: string) => s.replace(/\p{L}[\p{L}']*/gu, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase());
  console.log(top.map(([w, n]) => `${w}:${n}`).join(' '));
  return { count: words.length, unique: freq.size, top, regexCount: regexWords.length, tail: words.slice(-12), regexTail: regexWords.slice(-10), sentences, graphemes, firstSeg: firstSeg && { segment: firstSeg.segment, index: firstSeg.index, isWordLike: firstSeg.isWordLike }, titleCase: titleCase("o'neil's ÉCOLE deluxe") };
}
