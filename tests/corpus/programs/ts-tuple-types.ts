type Point = [x: number, y: number];
type Range = readonly [start: string, end: string];
type Row = [name: string, qty: number, price?: number];
type Parsed = [ok: true, value: number] | [ok: false, error: string];

const parseQty = (s: string): Parsed => {
  const n = Number(s);
  return Number.isInteger(n) && n >= 0 ? [true, n] : [false, `bad quantity "${s}"`];
};

function bounds(points: Point[]): [min: Point, max: Point] {
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  return [[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]];
}

function head<T extends unknown[]>(...args: [...T, string]): T {
  return args.slice(0, -1) as T;
}

async () => {
  const forecast = await codemode.getForecast({ city: 'Paris', days: 5 });
  const points: Point[] = forecast.map((d: any, i: number): Point => [i, d.highC]);
  const [[minX, minY], [maxX, maxY]] = bounds(points);
  const range: Range = [forecast[0].date, forecast.at(-1).date] as const;
  const rows: Row[] = [['widget', 3, 9.99], ['gadget', 1], ['gizmo', 2, 99]];
  const total = rows.reduce((sum, [, qty, price = 0]) => sum + qty * price, 0);
  const parsed = ['3', '-1', 'x', '12'].map(parseQty);
  const good = parsed.filter((p): p is [true, number] => p[0]).map(([, v]) => v);
  const errors = parsed.flatMap((p) => (p[0] ? [] : [p[1]]));
  const swapped = points.slice(0, 2).map(([x, y]) => [y, x] as const);
  const entries = Object.entries({ a: 1, b: 2 }) as [string, number][];
  console.log(`range ${range[0]}..${range[1]}, total ${total.toFixed(2)}`);
  return { box: { minX, minY, maxX, maxY }, range, total, good, errors, swapped, entries, head: head(1, 'two', true, 'tail'), lengths: rows.map((r) => r.length) };
}
