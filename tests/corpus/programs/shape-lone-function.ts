async function run() {
  const u = await codemode.getUser({ id: 5 });
  return { name: u.name, plan: u.plan };
}
