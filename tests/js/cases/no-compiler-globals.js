// The compiler's callee table (the names in "o.a.f is not a function",
// tests/js/cases/error-messages.js) reaches the runtime apart from the
// program: no global a program can see or enumerate, as in node.
console.log(typeof __jsc_callees, Object.keys(globalThis).indexOf('__jsc_callees'),
  Object.getOwnPropertyNames(globalThis).indexOf('__jsc_callees'));
