async () => {
  const inputs = ['42', '42px', '3.14abc', '0x1f', '1e3', '', ' 7 ', 'abc', '-0', '1_000'];
  return inputs.map((s) => [parseInt(s), parseFloat(s), Number(s), +s || 0]);
}
