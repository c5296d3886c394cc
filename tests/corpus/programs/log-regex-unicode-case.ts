async () => {
  const { items } = await codemode.listIssues({ perPage: 34 });
  const titles = items.map((i) => i.title);
  const extra = ['Ünïcode tëst 🎉', 'KELVIN K sign', 'ſtraße long s', 'Ǆ dz digraph', 'ΣΊΣΥΦΟΣ', 'tab\there', 'emoji 👍🏽 ok'];
  const all = [...titles.slice(0, 6), ...extra];
  const rows = all.map((t) => ({
    t,
    letters: (t.match(/\p{L}/gu) ?? []).length,
    upperWords: t.match(/\b\p{Lu}\p{Ll}+/gu) ?? [],
    emoji: /\p{Extended_Pictographic}/u.test(t),
    kelvin: /k/iu.test(t) && /\u212a/.test(t),
    ascii: /^[\x20-\x7e]*$/.test(t),
  }));
  const ci = ['straße', 'STRASSE', 'ſ', 's', 'K', 'k', 'Σ', 'ς'].map((s) => [s, /^s$/iu.test(s), /^s$/i.test(s), /^k$/iu.test(s), /^σ$/iu.test(s)]);
  const nums = 'Prices: ١٢٣ and 456 and ４５６'.match(/\p{Nd}+/gu);
  const scripts = 'Hello Привет 你好 مرحبا'.split(' ').map((w) => [/\p{Script=Latin}/u.test(w), /\p{Script=Cyrillic}/u.test(w), /\p{sc=Han}/u.test(w), /\p{Script_Extensions=Arabic}/u.test(w)]);
  const set = 'abc123xyz'.replace(/[\p{L}--[a-c]]/gv, '*');
  const bounded = 'café naïve über'.replace(/\b\w/g, (c) => c.toUpperCase());
  const surrogate = ['😀'.match(/./g)?.length, '😀'.match(/./gu)?.length, /^.$/u.test('😀'), /^[😀]$/u.test('😀')];
  console.log(rows.filter((r) => !r.ascii).map((r) => r.t));
  return { rows, ci, nums, scripts, set, bounded, surrogate, split: 'a1b22c333'.split(/(\d+)/), splitLim: 'a,b,c,d'.split(',', 2) };
}
