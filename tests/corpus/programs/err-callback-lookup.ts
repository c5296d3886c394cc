async () => {
  const users = await codemode.listUsers({ pageSize: 5 });
  const formatters: Record<string, (u: any) => string> = {
    short: (u) => u.name.split(' ')[0],
    email: (u) => u.email,
  };
  const style = 'long';
  return users.items.map(formatters[style]);
}
