async () => {
  const user = await codemode.getUser({ id: 2 });
  const orders = await codemode.listOrders({ userId: 2, pageSize: 3 });
  const report = {
    user: { id: user.id, profile: { name: user.name, address: { city: 'Lyon', geo: { lat: 45.76, lng: 4.83 } } } },
    orders,
    meta: { generated: 'now', nested: { a: { b: { c: { d: 1 } } } }, list: [[1, [2, [3, [4, [5]]]]]] },
  };
  console.log(report);
  console.log('report:', report.meta);
  console.log([[[[['deep']]]]], { a: [{ b: [{ c: [1] }] }] });
  const range = Array.from({ length: 130 }, (_, i) => i * 3);
  console.log(range);
  console.log(Array.from({ length: 101 }, (_, i) => `item-${i}`));
  console.log(Array.from({ length: 27 }, (_, i) => ({ id: i })));
  const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau'.split(' ');
  console.log(words);
  console.log(words.map((w) => w.length));
  console.log(words.map((w, i) => (i % 3 === 0 ? -i * 1.5 : i * 1000)));
  const long = 'The quick brown fox jumps over the lazy dog. '.repeat(3).trim();
  console.log([long, 'short', long.toUpperCase()]);
  console.log({ description: long, tags: ['a', 'b'], note: 'line one\nline two\tand tab' });
  console.log(['it\'s', 'say "hi"', `both ' and "`, 'back`tick', 'all \' " `']);
  console.log('x'.repeat(10050).length, ['y'.repeat(10020)].map((s) => s.length));
  console.log([undefined, null, NaN, -0, 0, Infinity, -Infinity, true, '']);
  console.log([1, 2, 3].map(String), [[]], [{}], {}, [], [[], {}], { a: {}, b: [] });
  console.log(Array.from({ length: 8 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz'.slice(0, i * 3 + 1)));
  console.log(Array.from({ length: 12 }, (_, i) => (i % 2 ? { k: i } : i)));
  return { orders: orders.items ? orders.items.length : 0, words: words.length };
}
