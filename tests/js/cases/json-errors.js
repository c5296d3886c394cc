// JSON.parse and JSON.stringify error messages in node 20's wording.
var cases = ['', ' ', '{', '[', '[1,2', '{"a":1', '{"a"', '{"a":', '{bad json}', '{1:2}', '{"a" 1}', '{"a":1 "b":2}', '[1 2]', '[1,]', '{"a":1,}', '[1,2,]', '{"a": 1, "b": [1, 2,]}', 'tru', 'trux', 'nul', 'undefined', 'NaN', '[object Object]', '"abc', '"a\\x"', '"a\\u12"', '"a\nb"', '-', '-a', '1.', '1.e', '1e', '1e+', '01', '1a', '{"a":1}x', '[1]]', '"str" x', "{'a':1}", 'abcdefghijklmnopqrstuvwxyz', '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, x, 12, 13, 14, 15]', '{"key": "value", "other": tru}', '  {"a":1} 2', 'x', '[', '[-]', '{"a":-}', '1 2', '[true false]', '{"a":"b":1}', '"\\', '[1,,2]', ',', '}', ']', '{"a":{"b":[1,2,{"c":3,}]}}'];
for (var ci = 0; ci < cases.length; ci++) { var c = cases[ci]; try { JSON.parse(c); console.log(JSON.stringify(c), 'OK'); } catch (e) { console.log(JSON.stringify(c), e.message); } }
try { JSON.parse(undefined) } catch (e) { console.log('undef', e.message) }
try { JSON.parse({}) } catch (e) { console.log('obj', e.message) }
var a = {}; a.b = { c: { d: { e: { f: {} } } } }; a.b.c.d.e.f.back = a.b;
try { JSON.stringify(a); } catch (e) { console.log(e.message); }
var arr = [{}]; arr[0].x = [arr];
try { JSON.stringify(arr); } catch (e) { console.log(e.message); }
function Foo() { this.me = this; }
try { JSON.stringify({ f: new Foo() }); } catch (e) { console.log(e.message); }
var nul = Object.create(null); nul.s = nul;
try { JSON.stringify(nul); } catch (e) { console.log(e.name, e.message); }
try { JSON.parse('{"a":1}', function () { throw new SyntaxError('from the reviver'); }); } catch (e) { console.log(e.message); }
console.log(JSON.parse.name, JSON.parse.length, JSON.stringify.name, JSON.stringify.length);
