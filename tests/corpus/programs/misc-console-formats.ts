async () => {
  const u = await codemode.getUser({ id: 1 });
  console.log('user %s has id %d', u.name, u.id);
  console.log({ id: u.id, tags: ['a', 'b'], nested: { deep: { deeper: { deepest: 1 } } } });
  console.warn('careful', [1, 2, 3]);
  console.error(new Map([['k', 1]]), new Set(['x']));
  console.info('%o', { a: 'x' }, 'tail', 5);
  return 'logged';
}
