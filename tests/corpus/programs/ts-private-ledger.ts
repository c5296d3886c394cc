async () => {
  const txs = await codemode.getTransactions({ account: 'savings' });
  class Ledger {
    #entries: { id: string; amount: number }[] = [];
    #balance = 0;
    static #count = 0;
    readonly id: number;
    constructor(readonly name: string) { this.id = ++Ledger.#count; }
    #validate(amount: number) {
      if (!Number.isFinite(amount)) throw new RangeError(`bad amount ${amount}`);
    }
    post(id: string, amount: number) {
      this.#validate(amount);
      this.#entries.push({ id, amount });
      this.#balance = Math.round((this.#balance + amount) * 100) / 100;
      return this;
    }
    get balance() { return this.#balance; }
    static isLedger(x: unknown) { return typeof x === 'object' && x !== null && #balance in x; }
  }
  const l = new Ledger('savings');
  for (const t of txs.slice(0, 10)) l.post(t.id, t.amount);
  console.log('ledger:', l);
  console.log(`balance ${l.balance}`, Ledger.isLedger(l), Ledger.isLedger({ ...l }));
  return { keys: Object.keys(l), json: JSON.stringify(l), balance: l.balance, own: Reflect.ownKeys(l).length };
}
