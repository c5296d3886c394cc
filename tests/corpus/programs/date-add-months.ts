async () => {
  const addMonths = (iso: string, n: number) => {
    const d = new Date(iso);
    d.setUTCMonth(d.getUTCMonth() + n);
    return d.toISOString().slice(0, 10);
  };
  return ['2024-01-31', '2024-02-29', '2023-12-15'].map((s) => [addMonths(s, 1), addMonths(s, 12), addMonths(s, -2)]);
}
