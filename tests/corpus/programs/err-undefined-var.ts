async () => {
  const users = await codemode.listUsers({});
  return usrs.items.length;
}
