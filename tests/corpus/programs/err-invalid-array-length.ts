async () => {
  const { total } = await codemode.listUsers({});
  const slots = new Array(total - 100);
  return slots.length;
}
