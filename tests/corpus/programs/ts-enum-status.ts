enum Level { Low = 1, Medium, High }
enum Color { Red = 'red', Green = 'green' }
async () => {
  const pts = await codemode.getMetrics({ points: 6 });
  const classify = (p99: number): Level => (p99 > 400 ? Level.High : p99 > 250 ? Level.Medium : Level.Low);
  return { levels: pts.map((p) => Level[classify(p.p99)]), color: Color.Green, reverse: Level[2] };
}
