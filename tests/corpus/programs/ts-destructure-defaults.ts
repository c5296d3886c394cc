async () => {
  const { a = 1, b = a * 2, c = a + b } = {} as { a?: number; b?: number; c?: number };
  const [x = 10, y = x + 1] = [];
  const f = ({ p = 2, q = p ** 3 } = {}) => p + q;
  const g = async ([m = 3, n = m * m]: number[] = []) => m + n;
  function h(first = 1, second = first + 1) { return [first, second]; }
  return { a, b, c, x, y, f: f(), g: await g(), h: h() };
}
