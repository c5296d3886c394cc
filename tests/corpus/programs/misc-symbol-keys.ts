async () => {
  const users = (await codemode.listUsers({ pageSize: 3 })).items;
  const ROLE = Symbol('role');
  const shared = Symbol.for('app.audit');
  const tagged = users.map((u, i) => ({ ...u, [ROLE]: i === 0 ? 'admin' : 'member', [shared]: `audit-${u.id}` }));
  const admin = tagged.find((u) => u[ROLE] === 'admin');
  class Collection {
    constructor(private items: unknown[]) {}
    get [Symbol.toStringTag]() { return 'Collection'; }
    *[Symbol.iterator]() { yield* this.items; }
    get [Symbol.isConcatSpreadable]() { return true; }
    get length() { return this.items.length; }
    0 = 'zero';
  }
  const col = new Collection(['a', 'b']);
  const info = {
    adminName: admin?.name, keys: Object.keys(tagged[0]).length, symbols: Object.getOwnPropertySymbols(tagged[0]).map((s) => s.toString()),
    json: JSON.stringify(tagged[0]).includes('admin'), desc: [ROLE.description, shared.description, Symbol().description, Symbol('x').description],
    keyFor: [Symbol.keyFor(shared), Symbol.keyFor(ROLE)], forSame: Symbol.for('app.audit') === shared, tag: Object.prototype.toString.call(col),
    str: String(col), spread: [...col], inst: [{ items: [] } instanceof Collection, col instanceof Collection], concat: ['x'].concat(col as any),
    wellKnown: [Symbol.iterator.toString(), typeof Symbol.asyncIterator, Symbol.iterator.description],
    reflect: Reflect.ownKeys({ b: 1, [ROLE]: 1, 1: 2, a: 3 }).map(String), inKey: ROLE in tagged[0], typeofSym: typeof ROLE,
  };
  const objToStr = [[], {}, null, undefined, 1, 'x', true, () => 1, new Date(0), /x/, new Map(), Promise.resolve(), Math, JSON, (function () { return arguments; })(), new Error('e'), Symbol('q')].map((v) => Object.prototype.toString.call(v));
  console.log(tagged[0][ROLE], info.symbols);
  return { ...info, objToStr };
}
