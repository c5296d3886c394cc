async () => {
  const users = (await codemode.listUsers({ pageSize: 12 })).items;
  const names = [...users.map((u) => u.name), 'José Müller', 'Jose\u0301 Mu\u0308ller', 'Ångström', 'Zoë', 'ﬁnance', 'Ｗｉｄｅ'];
  const rows = names.map((n) => `|${n.padEnd(20, '.')}|${n.slice(0, 3).padStart(6, '<>')}|${String(n.length).padStart(3, '0')}|`);
  rows.forEach((r) => console.log(r));
  const forms = ['NFC', 'NFD', 'NFKC', 'NFKD'] as const;
  const normLens = names.slice(-6).map((n) => forms.map((f) => n.normalize(f).length));
  const eq = ['José Müller' === 'Jose\u0301 Mu\u0308ller', 'José Müller'.normalize() === 'Jose\u0301 Mu\u0308ller'.normalize(), 'José'.localeCompare('Jose\u0301'), 'ﬁ'.normalize('NFKC')];
  const stripAccents = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const slugs = names.map((n) => stripAccents(n).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''));
  let badForm = '';
  try { 'x'.normalize('NFX' as any); } catch (e) { badForm = (e as Error).name; }
  const pads = ['abc'.padStart(2), 'abc'.padStart(6, ''), 'abc'.padEnd(8, '12345'), 'x'.padStart(5, undefined), ''.padEnd(3, 'ab'), 'abc'.padStart(NaN as any, '*'), '5'.padStart(3.9 as any, '0')];
  const trims = ['\u00a0 x \u2003', '\ufeffy\ufeff', '\u200bz\u200b', '\n\r\tw\u2028'].map((s) => [s.trim().length, s.trimStart().length, s.trimEnd().length]);
  const cmp = ['résumé', 'resume', 'Resume', 'résume', 'rèsumé'].sort((a, b) => a.localeCompare(b));
  console.log(slugs.slice(-6));
  return { normLens, eq, slugs, badForm, pads, trims, cmp, at: ['abc'.at(-1), 'abc'.at(5), '😀x'.at(0)!.length], rep: 'ab'.repeat(3), inc: ['Straße'.includes('ß'), 'abc'.startsWith('b', 1), 'abc'.endsWith('b', 2)] };
}
