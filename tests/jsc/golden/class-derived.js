class AppError extends Error {
  code = 'E_APP';
  constructor(message) { super(message); this.name = 'AppError'; }
  describe() { return super.toString() + ' [' + this.code + ']'; }
}
