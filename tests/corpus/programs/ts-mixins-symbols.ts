async () => {
  class Range implements Iterable<number> {
    constructor(private lo: number, private hi: number, private step = 1) {}
    *[Symbol.iterator]() { for (let i = this.lo; i < this.hi; i += this.step) yield i; }
    get [Symbol.toStringTag]() { return 'Range'; }
  }
  const r = new Range(0, 10, 3);
  return { values: [...r], tag: Object.prototype.toString.call(r), sum: Array.from(r).reduce((a, b) => a + b, 0) };
}
