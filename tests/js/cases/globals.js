var src = { n: 1, s: 'x', d: new Date(0), r: /ab+c/gi, arr: [1, , 3], nested: { deep: [new Map([[{ k: 1 }, new Set([1, 2])]])] }, u8: new Uint8Array([1, 2, 3]), big: -0 };
src.self = src;
var c = structuredClone(src);
console.log(c !== src, c.self === c, c.d instanceof Date, c.d.getTime(), c.r.source, c.r.flags, c.r instanceof RegExp, c.arr.length, 1 in c.arr);
var mm = c.nested.deep[0]; console.log(mm instanceof Map, mm.size, JSON.stringify(Array.from(mm.keys())[0]), Array.from(mm.values())[0] instanceof Set);
console.log(c.u8 instanceof Uint8Array, c.u8.join(), c.u8.buffer !== src.u8.buffer, 1 / c.big);
class0 = function Klass() { this.a = 1; }; class0.prototype.m = function () {};
var ci = structuredClone(new class0()); console.log(JSON.stringify(ci), Object.getPrototypeOf(ci) === Object.prototype);
try { structuredClone(function f() {}); } catch (e) { console.log(e.name, e.code, e instanceof DOMException, e instanceof Error); }
try { structuredClone({ p: Promise.resolve() }); } catch (e) { console.log(e.name, e.message); }
try { structuredClone(Symbol('q')); } catch (e) { console.log(e.name, e.message); }
var ec = structuredClone(new RangeError('bad', { cause: 'why' })); console.log(ec instanceof RangeError, ec.message, ec.cause);
console.log(structuredClone(5), structuredClone('s'), structuredClone(null), structuredClone(undefined));
console.log(btoa('hello'), btoa(''), btoa('a'), btoa('ab'), btoa('\u00ff\u00fe'), atob('aGVsbG8='), atob('aGVsbG8'), atob(' aG Vs\nbG8= '), atob('YQ==').length);
try { btoa('\u0100'); } catch (e) { console.log(e.name, e.code, e.message); }
try { atob('a'); } catch (e) { console.log(e.name, e.message); }
try { atob('ab*c'); } catch (e) { console.log(e.name); }
console.log(typeof globalThis, globalThis === this || typeof window === 'undefined', typeof queueMicrotask);
try { queueMicrotask(5); } catch (e) { console.log(e.name, e.code); }
var de = new DOMException('m', 'AbortError'); console.log(de.name, de.message, de.code, String(de), DOMException.ABORT_ERR, DOMException.DATA_CLONE_ERR);
