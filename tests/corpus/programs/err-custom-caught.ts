async () => {
  class HttpError extends Error {
    status: number;
    constructor(status: number, msg: string) { super(msg); this.status = status; this.name = 'HttpError'; }
  }
  const results = [];
  for (const s of [200, 404, 500]) {
    try { if (s >= 400) throw new HttpError(s, `status ${s}`); results.push('ok'); }
    catch (e) { results.push(e instanceof HttpError ? `${e.name}(${e.status}): ${e.message}` : 'other'); }
  }
  return results;
}
