async () => {
  const cfg = await codemode.getConfig();
  const winPath = String.raw`C:\Users\${cfg.owner ?? 'nobody'}\app\v${cfg.version}\n`;
  const rawLen = String.raw`\u0041\t`.length;
  const tag = (s: TemplateStringsArray, ...v: unknown[]) => ({ cooked: [...s], raw: s.raw, v, frozen: Object.isFrozen(s) });
  const t = tag`a\tb${1}\x41${'z'}\\`;
  const word = 'naïve café 𝒳 😀👍🏽';
  const cps = [...word].map((c) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'));
  const units = Array.from({ length: word.length }, (_, i) => word.charCodeAt(i));
  const hi = word.codePointAt(word.indexOf('😀') + 1);
  const built = String.fromCodePoint(0x1F600, 0x41, 0x1D4B3) + String.fromCharCode(0xD83D, 0xDE00);
  let bad = '';
  try { String.fromCodePoint(0x110000); } catch (e) { bad = `${(e as Error).name}: ${(e as Error).message}`; }
  const escapes = ['\u{1F600}'.length, '\x7F'.charCodeAt(0), '\0'.length, '\v\f'.length];
  console.log(winPath);
  console.log(cps.join(' '));
  return { winPath, rawLen, t, cps, unitsLen: units.length, hi, built, bad, escapes, upper: 'straße ǆ ﬁ'.toUpperCase(), lower: 'İSTANBUL ΣΑΣ'.toLowerCase() };
}
