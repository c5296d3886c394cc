async () => {
  const { items } = await codemode.listUsers({ pageSize: 23 });
  const countries = [...new Set(items.map((u) => u.country))].sort();
  const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
  const regionDe = new Intl.DisplayNames('de', { type: 'region' });
  const langNames = new Intl.DisplayNames('en', { type: 'language' });
  const curNames = new Intl.DisplayNames('en', { type: 'currency' });
  const and = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });
  const or = new Intl.ListFormat('en', { type: 'disjunction' });
  const unit = new Intl.ListFormat('en', { style: 'narrow', type: 'unit' });
  const es = new Intl.ListFormat('es', { type: 'conjunction' });
  const named = countries.map((c) => regionNames.of(c)!);
  const summary = `Users come from ${and.format(named)}.`;
  const perCountry = countries.map((c) => `${regionDe.of(c)}: ${items.filter((u) => u.country === c).length}`);
  console.log(summary);
  return {
    summary, perCountry, or: or.format(['pro', 'team', 'enterprise']), unit: unit.format(['5 kg', '3 g']), es: es.format(['uno', 'dos', 'y tres']),
    one: and.format(['solo']), none: and.format([]), two: and.format(['a', 'b']),
    langs: ['en-US', 'fr', 'zh-Hant', 'pt-BR', 'de-AT'].map((l) => langNames.of(l)),
    curs: ['USD', 'EUR', 'JPY'].map((c) => curNames.of(c)),
    parts: and.formatToParts(['x', 'y', 'z']).map((p) => `${p.type}:${p.value}`),
    locale: new Intl.Locale('en-Latn-US', { calendar: 'gregory' }).toString(), max: new Intl.Locale('zh').maximize().baseName,
  };
}
