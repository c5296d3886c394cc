async () => {
  const describe = ({ name, plan = 'free', meta: { tier = plan === 'pro' ? 2 : 1 } = {} }: any) => `${name}/${plan}/${tier}`;
  const { items } = await codemode.listUsers({ pageSize: 4 });
  const rest = items.map(({ id, name, ...others }) => Object.keys(others).length);
  return { d: items.map((u) => describe({ ...u, plan: u.plan === 'team' ? undefined : u.plan })), rest };
}
