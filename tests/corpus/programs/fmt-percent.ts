async () => {
  const f = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1 });
  return [0.1234, 0.5, 1.25].map((x) => f.format(x));
}
