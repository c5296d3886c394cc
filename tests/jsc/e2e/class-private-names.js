// Private methods are named "#m" (rt cannot derive it from the hidden key).
// Private methods are read-only: assigning one throws TypeError after the RHS.
class C { #m() {} get #g() { return 1; } set #g(v) {} static #s() {} names() { return [this.#m.name, C.#s.name]; } }
console.log(new C().names().join());
class W { #m() { return 1; } static #s() {} w() { var log = []; try { this.#m = (log.push('rhs'), 2); } catch (e) { log.push(e.constructor.name); } return log.join() + ' ' + this.#m(); }
  ws() { try { W.#s = 1; return 'no'; } catch (e) { return e.constructor.name; } } }
console.log(new W().w(), new W().ws());
