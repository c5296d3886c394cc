interface Tx { id: string; date: string; category: string; amount: number; description: string }

class Ledger {
  #tx: Tx[];
  constructor(tx: Tx[], readonly account: string) { this.#tx = [...tx].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id, undefined, { numeric: true })); }

  get income() { return this.#sum((t) => t.amount > 0); }
  get spending() { return -this.#sum((t) => t.amount < 0); }
  get net() { return Math.round((this.income - this.spending) * 100) / 100; }
  get savingsRate() { return this.income ? Math.round((this.net / this.income) * 1000) / 10 : 0; }
  get byCategory(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const t of this.#tx) if (t.amount < 0) out[t.category] = Math.round(((out[t.category] ?? 0) - t.amount) * 100) / 100;
    return Object.fromEntries(Object.entries(out).sort(([, a], [, b]) => b - a));
  }
  get largest(): Tx | undefined { return this.#tx.reduce<Tx | undefined>((m, t) => (t.amount < 0 && (!m || t.amount < m.amount) ? t : m), undefined); }
  get first() { return this.#tx[0]?.date; }
  get last() { return this.#tx.at(-1)?.date; }
  get runningBalance(): number[] {
    let bal = 0;
    return this.#tx.map((t) => (bal = Math.round((bal + t.amount) * 100) / 100));
  }

  #sum(pred: (t: Tx) => boolean) {
    return Math.round(this.#tx.filter(pred).reduce((s, t) => s + t.amount, 0) * 100) / 100;
  }

  toJSON() {
    const { account, income, spending, net, savingsRate } = this;
    return { account, income, spending, net, savingsRate };
  }
}

async () => {
  const accounts = ['checking', 'savings'];
  const ledgers = await Promise.all(accounts.map(async (a) => new Ledger(await codemode.getTransactions({ account: a }), a)));
  for (const l of ledgers) {
    console.log(`${l.account.padEnd(9)} in ${l.income.toFixed(2).padStart(9)} out ${l.spending.toFixed(2).padStart(9)} net ${l.net.toFixed(2).padStart(9)} (${l.savingsRate}%)`);
  }
  const l = ledgers[0];
  const balance = l.runningBalance;
  return {
    summaries: ledgers.map((x) => x.toJSON()),
    json: JSON.stringify(ledgers[1]),
    byCategory: l.byCategory,
    largest: l.largest && { id: l.largest.id, amount: l.largest.amount },
    period: `${l.first}..${l.last}`,
    lowest: Math.min(...balance),
    final: balance.at(-1),
    ownKeys: Object.keys(l),
    protoGetters: Object.entries(Object.getOwnPropertyDescriptors(Ledger.prototype)).filter(([, d]) => d.get).map(([k]) => k),
  };
}
