async () => {
  const d = new Date(Date.UTC(2024, 0, 5));
  const months = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2024, i, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' }));
  return { months, label: d.toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }) };
}
