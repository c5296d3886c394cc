async () => {
  const raw = '{"a": 1, "b": [1, 2,]}';
  const data = JSON.parse(raw);
  return data;
}
