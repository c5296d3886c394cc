async () => {
  const s = 'naïve 👍🏽 日本';
  return { length: s.length, codePoints: [...s].length, at: s.at(-1), cp: s.codePointAt(6)?.toString(16), upper: s.toUpperCase(), rev: [...'abc😀'].reverse().join('') };
}
