async () => {
  const values = [1234.5, 1234567.891, 0.1 + 0.2, 1e21];
  return values.map((v) => v.toLocaleString('en-US', { maximumFractionDigits: 2 }));
}
