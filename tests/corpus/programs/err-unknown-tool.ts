async () => {
  const u = await codemode.getUser({ id: 1 });
  const x = await codemode.getUserProfile({ id: u.id });
  return x;
}
