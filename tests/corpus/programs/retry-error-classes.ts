class AppError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
class RetryableError extends AppError {
  constructor(message: string, readonly attempt: number, options?: { cause?: unknown }) {
    super(message, options);
  }
}
class FatalError extends AppError {}
class RetriesExhaustedError extends AppError {
  constructor(readonly attempts: number, readonly errors: unknown[]) {
    super(`gave up after ${attempts} attempts`, { cause: errors.at(-1) });
  }
}

function classify(e: unknown, attempt: number): AppError {
  const msg = e instanceof Error ? e.message : String(e);
  if (/^(429|503)\b/.test(msg) || (e as Error)?.name === 'RateLimitError') return new RetryableError(msg, attempt, { cause: e });
  return new FatalError(`not retryable: ${msg}`, { cause: e });
}

async function withBackoff<T>(label: string, fn: () => Promise<T>, { retries = 4, baseMs = 2, factor = 3 } = {}): Promise<{ value: T; delays: number[] }> {
  const errors: unknown[] = [];
  const delays: number[] = [];
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    try {
      return { value: await fn(), delays };
    } catch (e) {
      const err = classify(e, attempt);
      errors.push(err);
      if (err instanceof FatalError) throw err;
      if (attempt > retries) break;
      const delay = Math.min(baseMs * factor ** (attempt - 1), 40);
      delays.push(delay);
      console.log(`[${label}] attempt ${attempt} failed (${err.message}); retrying in ${delay}ms`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
  throw new RetriesExhaustedError(errors.length, errors);
}

async () => {
  const out: Record<string, unknown> = {};
  const ok = await withBackoff('flaky', () => codemode.flakyFetch({ key: 'inventory', failTimes: 3 }));
  out.ok = { attempts: ok.value.attempts, delays: ok.delays };
  try {
    await withBackoff('never', () => codemode.flakyFetch({ key: 'never', failTimes: 99 }), { retries: 2 });
  } catch (e) {
    const err = e as RetriesExhaustedError;
    out.exhausted = {
      name: err.name,
      message: err.message,
      isApp: err instanceof AppError,
      errors: err.errors.map((x) => `${(x as Error).name}:${(x as RetryableError).attempt}`),
      cause: (err.cause as Error).message,
      rootCause: ((err.cause as Error).cause as Error).message,
    };
  }
  try {
    await withBackoff('fatal', () => codemode.getUser({ id: 404 }));
  } catch (e) {
    if (e instanceof FatalError) out.fatal = { name: e.name, message: e.message, causeName: (e.cause as Error).name, ownCause: Object.hasOwn(e, 'cause') };
  }
  const plain = new AppError('no cause');
  out.plain = { hasCause: 'cause' in plain, str: String(plain), proto: Object.getPrototypeOf(RetryableError) === AppError };
  return out;
}
