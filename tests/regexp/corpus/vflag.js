// The v flag (unicodeSets): set operations, nested classes, \q{} strings,
// and its stricter class syntax, compared with node 20.
const P = [["[a&&b]"], ["[a--b]"], ["[(]"], ["[a&&&b]"], ["[&&a]"], ["[a-z&&b]"], ["[^\\q{ab}]"], ["[\\q{ab|c}]"],
  ["[a!!b]"], ["[\\d--[0-4]]"], ["[[a-z]--[aeiou]]"], ["[a-]"], ["[\\-]"], ["[a--b--c]"], ["[a--b&&c]"],
  ["[\\p{L}--\\p{Ll}]"], ["[\\p{ASCII}&&\\p{L}]+"], ["[\\w--\\d]+"], ["^[\\q{abc|ab|a|}x]$"], ["[\\q{abc|ab}x]"],
  ["[[a-z]--[b-y]]", "i"], ["[^[a-z]&&[aeiou]]", "i"], ["\\p{Lu}", "i"], ["[\\P{Ll}]", "i"], ["[^\\P{Ll}]", "i"],
  ["[\\&\\!]"], ["[a-c]{2}"], ["[]"], ["[^]"], ["[\\q{}]"]];
const S = ['b', 'ab', 'A', 'abc', 'Z', 'x', 'e', '3', '9', '', 'aB', '&', 'ü', 'É'];
for (const [p, f = ''] of P) {
  let re;
  try { re = new RegExp(p, 'v' + f); } catch (e) { console.log(p, e.name, e.message); continue; }
  console.log(p, f, S.map((s) => { const m = re.exec(s); return m ? m[0] + '@' + m.index : '-'; }).join(' '));
}
console.log(/[\p{L}--[a-z]]/v.flags, /x/v.unicodeSets, /x/u.unicodeSets);
