async () => {
  const files = ['file10.txt', 'File2.txt', 'file1.txt', 'file02.txt', 'éclair.md', 'eclair.md', 'Eclair.md', 'zeta', 'Zeta', 'ä.txt', 'a.txt', 'b.txt', 'file1.TXT'];
  const users = (await codemode.listUsers({ pageSize: 30 })).items.map((u) => u.name.split(' ').at(-1)!);
  const numeric = new Intl.Collator('en', { numeric: true });
  const base = new Intl.Collator('en', { sensitivity: 'base' });
  const accent = new Intl.Collator('en', { sensitivity: 'accent' });
  const upperFirst = new Intl.Collator('en', { caseFirst: 'upper' });
  const sv = new Intl.Collator('sv');
  const de = new Intl.Collator('de');
  const out = {
    numeric: [...files].sort(numeric.compare),
    plain: [...files].sort(),
    upperFirst: [...files].sort(upperFirst.compare),
    baseEq: [base.compare('eclair', 'Éclair'), accent.compare('eclair', 'Éclair'), accent.compare('eclair', 'Eclair')],
    sv: ['ä', 'a', 'z', 'å', 'ö', 'o'].sort(sv.compare),
    de: ['ä', 'a', 'z', 'å', 'ö', 'o'].sort(de.compare),
    lastNames: users.sort(new Intl.Collator('en', { ignorePunctuation: true }).compare),
    dedupe: files.filter((f, i, a) => a.findIndex((g) => base.compare(f, g) === 0) === i),
    resolved: (({ locale, sensitivity, numeric: n, caseFirst }) => ({ locale, sensitivity, n, caseFirst }))(numeric.resolvedOptions()),
    lc: ['a', 'B', 'c'].sort((x, y) => x.localeCompare(y, 'en', { sensitivity: 'base' })),
  };
  console.log(out.numeric.join(', '));
  return out;
}
