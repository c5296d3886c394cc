async () => {
  const products = await codemode.listProducts();
  const cats = [...new Set(products.map((p) => p.category))];
  const forms = (['long', 'short', 'narrow'] as const).flatMap((style) => (['conjunction', 'disjunction', 'unit'] as const).map((type) => {
    const lf = new Intl.ListFormat('en', { style, type });
    return `${style}/${type}: ${lf.format(cats)} | ${lf.format(cats.slice(0, 2))} | ${lf.format(cats.slice(0, 1))} | ${JSON.stringify(lf.format([]))}`;
  }));
  forms.forEach((f) => console.log(f));
  const tagged = products.filter((p) => p.tags.length).map((p) => `${p.name}: ${new Intl.ListFormat('en-GB').format(p.tags)}`);
  const parts = new Intl.ListFormat('en').formatToParts(['a', 'b', 'c']).map((p) => p.type[0] + ':' + p.value);
  const fromIter = new Intl.ListFormat('en', { type: 'disjunction' }).format(new Set(['x', 'y']));
  let err = '';
  try { new Intl.ListFormat('en').format([1, 2] as any); } catch (e) { err = `${(e as Error).name}`; }
  return { forms, tagged, parts, fromIter, err };
}
