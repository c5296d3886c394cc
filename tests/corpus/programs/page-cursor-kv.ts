async () => {
  for (let i = 0; i < 5; i++) await codemode.kvSet({ key: `item:${i}`, value: { i, sq: i * i } });
  const got = await Promise.all([0, 2, 4, 9].map((i) => codemode.kvGet({ key: `item:${i}` })));
  return got;
}
