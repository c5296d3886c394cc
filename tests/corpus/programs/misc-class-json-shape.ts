async () => {
  const users = (await codemode.listUsers({ pageSize: 5 })).items;
  class Account {
    static #seq = 0;
    readonly seq = ++Account.#seq;
    #token = 'secret';
    protected audit: string[] = [];
    constructor(public user: (typeof users)[number]) {}
    get display() { return `${this.user.name} <${this.user.email}>`; }
    get plan() { return this.user.plan.toUpperCase(); }
    toString() { return `Account#${this.seq}`; }
  }
  class Admin extends Account {
    role = 'admin';
    toJSON() { return { seq: this.seq, role: this.role, display: this.display }; }
  }
  const accts = users.map((u, i) => (i === 0 ? new Admin(u) : new Account(u)));
  const plain = JSON.parse(JSON.stringify(accts[1]));
  const spread = { ...accts[1] };
  const assigned = Object.assign({}, accts[2]);
  const entries = Object.entries(accts[3]).map(([k]) => k);
  const adminJson = JSON.stringify(accts[0]);
  const keysIn: string[] = [];
  for (const k in accts[4]) keysIn.push(k);
  const protoNames = Object.getOwnPropertyNames(Account.prototype);
  const described = Object.getOwnPropertyDescriptor(Account.prototype, 'display');
  const names = accts.map((a) => `${a}:${a.constructor.name}:${a instanceof Admin}`);
  const viaMap = new Map(accts.map((a) => [a.seq, a.plan]));
  console.log(`${accts[0]}`, String(accts[1]), [accts[2]].join());
  return { plainKeys: Object.keys(plain), spreadKeys: Object.keys(spread), hasDisplay: 'display' in spread, assignedKeys: Object.keys(assigned), entries, adminJson, keysIn, protoNames, described: [typeof described?.get, described?.enumerable], names, viaMap: [...viaMap] };
}
