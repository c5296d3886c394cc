async () => {
  const text = await codemode.getLogText();
  const line = text.split('\n')[3];
  const parts = line.split(/(\s+)/);
  const tokens = line.split(/ (?=[A-Z]{3,5} )|(?<=\]) /);
  const kv = 'a=1;b = 2 ; c=three;;d='.split(/\s*;\s*/).filter(Boolean).map((p) => p.split(/\s*=\s*/, 2));
  const csvish = 'x, y ,z,,  w'.split(/\s*,\s*/);
  const limited = text.split('\n', 3).map((l) => l.slice(0, 24));
  const splitChars = 'a1b22c333d'.split(/(\d+)/);
  const splitEmpty = ''.split(',');
  const splitEmptyRe = ''.split(/,/);
  const splitUnicode = '😀a😀'.split('');
  const splitUnicodeU = '😀a😀'.split(/(?:)/u);
  const camel = 'parseHTTPResponseCode'.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
  const sentences = 'Hello there. How are you? Fine! ok'.split(/(?<=[.?!])\s+/);
  console.log(parts.length, tokens);
  console.log(camel.join('_').toLowerCase());
  return { kv, csvish, limited, splitChars, splitEmpty, splitEmptyRe, splitUnicode, splitUnicodeU: splitUnicodeU.length, camel, sentences };
}
