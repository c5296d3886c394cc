// codecell-only: arrows, methods and async functions are lowered to function expressions that the guest's patched Duktape makes non-constructors ("use cc noctor", guest/compiler/printer.h); Debian's duk runs the cases unlowered
// An arrow, a class or object method, an accessor and an async function is
// not a constructor and has no prototype; a plain function, a generator
// function and a class have one (ES2023 10.2, 15.x). A program's own
// "use cc noctor" directive has no effect, and a "use strict" after it counts.
const a = () => 1;
const aa = async () => 1;
class C { m() {} get g() { return 1; } set g(v) {} static s() {} async am() {} }
async function af() {}
function* gen() {}
async function* agen() {}
function plain() {}
const o = { m() {}, f: function () {}, get x() { return 1; } };
const gd = Object.getOwnPropertyDescriptor(C.prototype, 'g');
const rows = [
  ['arrow', a], ['async arrow', aa], ['method', C.prototype.m], ['getter', gd.get], ['setter', gd.set],
  ['static method', C.s], ['async method', C.prototype.am], ['async function', af], ['generator', gen],
  ['async generator', agen], ['plain', plain], ['object method', o.m], ['object function', o.f], ['class', C],
];
function tryNew(f) {
  try { new f(); return 'constructed'; } catch (e) { return e.constructor.name + ': ' + e.message; }
}
for (const [name, f] of rows) {
  console.log(name, typeof f.prototype, Object.prototype.hasOwnProperty.call(f, 'prototype'), name === 'class' ? '' : tryNew(f));
}
function d() { 'use cc noctor'; return 1; }
const e = () => { 'use cc noctor'; return 2; };
// ... and stays a directive of the prologue: the "use strict" after it counts.
function st() { 'use cc noctor'; 'use strict'; return this === undefined; }
console.log('own directive', typeof d.prototype, tryNew(d), e(), st());
// Closures made in a loop: no prototype objects (and no cycles) per arrow.
let n = 0;
for (let i = 0; i < 1000; i++) { const f = (v) => v + i; n += f(1) + (f.prototype === undefined ? 0 : 1000); }
console.log('loop', n);
