async () => {
  const u = await codemode.getUser({ id: 3 });
  class Account {
    static kind = 'acct';
    #secret = 'hidden';
    balance = 0;
    constructor(public owner: string, public tags: string[] = []) {}
    get label() { return `${this.owner}:${this.balance}`; }
    deposit(n: number) { this.balance += n; return this; }
  }
  class Premium extends Account { tier = 'gold'; }
  const a = new Premium(u.name, ['vip']).deposit(250);
  console.log(a);
  console.log([a, new Account('x')]);
  console.log(Account, Premium, function namedFn() {}, () => 1, async function af() {}, function* gen() {});
  const nullProto = Object.create(null); nullProto.k = 1;
  console.log(nullProto, Object.create({ inherited: 1 }));
  const withGetter = { get computed() { return 42; }, set both(v) {}, get both() { return 1; } };
  console.log(withGetter);
  console.log({ date: new Date(u.createdAt), re: /ab+c/gi, err: null, sym: Symbol.for('x'), fn: Math.max });
  console.log([new Map([[{ k: 1 }, new Set([1])]]), new WeakMap(), Promise.resolve(5), [,, 1], new Array(3)]);
  console.log({ toString() { return 'custom'; } }, String({ toString() { return 'custom'; } }));
  console.log(new Uint8Array([1, 2, 3]), new ArrayBuffer(4), [1.5, -2], Object.assign([1, 2], { extra: true }));
  console.log(new Boolean(true), new Number(3), new String('ab'), Object(Symbol('boxed')));
  class Temp { [Symbol.toStringTag] = 'Tagged'; v = 1; }
  console.log(new Temp(), Object.prototype.toString.call(new Temp()));
  return a.label;
}
