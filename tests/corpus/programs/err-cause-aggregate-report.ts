async () => {
  class ToolError extends Error {
    constructor(public tool: string, options?: ErrorOptions) { super(`tool ${tool} failed`, options); this.name = 'ToolError'; }
  }
  const attempts = ['London', 'Atlantis', 'El Dorado', 'Tokyo'];
  const failures: Error[] = [];
  const ok: string[] = [];
  for (const city of attempts) {
    try { ok.push((await codemode.getWeather({ city })).city); }
    catch (e) { failures.push(new ToolError('getWeather', { cause: e })); }
  }
  const agg = new AggregateError(failures, `${failures.length} of ${attempts.length} lookups failed`, { cause: 'batch' });
  const describe = (e: unknown, depth = 0): string[] => {
    if (!(e instanceof Error)) return [`${'  '.repeat(depth)}${String(e)}`];
    const lines = [`${'  '.repeat(depth)}${e.name}: ${e.message}`];
    if (e instanceof AggregateError) e.errors.forEach((x) => lines.push(...describe(x, depth + 1)));
    if ('cause' in e) lines.push(...describe(e.cause, depth + 1));
    return lines;
  };
  const report = describe(agg);
  console.log(report.join('\n'));
  const plain = new Error('no cause');
  const undefCause = new Error('explicit undefined', { cause: undefined });
  const ignored = new Error('bad opts', 'cause' as any);
  const props = Object.getOwnPropertyNames(agg).sort();
  const descr = Object.getOwnPropertyDescriptor(agg, 'errors');
  return {
    report, props, errorsEnumerable: descr?.enumerable, hasCause: ['cause' in plain, 'cause' in undefCause, 'cause' in ignored],
    str: String(agg), proto: Object.getPrototypeOf(AggregateError) === Error, json: JSON.stringify(failures[0]), ok,
    causeName: (failures[0].cause as Error).name, isToolError: failures.every((f) => f instanceof ToolError && f instanceof Error),
  };
}
