// Regression: destructuring defaults that read an earlier binding of the same pattern are not TDZ errors (variables, parameters, arrows, async functions, array and nested patterns, for-of, catch); reads of later bindings and of the binding inside its own initialiser still are.
const r = [];
function t(f) { try { r.push(JSON.stringify(f())); } catch (e) { r.push(e.name + ': ' + e.message); } }
t(() => { const { a = 1, b = a * 2 } = {}; return [a, b]; });
t(() => { const { a = b, b = 1 } = {}; return [a, b]; });
t(() => { const { a = 1 } = a; return a; });
t(() => { const x = x + 1; return x; });
t(() => { let [p = 1, q = p + 1, ...rest] = [undefined, undefined, 3]; return [p, q, rest]; });
t(() => { const { a: { b = 2 } = {}, c = b * 3 } = {}; return [b, c]; });
t(() => { const { a: { b = c } = {}, c = 1 } = {}; return [b, c]; });
t(() => ((x = 1, y = x + 1) => [x, y])());
t(() => ((x = y, y = 1) => [x, y])());
t(() => (({ p = 2, q = p ** 3 } = {}) => p + q)());
t(() => (([m = 3, n = m * m] = []) => m + n)());
t(() => (function ({ a = 1, b = a } = {}, c = a + b) { return [a, b, c]; })());
t(() => { for (const { k = 1, v = k } of [{}]) return [k, v]; });
t(() => { let y = 1; { const { z = y } = {}; return z; } });
t(() => { const [a = 1, b = a] = [], { c = b } = {}; return [a, b, c]; });
t(() => { try { throw {}; } catch ({ m = 1, n = m + 1 }) { return [m, n]; } });
(async () => { const f = async ({ s = 1, u = s + 1 } = {}) => s + u; r.push(await f()); console.log(r.join('\n')); })();
