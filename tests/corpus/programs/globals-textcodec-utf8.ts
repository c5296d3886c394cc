async () => {
  const users = (await codemode.listUsers({ pageSize: 5 })).items;
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  const samples = [...users.map((u) => u.name), 'naïve', '日本語', '😀', '\u0000nul', 'a\ud800b'];
  const sizes = samples.map((s) => [s.length, enc.encode(s).length, enc.encode(s).slice(0, 4).join('.')]);
  const buf = new Uint8Array(10);
  const into = enc.encodeInto('héllo😀world', buf);
  const partial = dec.decode(buf.subarray(0, into.written));
  const bom = dec.decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x68, 0x69]));
  const keepBom = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x68])).length;
  const invalid = dec.decode(new Uint8Array([0x61, 0xFF, 0x62, 0xC3, 0x28, 0xE2, 0x82]));
  let fatal = '';
  try { new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xC3, 0x28])); } catch (e) { fatal = (e as Error).name; }
  const stream = new TextDecoder();
  const euro = enc.encode('€€');
  const chunks = [stream.decode(euro.subarray(0, 2), { stream: true }), stream.decode(euro.subarray(2, 4), { stream: true }), stream.decode(euro.subarray(4))];
  const info = [dec.encoding, dec.fatal, dec.ignoreBOM, enc.encoding, new TextDecoder('UTF8').encoding];
  const fromArr = dec.decode(new Uint16Array([0x6968]));
  const hexOf = (s: string) => Array.from(enc.encode(s), (b) => b.toString(16).padStart(2, '0')).join(' ');
  console.log(hexOf('Grüße'), into);
  return { sizes, into, partial, bom, keepBom, invalid, fatal, chunks, info, fromArr, empty: dec.decode(), hex: hexOf('✓ ok') };
}
