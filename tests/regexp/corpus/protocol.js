// The RegExp protocol when a program changes it: the fast paths must step
// aside (user exec, flags getters, species, own properties, lastIndex).
const log = [];
const out = (...a) => console.log(a.map((x) => JSON.stringify(x)).join(' '));
out('a1b2c3'.replace(/\d/g, '#'), 'a,b'.split(/,/), 'x1y22'.match(/\d+/g));
// An own exec on one instance.
const r1 = /\d/g;
r1.exec = function (s) { log.push('own exec ' + this.lastIndex); return RegExp.prototype.exec.call(this, s); };
out('a1b2'.replace(r1, '#'), log.splice(0));
// A replaced prototype exec.
const origExec = RegExp.prototype.exec;
RegExp.prototype.exec = function (s) { log.push('proto exec'); return origExec.call(this, s); };
out('a1b2'.replace(/\d/g, '#'), 'a,b'.split(/,/), log.length > 0);
log.length = 0;
RegExp.prototype.exec = origExec;
out('a1b2'.replace(/\d/g, '#'), log.length);
// A global getter redefined (the flags getter reads it): a global match
// of a sticky regexp that the internal flags say is not global.
const gdesc = Object.getOwnPropertyDescriptor(RegExp.prototype, 'global');
Object.defineProperty(RegExp.prototype, 'global', { get() { return true; }, configurable: true });
out('aab'.replace(/a/y, '#'), 'aab'.match(/a/y));
Object.defineProperty(RegExp.prototype, 'global', gdesc);
out('aab'.replace(/a/y, '#'));
// Species: split builds its splitter through it.
class Loud extends RegExp {
  static get [Symbol.species]() { log.push('species'); return RegExp; }
}
out('a-b'.split(new Loud('-')), log.splice(0));
// lastIndex as an object with valueOf (read once per exec).
const r2 = /b/y;
r2.lastIndex = { valueOf() { log.push('valueOf'); return 1; } };
out(r2.test('ab'), r2.lastIndex, log.splice(0));
// Frozen regexp: setting lastIndex throws.
const r3 = Object.freeze(/a/g);
try { r3.exec('a'); } catch (e) { out(e.name); }
// Symbol.replace called directly, named groups in a function replacer.
out(RegExp.prototype[Symbol.replace].call(/(?<x>\d)/g, 'a1b2', (m, p1, off, s, g) => `[${g.x}@${off}]`));
// String(...) arguments go through RegExp creation.
out('a.b'.split('.'), 'a.b'.search('.'), 'a.b'.match('.').index, [...'a1b2'.matchAll(/\d/g)].map((m) => m.index));
// includes/startsWith/endsWith refuse a RegExp (regression: Duktape's natives
// only knew their own RegExp class), unless Symbol.match says otherwise.
for (const f of ['includes', 'startsWith', 'endsWith']) {
  try { 'abc'[f](/a/); out(f, 'no error'); } catch (e) { out(f, e.name, e.message); }
}
const notRe = /a/;
notRe[Symbol.match] = false;
out('/a/'.startsWith(notRe), '/a/'.includes(notRe));
// A replacer function that runs other regexps on other strings (the native
// loop must not lose its subject), returns objects, and reads named groups.
out('a1b22c333'.replace(/(?<n>\d+)/g, (m, p1, off, s, g) => ({ toString() { return 'x'.replace(/x/, g.n.length) + '|' + 'q9'.match(/\d/)[0]; } })));
out('2024-06-17 and 1999-12-31'.replace(/(?<y>\d{4})-(?<m>\d\d)-(?<d>\d\d)/g, (...a) => JSON.stringify(a.at(-1))));
out('aaa'.replace(/a*?/g, (m, off) => '[' + off + ']'), '😀😀'.replace(/(?:)/gu, () => '-'));
