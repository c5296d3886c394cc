async () => {
  const { items } = await codemode.listOrders({ status: 'paid', pageSize: 5 });
  const wire = JSON.stringify({ fetchedAt: '2024-06-17T09:30:00.000Z', orders: items, version: 2 });
  const visits: string[] = [];
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;
  const parsed = JSON.parse(wire, function (key, value) {
    if (key === '' || key === 'orders' || /^\d+$/.test(key)) visits.push(key === '' ? '<root>' : key);
    if (typeof value === 'string' && iso.test(value)) return new Date(value);
    if (key === 'unitPrice') return undefined;
    if (key === 'qty') return String(value);
    return value;
  });
  const first = parsed.orders[0];
  console.log(first.createdAt instanceof Date, first.createdAt.getUTCMonth(), Object.keys(first.items[0]));
  const order: string[] = [];
  JSON.parse('{"b":{"x":1,"y":[1,2]},"a":3,"1":"one"}', (k, v) => { order.push(k); return v; });
  const mutated = JSON.parse('{"list":[1,2,3]}', function (k, v) { if (k === '0') this[1] = 99; return v; });
  const bigint = JSON.parse('{"n": 12345678901234567890, "f": 1e400, "neg": -0, "e": 1E-2}');
  const nested = JSON.parse('"\\u00e9\\ud83d\\ude00\\/"');
  const errors = ['{a:1}', "{'a':1}", '[1,]', '01', 'NaN', '"\t"', '{"a":1}}', ''].map((s) => { try { JSON.parse(s); return 'ok'; } catch (e) { return (e as Error).name; } });
  return { visits, order, mutated, bigint, negZero: Object.is(bigint.neg, -0), nested, errors, created: first.createdAt.toISOString(), keys: Object.keys(first) };
}
