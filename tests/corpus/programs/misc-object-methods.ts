async () => {
  const u = await codemode.getUser({ id: 2 });
  const frozen = Object.freeze({ ...u });
  const picked = Object.fromEntries(Object.entries(u).filter(([k]) => ['id', 'name'].includes(k)));
  return { picked, frozen: Object.isFrozen(frozen), keys: Object.keys(u).length, has: Object.hasOwn(u, 'email'), assign: Object.assign({}, { a: 1 }, null, { b: 2 }) };
}
