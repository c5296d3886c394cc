class Range implements Iterable<number> {
  constructor(private readonly start: number, private readonly end: number, private readonly step = 1) {
    if (step === 0) throw new RangeError('step must not be 0');
  }
  [Symbol.iterator](): Iterator<number> {
    let cur = this.start;
    const { end, step } = this;
    return {
      next: () => {
        if (step > 0 ? cur >= end : cur <= end) return { done: true, value: undefined };
        const value = cur;
        cur += step;
        return { done: false, value };
      },
    };
  }
  get length() { return Math.max(0, Math.ceil((this.end - this.start) / this.step)); }
}

class LinkedList<T> {
  private head: { value: T; next: LinkedList<T>['head'] } | null = null;
  private size = 0;
  static of<T>(...xs: T[]): LinkedList<T> {
    const l = new LinkedList<T>();
    for (const x of xs.reverse()) l.push(x);
    return l;
  }
  push(value: T) { this.head = { value, next: this.head }; this.size++; return this; }
  *[Symbol.iterator]() {
    for (let n = this.head; n; n = n.next) yield n.value;
  }
  *entries(): IterableIterator<[number, T]> {
    let i = 0;
    for (const v of this) yield [i++, v];
  }
  get [Symbol.toStringTag]() { return 'LinkedList'; }
}

class Paged implements AsyncIterable<{ id: number; name: string }> {
  pages = 0;
  async *[Symbol.asyncIterator]() {
    let page: number | null = 1;
    while (page) {
      const res = await codemode.listUsers({ page, pageSize: 6 });
      this.pages++;
      yield* res.items;
      page = res.nextPage;
    }
  }
}

async () => {
  const r = new Range(0, 20, 3);
  const down = [...new Range(5, 0, -2)];
  const [a, b, ...rest] = r;
  const list = LinkedList.of('x', 'y', 'z');
  const closed: string[] = [];
  const iterable = {
    [Symbol.iterator]() {
      let i = 0;
      return { next: () => ({ done: i >= 5, value: i++ }), return: () => { closed.push(`closed at ${i}`); return { done: true, value: undefined }; } };
    },
  };
  for (const x of iterable) if (x === 2) break;
  const [first] = iterable;
  const users = new Paged();
  const names: string[] = [];
  for await (const u of users) {
    names.push(u.name.split(' ')[0]);
    if (names.length === 14) break;
  }
  console.log(`range ${[...r].join(',')} length=${r.length}`);
  return {
    range: Array.from(r, (n) => n * 2),
    down,
    destructured: { a, b, rest },
    list: [...list],
    entries: [...list.entries()],
    tag: Object.prototype.toString.call(list),
    closed,
    first,
    names,
    pages: users.pages,
    set: [...new Set(new Range(0, 10, 4))],
    map: Object.fromEntries(new Map(list.entries())),
  };
}
