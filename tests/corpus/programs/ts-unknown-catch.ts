class ValidationError extends Error {
  constructor(public readonly field: string, message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

function describeError(err: unknown): string {
  if (err instanceof ValidationError) return `invalid ${err.field}: ${err.message}`;
  if (err instanceof RangeError) return `range: ${err.message}`;
  if (err instanceof TypeError) return `type: ${err.message}`;
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  if (typeof err === 'string') return `string: ${err}`;
  if (typeof err === 'object' && err !== null && 'code' in err) return `code: ${(err as { code: unknown }).code}`;
  return `unknown: ${String(err)}`;
}

async () => {
  const attempts: Array<() => Promise<unknown> | unknown> = [
    () => codemode.getUser({ id: 999 }),
    () => codemode.getExchangeRates({ base: 'XYZ' }),
    () => codemode.sendEmail({ to: 'nobody' }),
    () => codemode.getWeather({ city: 'Atlantis' }),
    () => { throw new ValidationError('email', 'must contain @'); },
    () => { throw 'plain string'; },
    () => { throw { code: 'E_TIMEOUT', retry: true }; },
    () => { throw 42; },
    () => JSON.parse('{"broken": }'),
    () => (null as unknown as { x: number }).x,
    () => codemode.validateAddress({ address: '  12 Main St ' }),
  ];
  const out: string[] = [];
  for (const [i, fn] of attempts.entries()) {
    try {
      const v = await fn();
      out.push(`#${i} ok ${JSON.stringify(v)}`);
    } catch (e: unknown) {
      out.push(`#${i} ${describeError(e)}`);
    }
  }
  out.filter((l) => l.includes('ok')).forEach((l) => console.log(l));
  return out.map((l) => l.replace(/(Unexpected token|in JSON).*/, '<json error>'));
}
