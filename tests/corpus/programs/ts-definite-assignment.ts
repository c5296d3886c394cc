interface Settings { region: string; retries: number; verbose?: boolean }

class Client {
  name!: string;
  settings!: Settings;
  private ready = false;
  declare tag: string;
  lastError?: string;

  init(name: string, s: Settings): this {
    this.name = name;
    this.settings = s;
    this.ready = true;
    return this;
  }

  describe(): string {
    if (!this.ready) return 'not ready';
    return `${this.name}@${this.settings.region} x${this.settings.retries}${this.settings.verbose ? ' (verbose)' : ''}`;
  }
}

async () => {
  const cfg = await codemode.getConfig();
  const fresh = new Client();
  const before = { keys: Object.keys(fresh), hasTag: 'tag' in fresh, name: fresh.name, desc: fresh.describe() };
  const c = new Client().init('billing', { region: cfg.regions[0], retries: cfg.limits!.burst / 10 });
  const el = [cfg.owner, cfg.features].find((x) => x !== null)!;
  const owner = cfg.owner ?? 'unowned';
  const first = cfg.regions.at(-1)!.toUpperCase();
  console.log(c.describe());
  return {
    before,
    after: Object.keys(c),
    json: JSON.parse(JSON.stringify(c)),
    desc: c.describe(),
    beta: (el as { beta: boolean }).beta,
    owner,
    first,
  };
}
