class HttpError extends Error {
  readonly status: number;
  readonly retryable: boolean = false;
  constructor(status: number, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HttpError';
    this.status = status;
    Error.captureStackTrace?.(this, new.target);
  }
  static from(status: number, message: string, cause?: unknown): HttpError {
    if (status === 404) return new NotFound(message, { cause });
    if (status === 429 || status >= 500) return new ServerError(status, message, { cause });
    return new HttpError(status, message, { cause });
  }
  toJSON() {
    return { name: this.name, status: this.status, message: this.message, retryable: this.retryable, cause: this.cause instanceof Error ? this.cause.message : this.cause ?? null };
  }
}
class NotFound extends HttpError {
  constructor(message: string, options?: ErrorOptions) {
    super(404, message, options);
    this.name = 'NotFound';
  }
}
class ServerError extends HttpError {
  override readonly retryable = true;
  constructor(status: number, message: string, options?: ErrorOptions) {
    super(status, message, options);
    this.name = 'ServerError';
  }
}

async function call(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return await fn();
  } catch (e) {
    const msg = (e as Error).message;
    const status = (e as Error).name === 'NotFoundError' ? 404 : Number(/^(\d{3})\b/.exec(msg)?.[1] ?? 400);
    throw HttpError.from(status, `request failed: ${msg}`, e);
  }
}

async () => {
  const errors: HttpError[] = [];
  const tries = [
    () => codemode.getUser({ id: 77 }),
    () => codemode.flakyFetch({ key: 'x', failTimes: 1 }),
    () => codemode.sendEmail({ to: 'bad' }),
    () => codemode.getOrder({ id: 'ord_1001' }),
  ];
  const ok: unknown[] = [];
  for (const t of tries) {
    try {
      ok.push(await call(t));
    } catch (e) {
      if (e instanceof HttpError) errors.push(e);
      else throw e;
    }
  }
  const described = errors.map((e) => ({
    ctor: e.constructor.name,
    str: e.toString(),
    json: JSON.parse(JSON.stringify(e)),
    chain: [e instanceof NotFound, e instanceof ServerError, e instanceof HttpError, e instanceof Error],
    causeName: (e.cause as Error).name,
    stackTop: (e.stack ?? '').split('\n')[0],
  }));
  described.forEach((d) => console.log(d.str));
  return { described, ok: ok.length, keys: Object.keys(errors[0]) };
}
