async () => {
  class ValidationError extends Error {
    constructor(public field: string, message: string) {
      super(message);
      this.name = 'ValidationError';
    }
  }
  const u = await codemode.getUser({ id: 3 });
  if (!u.email.endsWith('@example.org')) {
    throw new ValidationError('email', `unexpected domain in ${u.email}`);
  }
  return u;
}
