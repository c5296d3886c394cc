// Regression: TypeScript parameter properties are assigned before field initialisers, as tsc emits them (ES2017 target: key order, and an initialiser reading this.owner sees it), in base and derived classes. NAME.expected is what tsc's output printed on node (node cannot run the .ts itself).
class Base { id = 'base'; constructor(public kind: string) {} }
class Account extends Base {
  balance = 0;
  seen = (this as any).owner;
  history: string[] = [];
  constructor(public readonly owner: string, private currency: string = 'USD', n = 1) {
    super('acct');
    this.history.push(`opened for ${owner} ${n}`);
  }
}
class Plain {
  x = 1;
  copy = (this as any).y;
  constructor(public y: number, protected z?: number) { this.x += y; }
}
class NoFields extends Base { constructor(public w: number) { super('nf'); } }
const a = new Account('Ada');
console.log(JSON.stringify(a), Object.keys(a).join(','));
console.log(JSON.stringify(new Plain(5)), JSON.stringify(new NoFields(3)));
