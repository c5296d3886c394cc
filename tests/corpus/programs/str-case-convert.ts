async () => {
  const keys = ['created_at', 'userId', 'HTTPStatus', 'unit-price', 'already_snake'];
  const camel = (s: string) => s.replace(/[-_](\w)/g, (_, c) => c.toUpperCase());
  const snake = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').replace(/-/g, '_').toLowerCase();
  return keys.map((k) => [camel(k), snake(k)]);
}
