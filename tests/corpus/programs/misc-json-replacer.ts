async () => {
  const u = await codemode.getUser({ id: 4 });
  const redacted = JSON.stringify(u, (k, v) => (k === 'email' ? '***' : v));
  const picked = JSON.stringify(u, ['id', 'name']);
  const withUndef = JSON.stringify({ a: undefined, b: () => 1, c: [undefined, NaN, Infinity], d: null });
  return { redacted, picked, withUndef };
}
