async () => {
  const inputs = ['2024-13-01', 'not a date', '2024-02-30', '', '2024-06-17T25:00:00Z'];
  return inputs.map((s) => {
    const d = new Date(s);
    return Number.isNaN(d.valueOf()) ? `${JSON.stringify(s)} invalid` : d.toISOString();
  });
}
