async () => {
  class Account {
    balance = 0;
    history: string[] = [];
    constructor(public readonly owner: string, private currency: string = 'USD') {
      this.history.push(`opened for ${owner}`);
    }
    deposit(n: number) { this.balance += n; return this; }
  }
  const a = new Account('Ada').deposit(50).deposit(25);
  return { keys: Object.keys(a), json: JSON.stringify(a) };
}
