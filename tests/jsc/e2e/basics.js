const { a, b: [c, d = 4] = [], ...rest } = { a: 1, b: [3], e: 5, f: 6 };
console.log(a, c, d, JSON.stringify(rest));
let [x, , y = 10, ...zs] = 'hello';
console.log(x, y, zs.join('|'));
const sum = (...n) => n.reduce((s, v) => s + v, 0);
console.log(sum(1, 2, 3), sum(...[4, 5], 6), Math.max(...[1, 9, 3]));
const o = { p: { q: null }, f() { return this.p; } };
console.log(o?.p?.q?.r, o.f?.().q, o.g?.(), o.p.q ?? 'dflt', 0 ?? 1, '' || 'or');
let m = null; m ??= 5; m ||= 6; m &&= 7; console.log(m);
const t = (s, ...v) => s.raw.join('#') + v.join(',');
console.log(`x=${x} ${a + c}!`, t`a${1}b${2}c`);
const obj = { ...{ u: 1, v: 2 }, v: 3, [`k${a}`]: true };
console.log(JSON.stringify(obj));
for (const [k, v] of Object.entries({ one: 1, two: 2 })) console.log(k, v);
function defaults(p = 1, { q = 2, r } = {}, [s] = [3]) { return [p, q, r, s].join(','); }
console.log(defaults(), defaults(9, { r: 8 }, [7]), defaults.length);
try { const [z1] = null; } catch (e) { console.log(e instanceof TypeError, e.message); }
try { const { z2 } = undefined; } catch (e) { console.log(e.constructor.name, e.message); }
const fns = [];
for (let i = 0; i < 3; i++) fns.push(() => i);
console.log(fns.map((f) => f()).join(','));
{
  let shadow = 'inner';
  console.log(shadow);
}
try { undefinedVar; } catch (e) { console.log(e.name); }
const cst = 1;
try { cst = 2; } catch (e) { console.log(e.message); }
console.log(2 ** 10, typeof Symbol.iterator);
