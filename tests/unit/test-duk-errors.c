/* test-duk-errors: the patched engine's error paths (guest/duk/duk_v8msg.c
 * and the v8msg patches in patch-duktape.py) run here in a Duktape built
 * like any unit-tested code, so the ASan+UBSan pass of scripts/test.sh
 * checks them (the guest's own Duktape is never sanitized). A seeded random
 * walk applies throwing operations (assignments, deletes, `in`,
 * instanceof, callbacks, defineProperty, ranges, coercions) to hostile
 * values (proxies, frozen and sealed objects, accessors that throw, long
 * keys and names, symbols), then exact messages are checked against node's
 * wording (tests/node/engine-messages.test.mjs compares them with node).
 * Runs in: test binaries only. Input: the JS below. */
#include <string.h>

#include "dukeval.h"
#include "duktape.h"
#include "tap.h"

static const char walk[] =
        "var seed = 7919;\n"
        "function rnd(n) { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; }\n"
        "function Foo() {}\n"
        "var named = {}; Object.defineProperty(named, 'constructor', { value: { name: new Array(300).join('N') } });\n"
        "var acc = {}; Object.defineProperty(acc, 'constructor', { get: function () { throw new Error('ran'); } });\n"
        "Object.defineProperty(acc, 'toString', { get: function () { return function () { return 'x'; }; } });\n"
        "var px = new Proxy({}, { get: function () {}, getPrototypeOf: function () { return null; },\n"
        "  getOwnPropertyDescriptor: function () {} });\n"
        "var chain = {}; for (var c = 0; c < 200; c++) chain = Object.create(chain);\n"
        "var vals = [0, -0, 1.5, NaN, Infinity, '', 'str', new Array(2000).join('L'), true, null, undefined,\n"
        "  Symbol(), Symbol('d'), {}, [], [1, 2], new Foo(), Object.create(null), Object.freeze({ a: 1 }),\n"
        "  Object.seal([1, 2, 3]), Object.freeze([]), function f() {}, Math.max, Math.max.bind(null), px,\n"
        "  new Proxy(function () {}, {}), new Date(0), /x/, new Uint8Array(4), new ArrayBuffer(4), named, acc,\n"
        "  Object.create(acc), chain, new Error('e')];\n"
        "var keys = ['a', 'length', 0, 5, 'constructor', Symbol('k'), '', new Array(500).join('k')];\n"
        "function pick(a) { return a[rnd(a.length)]; }\n"
        "var ops = [\n"
        "  function (v, k) { 'use strict'; v[k] = 1; },\n"
        "  function (v, k) { 'use strict'; delete v[k]; },\n"
        "  function (v, k) { return k in v; },\n"
        "  function (v) { return ({}) instanceof v; },\n"
        "  function (v) { return [1].map(v); },\n"
        "  function (v) { return [1].reduce(v); },\n"
        "  function (v) { return ''.repeat(v); },\n"
        "  function (v) { return String.fromCodePoint(v); },\n"
        "  function (v) { return (5).toString(v); },\n"
        "  function (v, k) { return Object.defineProperty(v, k, { value: 1 }); },\n"
        "  function (v, k) { return Object.defineProperty({}, k, v); },\n"
        "  function (v) { return Object.create(v); },\n"
        "  function (v) { return Object.setPrototypeOf({}, v); },\n"
        "  function (v, k) { var o = {}; Object.defineProperty(o, k, { get: v }); },\n"
        "  function (v) { return v + ''; },\n"
        "  function (v) { return Object.keys(v); },\n"
        "  function (v) { 'use strict'; var a = Object.freeze([1, 2]); a.length = v; },\n"
        "  function (v) { 'use strict'; var a = Object.seal([1, 2, 3]); a.length = 1; }\n"
        "];\n"
        "var thrown = 0;\n"
        "for (var i = 0; i < 30000; i++) {\n"
        "  try { pick(ops)(pick(vals), pick(keys)); } catch (e) { if (typeof e.message === 'string') thrown++; }\n"
        "}\n"
        "'thrown ' + (thrown > 10000);\n";

/* [program, the message it must throw] */
static const char *const exact[][2] = {
        {"[1].map(5)", "TypeError: 5 is not a function"},
        {"function Foo() {} [1].map(new Foo())", "TypeError: #<Foo> is not a function"},
        {"[1].map(Symbol('s'))", "TypeError: Symbol(s) is not a function"},
        {"(function () { 'use strict'; var o = Object.freeze({ a: 1 }); o.a = 2; })()",
         "TypeError: Cannot assign to read only property 'a' of object '#<Object>'"},
        {"(function () { 'use strict'; Object.preventExtensions([]).push(1); })()",
         "TypeError: Cannot add property 0, object is not extensible"},
        {"(function () { 'use strict'; var a = Object.seal([1, 2]); a.length = 0; })()",
         "TypeError: Cannot delete property '1' of [object Array]"},
        {"(function () { 'use strict'; var a = Object.freeze([1]); a.length = 0; })()",
         "TypeError: Cannot assign to read only property 'length' of object '[object Array]'"},
        {"(function () { 'use strict'; (5).x = 1; })()", "TypeError: Cannot create property 'x' on number '5'"},
        {"(function () { 'use strict'; delete 'abc'[0]; })()",
         "TypeError: Cannot delete property '0' of [object String]"},
        {"'a' in 'str'", "TypeError: Cannot use 'in' operator to search for 'a' in str"},
        {"({}) instanceof 5", "TypeError: Right-hand side of 'instanceof' is not an object"},
        {"({}) instanceof {}", "TypeError: Right-hand side of 'instanceof' is not callable"},
        {"[].reduce(function () {})", "TypeError: Reduce of empty array with no initial value"},
        {"'x'.repeat(-2.5)", "RangeError: Invalid count value: -2.5"},
        {"'xy'.repeat(Math.pow(2, 30))", "RangeError: Invalid string length"},
        {"String.fromCodePoint(1.5)", "RangeError: Invalid code point 1.5"},
        {"(5).toString(37)", "RangeError: toString() radix argument must be between 2 and 36"},
        {"Symbol() + ''", "TypeError: Cannot convert a Symbol value to a string"},
        {"Object.keys(null)", "TypeError: Cannot convert undefined or null to object"},
        {"(function f() { return f() + 1; })()", "RangeError: Maximum call stack size exceeded"},
        {"Object.defineProperty(1, 'x', {})", "TypeError: Object.defineProperty called on non-object"},
        {"Object.defineProperty({}, 'x', { get: 5 })", "TypeError: Getter must be a function: 5"},
        {"Object.create(1)", "TypeError: Object prototype may only be an Object or null: 1"},
        {"var o = {}; Object.defineProperty(o, 'x', { value: 1 }); Object.defineProperty(o, 'x', { value: 2 })",
         "TypeError: Cannot redefine property: x"},
        {"var p = {}; Object.defineProperty(p, 'constructor', { get: function () { throw 1; } }); "
         "[1].map(Object.create(p))",
         "TypeError: #<Object> is not a function"},
};

int main(void)
{
	duk_context *ctx = dukeval_heap();
	char out[512];
	int ok = dukeval(ctx, walk, out, sizeof out);
	tap_ok(ok && strcmp(out, "thrown true") == 0, "30,000 throwing operations on hostile values (%s)", out);
	for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++) {
		ok = dukeval(ctx, exact[i][0], out, sizeof out);
		tap_ok(!ok && strcmp(out, exact[i][1]) == 0, "%s", exact[i][1]);
		if (ok || strcmp(out, exact[i][1]) != 0)
			printf("# got: %s\n", out);
	}
	/* Wording an error runs none of the program's code: no getter, no
	 * proxy trap (the operations themselves run none here either). */
	dukeval(ctx,
	        "var n = 0, p = {};\n"
	        "Object.defineProperty(p, 'constructor', { get: function () { n++; return Object; } });\n"
	        "Object.defineProperty(p, 'toString', { get: function () { n++; return function () { return 'x'; }; } "
	        "});\n"
	        "var px = new Proxy({}, { get: function () { n++; }, getPrototypeOf: function () { n++; return null; "
	        "},\n"
	        "  getOwnPropertyDescriptor: function () { n++; }, has: function () { n++; return false; } });\n"
	        "[Object.create(p), px].forEach(function (v) {\n"
	        "  try { [1].map(v); } catch (e) {}\n"
	        "  try { (function () { 'use strict'; Object.freeze(v); v.q = 1; })(); } catch (e) {}\n"
	        "  try { 'k' in 5; } catch (e) {}\n"
	        "  try { Object.create(5); } catch (e) {}\n"
	        "});\n"
	        "'ran ' + n",
	        out, sizeof out);
	tap_ok(strcmp(out, "ran 0") == 0, "no getter or trap of the program ran to word an error (%s)", out);
	/* Object.freeze of an array freezes its length (patch freeze-array-length) */
	dukeval(ctx, "JSON.stringify(Object.getOwnPropertyDescriptor(Object.freeze([1]), 'length'))", out, sizeof out);
	tap_ok(strcmp(out, "{\"value\":1,\"writable\":false,\"enumerable\":false,\"configurable\":false}") == 0,
	       "a frozen array's length is not writable (%s)", out);
	duk_destroy_heap(ctx);
	return tap_done();
}
