// Subclassing built-ins and runtime-library constructors.
class MyArr extends Array {
  sum() { return this.reduce((a, b) => a + b, 0); }
}
const ma = new MyArr();
ma.push(1, 2, 3);
console.log(ma.length, ma.sum(), Array.isArray(ma), ma instanceof MyArr, ma instanceof Array);

class DefaultMap extends Map {
  constructor(dflt, entries) { super(entries); this.dflt = dflt; }
  get(k) { return this.has(k) ? super.get(k) : this.dflt; }
}
const dm = new DefaultMap(0, [['a', 1]]);
dm.set('b', 2);
console.log(dm.get('a'), dm.get('b'), dm.get('zz'), dm.size, dm instanceof Map);

class HttpError extends Error {
  status;
  constructor(status, message, options) {
    super(message, options);
    this.name = 'HttpError';
    this.status = status;
  }
  get isClient() { return this.status >= 400 && this.status < 500; }
}
class NotFound extends HttpError {
  constructor(what) { super(404, `${what} not found`); this.name = 'NotFound'; }
}
try {
  throw new NotFound('user');
} catch (e) {
  console.log(e instanceof NotFound, e instanceof HttpError, e instanceof Error, e.name, e.message, e.status, e.isClient);
  console.log(String(e), Object.prototype.toString.call(e));
}
const withCause = new HttpError(500, 'outer', { cause: 'inner' });
console.log(withCause.cause, withCause.message);

class Deferred extends Promise {
  static get [Symbol.species]() { return Promise; }
}
const d = new Deferred((res) => res(7));
console.log(d instanceof Deferred, d instanceof Promise);
d.then((v) => console.log('deferred', v));

class Bare extends null {}
console.log(typeof Bare, Object.getPrototypeOf(Bare.prototype));
try { new Bare(); } catch (e) { console.log(e.constructor.name); }
try { class Bad extends 5 {} } catch (e) { console.log(e.message); }
try { const NotCtor = {}; class Bad2 extends NotCtor {} } catch (e) { console.log(e.constructor.name); }

function OldStyle(x) { this.x = x; }
OldStyle.prototype.twice = function () { return this.x * 2; };
class NewStyle extends OldStyle { thrice() { return this.x * 3; } }
const ns = new NewStyle(4);
console.log(ns.twice(), ns.thrice(), ns.x);
