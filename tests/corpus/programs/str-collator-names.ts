async () => {
  const names = ['Émile', 'emile', 'Zoë', 'zoe', 'Åsa', 'Ängel', 'Oscar', 'Östen', 'ana', 'Ana', 'Ñandú', 'nube', 'item10', 'item9', 'Item2'];
  const byDefault = [...names].sort();
  const byLocale = [...names].sort((a, b) => a.localeCompare(b));
  const sv = [...names].sort(new Intl.Collator('sv').compare);
  const de = [...names].sort(new Intl.Collator('de').compare);
  const es = [...names].sort(new Intl.Collator('es').compare);
  const numeric = [...names].sort(new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare);
  const upperFirst = [...names].sort(new Intl.Collator('en', { caseFirst: 'upper' }).compare);
  const eqBase = ['a', 'á', 'A', 'b'].map((x) => x.localeCompare('a', 'en', { sensitivity: 'base' }));
  const eqAccent = ['a', 'á', 'A'].map((x) => x.localeCompare('a', 'en', { sensitivity: 'accent' }));
  const users = (await codemode.listUsers({ pageSize: 30 })).items;
  const lastNames = users.map((u) => u.name.split(' ').slice(1).join(' ')).sort(Intl.Collator('en').compare);
  console.log(byLocale.join(', '));
  return { byDefault, sv, de, es, numeric, upperFirst, eqBase, eqAccent, lastNames };
}
