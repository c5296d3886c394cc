async () => {
  const { items: users } = await codemode.listUsers({ pageSize: 8 });
  const products = await codemode.listProducts({ category: 'hardware' });
  const byCountry = new Map<string, typeof users>();
  for (const u of users) byCountry.set(u.country, [...(byCountry.get(u.country) ?? []), u]);
  console.log(byCountry.get(users[0].country));
  console.log(products);
  console.log({ summary: { countries: [...byCountry.keys()], deep: { a: { b: { c: { d: 1 } } } } } });
  console.log(new Set(users.map((u) => u.plan)), [undefined, null, NaN, -0, 1e21, 'str', true]);
  console.log(Array.from({ length: 120 }, (_, i) => i * 3));
  console.log(users.map((u) => u.email));
  console.log({ 'key with space': 1, valid_id: 2, 'kebab-case': 3, 42: 'n', [Symbol('tag')]: 'sym' });
  console.log([[1, 2, [3, 4, [5, [6]]]], { x: [{ y: [{ z: 1 }] }] }]);
  console.log('%s has %i orders worth %f (%j) %%', 'Ada', 3.9, 12.5, { a: 1 }, 'extra');
  console.log(Object.fromEntries(users.map((u) => [u.name, u.active])));
  return byCountry.size;
}
