async () => {
  const ids = [1, 2, 999, 4, 1000];
  const settled = await Promise.allSettled(ids.map((id) => codemode.getUser({ id })));
  return settled.map((s, i) => (s.status === 'fulfilled' ? s.value.name : `#${ids[i]}: ${s.reason.message}`));
}
