async (api) => {
  const u = await api.getUser({ id: 7 });
  return u.email;
}
