async () => {
  const user = await codemode.getUser({ id: 9 });
  const rec: Record<string, unknown> = { z: 1, 10: 'ten', b: 2, 2: 'two', '-1': 'neg', '1.5': 'frac', a: 3, '01': 'lead' };
  const order = Object.keys(rec);
  const view = Object.defineProperties({ ...user }, {
    display: { get() { return `${this.name} <${this.email}>`; }, enumerable: false },
    secret: { value: 's3cr3t', enumerable: false, writable: false },
  });
  const d1 = Object.getOwnPropertyDescriptor(view, 'secret');
  const d2 = Object.getOwnPropertyDescriptor(view, 'display');
  const errs: string[] = [];
  'use strict';
  try { (view as any).secret = 'x'; errs.push(`silently kept ${view.secret}`); } catch (e) { errs.push((e as Error).message); }
  const frozen = Object.freeze({ list: [1, 2], n: 1 });
  frozen.list.push(3);
  try { (frozen as any).n = 2; } catch (e) { errs.push((e as Error).message); }
  const sealed = Object.seal({ a: 1 });
  try { (sealed as any).b = 2; } catch (e) { errs.push((e as Error).message); }
  try { delete (sealed as any).a; } catch (e) { errs.push((e as Error).message); }
  const proto = { greet() { return `hi ${(this as any).name}`; } };
  const child = Object.setPrototypeOf({ name: 'kid' }, proto);
  const forIn: string[] = [];
  for (const k in child) forIn.push(k);
  const merged = Object.assign({}, null, undefined, 'ab', [9], { a: 1 });
  const entries = Object.entries(view).length;
  const grouped = Object.entries({ b: 2, a: 1, c: 3 }).sort(([a], [b]) => a.localeCompare(b));
  console.log(view, Object.keys(view).includes('display'), view.display);
  console.log(rec);
  return { order, d1, d2: { ...d2, get: typeof d2?.get }, errs, frozen: [Object.isFrozen(frozen), frozen.list.length], forIn, greet: child.greet(), merged, entries, grouped, names: Object.getOwnPropertyNames('ab'), hasOwn: [Object.hasOwn(child, 'greet'), 'greet' in child] };
}
