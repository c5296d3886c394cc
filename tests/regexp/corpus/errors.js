// SyntaxError messages for invalid patterns and flags, compared with node 20 (V8 wording).
const C = [['(', ''], ['a**', ''], ['(?<=a)*', ''], ['(?=a)*', 'u'], ['\\k<n>', 'u'], ['(?<a>x)(?<a>y)', ''], ['\\p{Foo}', 'u'], ['[\\p{Foo}]', 'u'],
['a{2,1}', ''], ['[b-a]', ''], ['{', 'u'], ['}', 'u'], [']', 'u'], ['a{1', 'u'], ['\\', ''], ['(?<1a>x)', ''], ['\\k<a>(?<b>x)', ''], ['\\c', 'u'], ['\\u{110000}', 'u'], ['\\x1', 'u'],
['\\q', 'u'], ['[\\d-a]', 'u'], ['\\00', 'u'], ['\\1', 'u'], ['(?x)', ''], ['x)', ''], ['[', ''], ['(?<a', ''], ['\\k', 'u'], ['*', ''], ['+a', ''], ['a|*', ''], ['(?<=x)+', 'u'], ['x{99999999999}', ''],
['[\\w-\\d]', 'u'], ['\\P', 'u'], ['\\p{Script=Foo}', 'u'], ['\\p{L', 'u'], ['\\u{1F', 'u'], ['a', 'gg'], ['a', 'x'], ['a', 'uv']];
for (const [p, f] of C) { try { new RegExp(p, f); console.log('ok', p, f); } catch (e) { console.log(e.name + ': ' + e.message); } }
