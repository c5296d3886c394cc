// The globals the guest builds on first use (guest/runtime/lazy.js) look
// like built ones to reflection: data properties, read before any use.
// Only names node 20 also has as data properties are printed (node makes
// some of its own lazily, as accessors). ES5: the duk engine runs it as is.
var names = ['URL', 'URLSearchParams', 'Event', 'EventTarget'];
names.forEach(function (n) {
  var d = Object.getOwnPropertyDescriptor(globalThis, n);
  console.log(n, typeof d.value, d.writable, d.enumerable, d.configurable, typeof d.get);
});
var r = Reflect.getOwnPropertyDescriptor(globalThis, 'URLSearchParams');
console.log('reflect', typeof r.value, r.value === URLSearchParams);
var all = Object.getOwnPropertyDescriptors(globalThis);
console.log('all', typeof all.EventTarget.value, all.EventTarget.value === EventTarget);
var n = 0;
var key = { toString: function () { n++; return 'URL'; } };
console.log('key converted once', typeof Object.getOwnPropertyDescriptor(globalThis, key).value, n);
console.log('wrappers', Object.getOwnPropertyDescriptor.length, Object.getOwnPropertyDescriptor.name,
  Object.freeze.length, Object.freeze.name, Reflect.preventExtensions.name);
var threw = false;
try { new Object.freeze({}); } catch (e) { threw = e instanceof TypeError; }
console.log('not a constructor', threw);
console.log('other objects', Object.getOwnPropertyDescriptor({ a: 1 }, 'a').value, Object.isFrozen(Object.freeze({})));
// A program's own replacement, or deletion, survives the first use.
globalThis.AbortController = function Mine() {};
console.log('replaced', AbortController.name);
delete globalThis.Buffer;
console.log('deleted', typeof Buffer);
Object.freeze(globalThis);
console.log('frozen', Object.isFrozen(globalThis));
console.log(new URL('https://x.test/a?b=1').searchParams.get('b'), new Event('e').type, AbortController.name);
