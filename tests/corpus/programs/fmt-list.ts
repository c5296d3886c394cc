async () => {
  const { items } = await codemode.listUsers({ pageSize: 4 });
  const lf = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });
  return lf.format(items.map((u) => u.name.split(' ')[0]));
}
