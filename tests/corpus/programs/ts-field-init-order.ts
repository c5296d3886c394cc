const trace: string[] = [];

class Base {
  kind = (trace.push('Base.kind'), 'base');
  readonly createdBy: string;
  constructor(public readonly id: number) {
    trace.push(`Base.ctor id=${id} kind=${this.kind}`);
    this.createdBy = this.describe();
  }
  describe(): string { return `base#${this.id}`; }
}

class Derived extends Base {
  label = (trace.push('Derived.label'), `derived-${this.id}`);
  tags: string[] = [];
  constructor(id: number, private readonly owner: string, public priority = 1) {
    trace.push('Derived.ctor before super');
    super(id);
    trace.push(`Derived.ctor after super label=${this.label} owner=${this.owner}`);
  }
  override describe(): string {
    // Runs during Base's constructor: Derived's fields are not set yet.
    return `derived#${this.id} label=${String(this.label)} owner=${String(this.owner)}`;
  }
}

async () => {
  const user = await codemode.getUser({ id: 5 });
  const d = new Derived(user.id, user.name);
  d.tags.push(user.plan);
  const e = new Derived(7, 'Ken', 3);
  console.log(trace.slice(0, 5).join(' -> '));
  return {
    trace,
    createdBy: d.createdBy,
    keys: Object.keys(d),
    json: JSON.stringify(e),
    entries: Object.entries(d).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : v}`),
  };
}
