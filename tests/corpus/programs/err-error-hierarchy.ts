class AppError extends Error {
  constructor(message: string, public readonly code: string) {
    super(message);
    this.name = new.target.name;
  }
}
class NotFound extends AppError {
  constructor(what: string) { super(`${what} was not found`, 'E_NOT_FOUND'); }
}
class Forbidden extends AppError {}

async () => {
  const checks: string[] = [];
  for (const id of [1, 404]) {
    try {
      await codemode.getUser({ id });
      checks.push(`${id}: ok`);
    } catch (e) {
      const err = new NotFound(`user ${id}`);
      checks.push(`${id}: ${err.name} ${err.code} ${err instanceof AppError} ${err instanceof Forbidden}`);
    }
  }
  console.log(checks.join('; '));
  throw new Forbidden('plan does not allow export', 'E_FORBIDDEN');
}
