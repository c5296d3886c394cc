// Regression: the ICU natives are not reachable from a program, before or
// after Intl loads, and the load channel cannot be redirected. Under node
// there is no __cc, so both engines print the same lines. Since the guest
// seals its internals (guest/ccapi.h) the global __cc holds only compiler
// helpers, no intlHook: the probes below then run as under node.
const cc = globalThis.__cc && globalThis.__cc.intlHook ? globalThis.__cc : null;
const before = cc ? [cc.intl, cc.intlHook.takeNatives()] : [undefined, undefined];
let planted = 'no';
if (cc) {
  try { cc.intlHook.setImpl({ numberToLocaleString: () => 'pwned' }); } catch (e) { planted = 'threw'; }
  try { Object.defineProperty(cc.intlHook, 'takeNatives', { get() { return 1; } }); planted = 'redefined'; } catch (e) { /* frozen */ }
}
console.log((1234.5).toLocaleString(), planted);
const after = cc ? [cc.intl, cc.intlHook.takeNatives()] : [undefined, undefined];
console.log(before.concat(after).map((x) => typeof x).join(','));
console.log(Object.keys(Intl).length, typeof Intl.NumberFormat, Object.getOwnPropertyNames(globalThis).includes('Intl'));
const objs = [new Intl.NumberFormat(), new Intl.DateTimeFormat(), new Intl.Collator(), new Intl.PluralRules(), new Intl.Locale('en'), new Intl.Segmenter().segment('a b')];
console.log(objs.map((o) => Reflect.ownKeys(o).length).join(','), JSON.stringify(objs[0]), Object.getOwnPropertyNames(objs[4]).length);
