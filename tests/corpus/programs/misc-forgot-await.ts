async () => {
  const user = codemode.getUser({ id: 2 });
  console.log('user:', user);
  // @ts-ignore
  console.log('name is', user.name);
  const fixed = await user;
  const orders = [1, 2, 3].map((id) => codemode.getUser({ id }));
  console.log(orders.length, typeof orders[0], orders[0] instanceof Promise);
  const names = (await Promise.all(orders)).map((u) => u.name);
  console.log(JSON.stringify({ p: codemode.getUser({ id: 1 }) }));
  return { name: fixed.name, names };
}
