async () => {
  const text = JSON.stringify({ when: new Date(Date.UTC(2024, 5, 17)), n: 1, nested: { at: '2024-01-02T03:04:05.000Z' } });
  const obj = JSON.parse(text, (k, v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? new Date(v) : v));
  return { text, year: obj.when.getUTCFullYear(), month: obj.nested.at.getUTCMonth(), pretty: JSON.stringify({ a: [1, { b: 2 }] }, null, 2) };
}
