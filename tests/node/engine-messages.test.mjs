// Differential test: the errors the engine itself raises about a program's
// values read as node's (V8's) do (guest/duk/duk_v8msg.c, the v8msg patches
// in guest/duk/patch-duktape.py, guest/runtime/messages.js): a callback that
// is not a function, an assignment to a frozen object, `in` on a string, an
// empty reduce. One program collects every message; it runs in node and
// through the Node client with the real sandbox, and each line must agree.
// Describing a value in a message must not run the program's code: the
// getter and proxy counters in the result must stay 0, as in node.
// Runs in: node:test. Input: $CODECELL_BIN.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { CodecellExecutor } from 'codecell-codemode';
import { codecellBin, liveChildren } from './helpers.mjs';

const ex = new CodecellExecutor({ codecellPath: codecellBin(), timeout: 20000 });

after(() => {
  assert.deepEqual(liveChildren(), [], 'a codecell process outlived its run');
});

// Each case: [label, body of a function that must throw]. Strict mode, as
// an async arrow in a module-like program is for node's vm here too.
const CASES = [
  // a callback a built-in requires to be callable
  ['map(5)', '[1].map(5)'],
  ['map("x")', '[1].map("x")'],
  ['forEach()', '[1].forEach()'],
  ['filter(null)', '[1].filter(null)'],
  ['find({})', '[1].find({})'],
  ['map([1, 2])', '[1].map([1, 2])'],
  ['map(new Foo())', 'class Foo {}\n[1].map(new Foo())'],
  ['map(new Map())', '[1].map(new Map())'],
  ['map(Symbol)', '[1].map(Symbol("s"))'],
  ['map(-0)', '[1].map(-0)'],
  ['map(new Date)', '[1].map(new Date(0))'],
  ['map(null-proto)', '[1].map(Object.create(null))'],
  ['Promise resolver', 'new Promise(7)'],
  ['Map receiver', 'Map.prototype.get.call({}, 1)'],
  ['Set receiver', 'Set.prototype.add.call([], 1)'],
  ['Map receiver string', 'Map.prototype.has.call("abc", 1)'],
  // [[Set]] in strict code
  ['frozen write', 'const o = Object.freeze({ a: 1 });\no.a = 2'],
  ['frozen add', 'const o = Object.freeze({ a: 1 });\no.b = 2'],
  ['frozen class instance', 'class A {}\nconst o = Object.freeze(new A());\no.z = 1'],
  ['read-only defined', 'const o = {};\nObject.defineProperty(o, "k", { value: 1 });\no.k = 2'],
  ['read-only symbol key', 'const o = {}, s = Symbol("zz");\nObject.defineProperty(o, s, { value: 1 });\no[s] = 2'],
  ['read-only index', 'const o = {};\nObject.defineProperty(o, 3, { value: 1 });\no[3] = 2'],
  ['read-only on null proto', 'const o = Object.create(null);\nObject.defineProperty(o, "x", { value: 1 });\no.x = 2'],
  ['frozen array element', 'const a = Object.freeze([1]);\na[0] = 2'],
  ['frozen array push', 'const a = Object.freeze([1]);\na.push(2)'],
  ['frozen array length', 'const a = Object.freeze([1]);\na.length = 0'],
  ['sealed array shrink', 'const a = Object.seal([1, 2]);\na.length = 0'],
  ['getter only', 'class A { get x() { return 1; } }\nnew A().x = 5'],
  ['getter only on array', 'const a = [];\nObject.defineProperty(a, "g", { get() { return 1; } });\na.g = 2'],
  ['sealed add', 'const o = Object.seal({});\no.q = 1'],
  ['string index', 'const s = "abc";\ns[0] = "x"'],
  ['string length', 'const s = "abc";\ns.length = 1'],
  ['number property', 'const n = 5;\nn.foo = 1'],
  ['boolean property', 'true.x = 1'],
  ['symbol property', 'Symbol("a").x = 1'],
  // [[Delete]] in strict code
  ['delete frozen', 'const o = Object.freeze({ a: 1 });\ndelete o.a'],
  ['delete frozen array', 'const o = Object.freeze([1]);\ndelete o[0]'],
  ['delete Math.PI', 'delete Math.PI'],
  ['delete array length', 'delete [].length'],
  ['delete string index', 'delete "abc"[0]'],
  // operators
  ['in on a number', '"a" in 5'],
  ['in on a string', '"a" in "str"'],
  ['in on undefined', '"a" in undefined'],
  ['in, symbol key', 'Symbol("k") in "str"'],
  ['instanceof a string', '({}) instanceof "x"'],
  ['instanceof undefined', '({}) instanceof undefined'],
  ['instanceof a plain object', '({}) instanceof {}'],
  // built-ins' ranges and empty inputs
  ['reduce of empty', '[].reduce((a, b) => a + b)'],
  ['reduceRight of empty', '[].reduceRight((a, b) => a + b)'],
  ['repeat -1', '"abc".repeat(-1)'],
  ['repeat -2.5', '"a".repeat(-2.5)'],
  ['repeat Infinity', '"abc".repeat(Infinity)'],
  ['repeat too long', '"ab".repeat(2 ** 30)'],
  ['fromCodePoint -1', 'String.fromCodePoint(-1)'],
  ['fromCodePoint 1.5', 'String.fromCodePoint(1.5)'],
  ['fromCodePoint "x"', 'String.fromCodePoint("x")'],
  ['fromCodePoint big', 'String.fromCodePoint(0x110000)'],
  ['toString(0)', '(5).toString(0)'],
  ['toString(37)', '(5).toString(37)'],
  ['toString("x")', '(5).toString("x")'],
  // coercions and limits
  ['symbol to string', 'Symbol() + ""'],
  ['symbol to number', 'Symbol() * 2'],
  ['symbol in template', '`${Symbol("q")}`'],
  ['Object.keys(null)', 'Object.keys(null)'],
  ['Object.entries(undefined)', 'Object.entries(undefined)'],
  ['decodeURIComponent', 'decodeURIComponent("%")'],
  ['decodeURI', 'decodeURI("%E0%A4%A")'],
  ['encodeURIComponent', 'encodeURIComponent("\\uD800")'],
  ['endless recursion', 'const f = () => f();\nf()'],
  ['atob bad character', 'atob("@@@")'],
  ['atob bad length', 'atob("abcde")'],
  // Object.defineProperty and friends
  ['defineProperty on 1', 'Object.defineProperty(1, "x", {})'],
  ['Reflect.defineProperty on 1', 'Reflect.defineProperty(1, "x", {})'],
  ['descriptor not an object', 'Object.defineProperty({}, "x", 5)'],
  ['getter not a function', 'Object.defineProperty({}, "x", { get: 5 })'],
  ['setter not a function', 'Object.defineProperty({}, "x", { set: "s" })'],
  ['accessor and value', 'Object.defineProperty({}, "x", { get() {}, value: 1 })'],
  ['redefine', 'const o = {};\nObject.defineProperty(o, "x", { value: 1 });\nObject.defineProperty(o, "x", { value: 2 })'],
  ['define on sealed', 'Object.defineProperty(Object.seal({}), "y", { value: 1 })'],
  ['defineProperties on 1', 'Object.defineProperties(1, {})'],
  ['Object.create(1)', 'Object.create(1)'],
  ['Object.create(undefined)', 'Object.create(undefined)'],
  ['setPrototypeOf 5', 'Object.setPrototypeOf({}, 5)'],
  // the runtime's own messages, in node's words too
  ['new Set(5)', 'new Set(5)'],
  ['new Map({})', 'new Map({})'],
  ['flatMap(5)', '[1].flatMap(5)'],
  ['Promise.all(5)', 'return Promise.all(5)'],
  ['Promise.all({})', 'return Promise.all({})'],
  ['Promise.allSettled(null)', 'return Promise.allSettled(null)'],
  ['Promise.race(true)', 'return Promise.race(true)'],
  ['Promise.any(undefined)', 'return Promise.any(undefined)'],
  ['matchAll non-global', 'return [..."a".matchAll(/a/)]'],
  ['replaceAll non-global', 'return "a".replaceAll(/a/, "b")'],
];

// The program: each case in its own strict function; then a value whose
// constructor and toString are getters, and a proxy, described in a
// message, with counters that must stay 0.
function program() {
  const parts = CASES.map(([label, body]) =>
    `  await t(${JSON.stringify(label)}, () => {\n'use strict';\n${body};\n});`);
  return `async () => {
  const out = [];
  const t = async (label, f) => {
    try { await f(); out.push(label + ' => no error'); } catch (e) { out.push(label + ' => ' + e.name + ': ' + e.message); }
  };
${parts.join('\n')}
  let reads = 0;
  const proto = {};
  Object.defineProperty(proto, 'constructor', { get() { reads++; return Object; } });
  Object.defineProperty(proto, 'toString', { get() { reads++; return () => 'x'; } });
  await t('getters not run', () => [1].map(Object.create(proto)));
  let traps = 0;
  const px = new Proxy({}, { get() { traps++; }, getOwnPropertyDescriptor() { traps++; }, getPrototypeOf() { traps++; return null; } });
  await t('proxy not trapped', () => [1].map(px));
  out.push('reads ' + reads + ', traps ' + traps);
  return out;
}`;
}

test('engine errors read as node\'s', async () => {
  const code = program();
  const expected = await vm.runInThisContext(code, { filename: 'codemode.js' })();
  const r = await ex.execute(code, []);
  assert.equal(r.error, undefined, `the program failed under codecell: ${r.error}`);
  assert.equal(r.result.length, expected.length);
  const diffs = [];
  for (let i = 0; i < expected.length; i++)
    if (r.result[i] !== expected[i]) diffs.push(`node:     ${expected[i]}\ncodecell: ${r.result[i]}`);
  assert.deepEqual(diffs, [], `${diffs.length} of ${expected.length} messages differ:\n${diffs.join('\n')}`);
});

test('no engine-internal wording reaches a program', async () => {
  // What Duktape says when nothing rewrote it: none of it may show.
  const internal = new RegExp('=> \\w+: (invalid args|.* \\(stack index -?\\d+\\)|not writable|not extensible|' +
    'not configurable|setter undefined|unexpected type|invalid instanceof rval|callstack limit|C stack depth limit|' +
    'cannot (string|number) coerce Symbol|not object coercible|number outside range|invalid input)$');
  const r = await ex.execute(program(), []);
  assert.equal(r.error, undefined, `the program failed under codecell: ${r.error}`);
  assert.deepEqual(r.result.filter((l) => internal.test(l)), []);
});
