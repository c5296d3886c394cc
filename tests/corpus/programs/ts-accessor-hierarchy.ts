class Measurement {
  protected _values: number[] = [];
  constructor(readonly unit: string) {}

  get count(): number { return this._values.length; }
  get mean(): number { return this.count ? this.sum / this.count : NaN; }
  get sum(): number { return this._values.reduce((a, b) => a + b, 0); }
  set latest(v: number) {
    if (!Number.isFinite(v)) throw new RangeError(`not finite: ${v}`);
    this._values.push(v);
  }
  get latest(): number | undefined { return this._values.at(-1); }

  toString() { return `${this.mean.toFixed(2)}${this.unit} over ${this.count}`; }
}

class Temperature extends Measurement {
  constructor(private readonly city: string) { super('°C'); }

  override get mean(): number {
    // Rounded to one decimal like a weather app shows it.
    return Math.round(super.mean * 10) / 10;
  }
  get fahrenheit(): number { return Math.round((this.mean * 9) / 5 + 32); }
  override set latest(v: number) {
    super.latest = Math.round(v * 10) / 10;
  }
  override get latest() { return super.latest; }
  override toString() { return `${this.city}: ${super.toString()} (${this.fahrenheit}°F)`; }
}

async () => {
  const cities = ['London', 'Paris', 'Tokyo', 'Reykjavik'];
  const temps: Temperature[] = [];
  for (const city of cities) {
    const t = new Temperature(city);
    const days = await codemode.getForecast({ city, days: 4 });
    for (const d of days) {
      t.latest = d.highC;
      t.latest = d.lowC;
    }
    temps.push(t);
  }
  let rejected = '';
  try {
    temps[0].latest = NaN;
  } catch (e) {
    rejected = `${(e as Error).name}: ${(e as Error).message}`;
  }
  temps.forEach((t) => console.log(String(t)));
  const desc = Object.getOwnPropertyDescriptor(Measurement.prototype, 'latest')!;
  return {
    lines: temps.map((t) => `${t}`),
    latest: temps.map((t) => t.latest),
    json: JSON.stringify(temps[1]),
    rejected,
    accessor: { get: typeof desc.get, set: typeof desc.set, enumerable: desc.enumerable },
    ownKeys: Object.keys(temps[2]),
  };
}
