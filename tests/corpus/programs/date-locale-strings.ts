async () => {
  const { items } = await codemode.listUsers({ pageSize: 5 });
  const locales = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP', 'es-ES', 'pt-BR', 'zh-CN', 'ko-KR', 'ar-EG', 'hi-IN', 'ru-RU'];
  const d = new Date(items[0].createdAt);
  const table = locales.map((loc) => [loc, d.toLocaleDateString(loc), d.toLocaleTimeString(loc), d.toLocaleString(loc, { dateStyle: 'medium', timeStyle: 'short' })]);
  const opts = items.map((u) => new Date(u.createdAt).toLocaleDateString('en-US', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }));
  const misc = [
    d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' }),
    d.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' }),
    d.toLocaleTimeString('en-US', { hour12: false }),
    d.toLocaleString('en-US', { timeZone: 'America/Los_Angeles' }),
    d.toLocaleString('en-US', { timeZone: 'Asia/Tokyo', era: 'short' }),
    d.toLocaleDateString('en-US', { year: '2-digit', month: '2-digit', day: '2-digit' }),
    d.toLocaleDateString('sv-SE'),
    d.toLocaleDateString('en-CA'),
    new Intl.DateTimeFormat('en', { month: 'narrow' }).format(d),
    new Intl.DateTimeFormat('en-US', { hour: 'numeric', dayPeriod: 'long' }).format(d),
    new Intl.DateTimeFormat('en-US', { fractionalSecondDigits: 3, second: 'numeric', minute: 'numeric' }).format(new Date(Date.UTC(2024, 0, 1, 0, 5, 7, 89))),
    new Intl.DateTimeFormat().resolvedOptions().timeZone,
    new Intl.DateTimeFormat('de-DE').formatRange?.(d, new Date(d.getTime() + 3 * 864e5)),
  ];
  console.log(table.map((r) => r.join(' | ')).join('\n'));
  return { opts, misc };
}
