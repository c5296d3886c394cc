async () => {
  const user = await codemode.getUser({ id: 42 });
  return user.name;
}
