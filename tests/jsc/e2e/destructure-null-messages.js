// V8 words the TypeError of destructuring null/undefined by where the
// pattern sits: "Cannot destructure ... of 'src'" for an assignment's
// target (declaration, assignment, parameter: 'object null', for-of:
// '.for', catch: '.catch', a nested pattern with a default), a plain
// property read's "Cannot read properties of ..." for a nested pattern.
function show(name, f) {
  try { f(); console.log(name + ': no error'); } catch (e) { console.log(name + ': ' + e.constructor.name + ': ' + e.message); }
}
show('top undefined', () => { const { a } = undefined; });
show('top member', () => { const obj = {}; const { a } = obj.missing; });
show('top empty', () => { const {} = null; });
show('top rest', () => { const { ...r } = null; });
show('top numeric key', () => { const { 1: x } = null; });
show('nested', () => { const { a: { b } } = {}; });
show('nested null', () => { const { a: { b } } = { a: null }; });
show('nested deeper', () => { const { a: { b: { c } } } = { a: {} }; });
show('nested default', () => { const { a: { b } = undefined } = {}; });
show('nested default name', () => { let x; const { a: { b } = x } = {}; });
show('nested empty', () => { const o = {}; const { a: {} } = o; });
show('nested computed', () => { const k = 'z'; const { a: { [k]: b } } = {}; });
show('nested string parent', () => { const { 'x-y': {} } = {}; });
show('nested numeric parent', () => { const { 1: {} } = {}; });
show('nested rest', () => { const { a: { ...b } } = { a: null }; });
show('nested empty deeper', () => { const { a: { b: {} } } = { a: {} }; });
show('array in object', () => { const o = {}; const { a: [x] } = o; });
show('object in array', () => { const [{ b }] = []; });
show('empty in array', () => { const [{}] = [null]; });
show('array element default', () => { const [{ b } = null] = []; });
show('param undefined', () => { function f({ a }) {} f(); });
show('param null', () => { function f({ items }) {} f(null); });
show('param second', () => { const f = (x, { a }) => a; f(1, null); });
show('param empty', () => { function f({}) {} f(null); });
show('param rest', () => { function f({ ...r }) {} f(null); });
show('param nested', () => { function f({ a: { b } }) {} f({}); });
show('param nested empty', () => { function f({ a: {} }) {} f({}); });
show('param array in object', () => { function f({ a: [x] }) {} f({}); });
show('param default', () => { function f({ a } = null) {} f(); });
show('param nested default', () => { function f({ a: { b } = null }) {} f({}); });
show('method param', () => { class C { m({ a }) {} } new C().m(null); });
show('generator param', () => { function* g({ a }) {} g(null); });
show('for-of', () => { for (const { a } of [null]) {} });
show('for-of empty', () => { for (const {} of [undefined]) {} });
show('for-of nested', () => { for (const { a: { b } } of [{}]) {} });
show('for-of nested empty', () => { for (const { a: {} } of [{}]) {} });
show('for-of assignment', () => { let a; for ({ a } of [null]) {} });
show('assignment', () => { let a; ({ a } = null); });
show('assignment name', () => { let a, o = null; ({ a } = o); });
show('assignment member', () => { let a, o = {}; ({ a } = o.x); });
show('assignment nested', () => { let b; ({ a: { b } } = {}); });
show('catch', () => { try { throw null; } catch ({ a }) {} });
show('catch empty', () => { try { throw null; } catch ({}) {} });
show('catch nested', () => { try { throw {}; } catch ({ a: { b } }) {} });
