async () => {
  const nums = [1.005, 2.5, 0.045, 1234.5678, -0.5, 10.235, 1e-7, 123.456e5];
  return nums.map((n) => [n.toFixed(2), n.toPrecision(3), n.toExponential(1), String(n)]);
}
