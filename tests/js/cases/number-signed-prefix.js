// codecell-only: tests guest/duk/patch-duktape.py tonumber-unsigned-prefix-*, which Debian's duk lacks
// ToNumber: a sign goes before a decimal literal only, never before
// 0x/0o/0b; parseInt keeps its sign before 0x.
var s = ['-0x10', '+0x10', '0x10', ' -0x2a ', '+0b11', '-0b11', '0b11', '-0o17', '+0o17', '0o17', '-0X1f',
  '-Infinity', '+Infinity', '-1e3', '+.5', '-.5e1', '-0', '+0', '- 0x1', '-0x', '0x', '-', '+', '', ' ', '-0b', '0b2', '-08', '+007'];
for (var i = 0; i < s.length; i++) {
  console.log(JSON.stringify(s[i]), Number(s[i]), +s[i], parseInt(s[i]), parseInt(s[i], 16), parseFloat(s[i]), s[i] * 1, s[i] == -16);
}
