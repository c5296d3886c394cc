async () => {
  const t0 = Date.now();
  const u = await codemode.getUser({ id: 8 });
  const elapsed = Date.now() - t0;
  return { name: u.name, elapsedIsNumber: typeof elapsed === 'number' && elapsed >= 0 && elapsed < 5000 };
}
