console.log(JSON.stringify(Object.entries({a:1,b:[2]})), JSON.stringify(Object.values('ab')), JSON.stringify(Object.fromEntries([['x',1],['y',2]])), JSON.stringify(Object.fromEntries(new Map([['m',1]]))));
console.log(JSON.stringify(Object.getOwnPropertyDescriptors({a:1})), Object.hasOwn({q:1}, 'q'));
console.log('5'.padStart(3,'0'), 'abc'.padEnd(6, '12'), '[' + '  x  '.trimStart() + ']', '[' + '  x \n'.trimEnd() + ']', 'abc'.at(-1), 'abc'.at(3));
console.log('a.b.c'.replaceAll('.', '/'), 'aaa'.replaceAll('a', '$&$&'), 'xx'.replaceAll('', '-'), 'a-b'.replaceAll(/-/g, '+'), 'abab'.replaceAll('b', function(m, p){ return p; }));
try { 'a'.replaceAll(/a/, 'b') } catch (e) { console.log(e.name) }
var ms = Array.from('a1b22c333'.matchAll(/\d+/g)); console.log(ms.map(function(m){ return m[0] + '@' + m.index; }).join(','));
console.log(Array.from('test'.matchAll('t')).length, 'abc'.normalize(), String.raw({raw:['a','b','c']}, 1, 2));
try { 'a'.normalize('X') } catch (e) { console.log(e.name) }
console.log(/a/gi.flags);
console.log('abc'.padStart(2), 'abc'.padStart(6, ''), 'x'.padEnd(5, 'ab'), 'x'.padStart(NaN, 'z'), ''.padStart(3, 'ab'));
console.log('a+b'.replaceAll('+', '$$'), 'abc'.replaceAll('b', "[$`|$'|$&]"), 'aaaa'.replaceAll('aa', 'b'));
console.log('abc'.startsWith('b', 1), 'abc'.endsWith('b', 2), 'abc'.includes('c'), 'ab'.repeat(3), 'x'.codePointAt(0), String.fromCodePoint(0x41, 0x42));
try { 'a'.repeat(-1); } catch (e) { console.log(e.name); }
try { String.prototype.padStart.call(null, 3); } catch (e) { console.log(e.name); }
console.log(JSON.stringify(Object.entries([7, 8])), JSON.stringify(Object.values({ x: 1, get y() { return 2; } })), JSON.stringify(Object.entries('hi')));
var withSym = { a: 1 }; withSym[Symbol('s')] = 2; console.log(Object.entries(withSym).length, Object.getOwnPropertySymbols(Object.getOwnPropertyDescriptors(withSym)).length);
console.log(Object.assign({}, { a: 1 }, null, 'xy').a, Object.is(NaN, NaN), Object.is(0, -0), Number.isInteger(5.0), Number.isSafeInteger(Math.pow(2, 53)), Number.EPSILON > 0, Number.parseFloat === parseFloat);
var m = 'key=val; k2=v2'.matchAll(/(\w+)=(\w+)/g); var r = []; var x; while (!(x = m.next()).done) r.push(x.value[1] + ':' + x.value[2]); console.log(r.join(','));
try { 'a'.matchAll(/a/); } catch (e) { console.log(e.name); }
