/* test-jsc-parser: parsing, TypeScript erasure, code shapes, printing
 * (without lowering) and every SyntaxError the front end promises. */
#include <string.h>

#include "ast.h"
#include "jsc.h"
#include "parser.h"
#include "printer.h"
#include "shape.h"
#include "tap.h"

static char result[65536];
static int last_map[4096];
static int last_cmap[4096];
static size_t last_map_len;

/* Parse (AUTO shape) and print without lowering; result holds the code
 * (newlines removed) or "ERR:msg@line:col". Returns 0 on success. */
static int pp_shape(const char *src, enum jsc_shape shape, struct ast_program *keep)
{
	struct ast_program prog;
	memset(&prog, 0, sizeof(prog));
	size_t len = strlen(src);
	prog.line_offset = shape_strip_fence(&src, &len);
	prog.arena = ast_arena_create(0);
	struct parser_info info;
	int rc = parser_parse(&prog, src, len, &info);
	if (rc == 0)
		rc = shape_apply(&prog, &info, shape);
	if (rc < 0) {
		snprintf(result, sizeof(result), "ERR:%s@%u:%u", prog.error.msg, prog.error.pos.line + prog.line_offset,
		         prog.error.pos.column);
		ast_arena_destroy(prog.arena);
		return rc;
	}
	struct printer_output po;
	rc = printer_print(&prog, &po);
	if (rc == 0) {
		size_t j = 0;
		for (size_t i = 0; i < po.len && j + 1 < sizeof(result); i++)
			if (po.code[i] != '\n')
				result[j++] = po.code[i];
		result[j] = '\0';
		last_map_len = po.line_map_len < 4096 ? po.line_map_len : 4096;
		memcpy(last_map, po.line_map, last_map_len * sizeof(int));
		memcpy(last_cmap, po.col_map, last_map_len * sizeof(int));
		free(po.code);
		free(po.line_map);
		free(po.col_map);
	}
	if (keep)
		*keep = prog;
	else
		ast_arena_destroy(prog.arena);
	return rc;
}

static int pp(const char *src)
{
	return pp_shape(src, JSC_SHAPE_AUTO, NULL);
}

static void same(const char *src, const char *want)
{
	pp(src);
	tap_eq_str(result, want, src);
}

/* Syntax checks of a lone function declaration: in the AUTO shape it is
 * the lone-function code shape (called like an arrow), so print it as a
 * plain script. */
static void same_script(const char *src, const char *want)
{
	pp_shape(src, JSC_SHAPE_SCRIPT, NULL);
	tap_eq_str(result, want, src);
}

static void error(const char *src, const char *want)
{
	int rc = pp(src);
	tap_ok(rc < 0 && strstr(result, want) != NULL, "%s -> got '%s', want '%s'", src, result, want);
}

int main(void)
{
	/* --- statements and expressions round-trip --- */
	same("var a = 1, b; if (a) b = 2; else { b = 3 }", "var a=1,b;if(a)b=2;else {b=3;}");
	same("for (var i = 0; i < 3; i++) continue;", "for(var i=0;i<3;i++)continue;");
	same("for (var k in o) ; for (const [a, b] of m) {}", "for(var k in o);void 0;for(const [a,b] of m){}");
	/* ES2015 completion values at the top of a script (shape.c) */
	same("f = g; if (x) {} var y;", "f=g;void 0;if(x){}var y;");
	same("if (x) {} f(); while (y) {}", "if(x){}f();void 0;while(y){}");
	same("f(); if (x) {} g();", "f();if(x){}g();");
	same("async () => { for await (const x of y) {} }", "async()=>{for await(const x of y){}};");
	same("l: for (;;) { break l }", "l:for(;;){break l;}");
	same("switch (x) { case 1: f(); default: g() }", "switch(x){case 1:f();default:g();}");
	same("try { f() } catch { g() } finally { h() }", "try{f();}catch(__jsc_unused){g();}finally{h();}");
	same("try { f() } catch ({ message }) {}", "try{f();}catch({message:message}){}");
	same("do x++; while (x < 5) y()", "do x++;while(x<5);y();");
	same("a = b ? c : d ? e : f", "a=b?c:d?e:f;");
	same("(a, b) => a + b", "(a,b)=>a+b;");
	same("x => ({ a: x })", "(x)=>({a:x});");
	same("async x => await x", "async(x)=>await x;");
	same("({ a, b = 1, ...c } = o)", "({a:a,b:b=1,...c}=o);");
	same("[a, , b = 2, ...c] = arr", "[a,,b=2,...c]=arr;");
	same_script("function f({ a: [b] = [] }, ...r) {}", "function f({a:[b]=[]},...r){}");
	same("o = { get x() { return 1 }, set x(v) {}, m() {}, async *g() {}, [k]: 1, 'q': 2, 3: 4 }",
	     "o={get x(){return 1;},set x(v){},m(){},async *g(){},[k]:1,\"q\":2,3:4};");
	same("class A extends B { #x = 1; static y; constructor() { super(); this.#x++ } get z() { return super.z } "
	     "static { A.w = 1 } #m() {} }",
	     "class A extends B{#x=1;static y;constructor(){super();this.#x++;}get z(){return "
	     "super.z;}static{A.w=1;}#m(){}}");
	same_script("function* g() { yield; yield* h(); const x = yield 1 }",
	            "function* g(){yield;yield* h();const x=yield 1;}");
	same("a?.b.c?.[d]?.(e)", "a?.b.c?.[d]?.(e);");
	same("a ?? b; (a || b) ?? c; a ?? (b && c)", "a??b;(a||b)??c;a??(b&&c);");
	same("(-2) ** 2; 2 ** -1; a ** b ** c", "(-2)**2;2**-1;a**b**c;");
	same("x ||= 1; y &&= 2; z ??= 3; w **= 4", "x||=1;y&&=2;z??=3;w**=4;");
	same("tag`a${b}c`; `x${`y${z}`}`", "tag`a${b}c`;`x${`y${z}`}`;");
	same("new a.b.C(); new (f())(); new (a().b)(); new Foo", "new a.b.C();new (f())();new (a().b)();new Foo();");
	same("(function () {})(); (class {}); ({}).x", "(function(){}());(class{});({}.x);");
	same("- -x; + +x; - --x; a - -b; a+ +b", "- -x;+ +x;- --x;a- -b;a+ +b;");
	same("1..toString(); 1.5.toFixed(); (-1).x", "(1).toString();(1.5).toFixed();(-1).x;");
	same("for (var i = (a in b); ;) {} for (x = ('a' in o) ? 1 : 2;;) {}",
	     "for(var i=(a in b);;){}void 0;for(x=(\"a\"in o)?1:2;;){}");
	same("'\\u2028\\ud800é\\0\"'", "(\"\\u2028\\ud800\\u00e9\\u0000\\\"\");");
	same("'use strict'; x", "\"use strict\";x;");
	same("new.target", "ERR:new.target expression is not allowed here@1:1");
	same_script("function f() { return new.target }", "function f(){return new.target;}");
	same("let\nx = 1", "let x=1;");
	same("a\n++b", "a;++b;");
	same("return\n1", "(async function(){return;1;}());");
	same("x = 0x10 + 1e3 + 0.5 + 1_000_000", "x=16+1000+0.5+1000000;");
	same("if (a) function f() {}", "if(a)function f(){}");
	same("#!/usr/bin/env node\nx", "x;");

	/* --- TypeScript erasure --- */
	same("let x: number = 1; const y: Array<Map<string, number[]>> = []", "let x=1;const y=[];");
	same_script("function f<T extends object = {}>(a: T, b?: string, ...c: number[]): T | null { return a }",
	            "function f(a,b,...c){return a;}");
	same_script("function f(this: Window, a: number) {}", "function f(a){}");
	same("interface I extends J<K> { a: number; b?(): void; [k: string]: any }", "");
	same("type T<U> = { [K in keyof U]-?: U[K] } & (string | `x${number}`)", "");
	same("type F = (a: number) => void; type C = new () => X; type Q = A extends B ? C : D", "");
	same("let v = x as unknown as string; let w = y satisfies Z; let c = [1] as const",
	     "let v=x;let w=y;let c=[1];");
	same("a!.b!.c; f()!; x = y!", "a.b.c;f();x=y;");
	same("f<string>(1); new G<number>(); a < b > c", "f(1);new G();a<b>c;");
	same("let g = <T,>(x: T): T => x; let h = async <T>(x: T) => x", "let g=(x)=>x;let h=async(x)=>x;");
	same("const f = (a: number, { b }: { b: string } = {} as any): Promise<void> => a", "const f=(a,{b:b}={})=>a;");
	same("declare const x: number; declare function f(): void; declare module 'm' { } declare global { }", "");
	same_script("function o(a: string): void; function o(a: number): void; function o(a: any) {}",
	            "function o(a){}");
	same("class A<T> implements I { private a: number = 1; readonly b!: string; declare c: number; static d?: "
	     "number; abstract e(): void; [k: string]: any; m?(): void; }",
	     "class A{a=1;b;static d;}");
	same("class P { constructor(private x: number, public readonly y = 2) { } }",
	     "class P{constructor(x,y=2){this.x=x;this.y=y;}}");
	same("class Q extends R { constructor(protected z: string) { super(); go() } }",
	     "class Q extends R{constructor(z){super();this.z=z;go();}}");
	same("abstract class S { abstract m(): void; n() {} }", "class S{n(){}}");
	same("enum E { A, B = 5, C, D = 'd' }", "var "
	                                        "E;(function(E){E[E[\"A\"]=0]=\"A\";E[E[\"B\"]=5]=\"B\";E[E[\"C\"]=6]="
	                                        "\"C\";E[\"D\"]=\"d\";}(E||(E={})));");
	same("const enum F { X = 1 << 2, Y = X | 1 }",
	     "var F;(function(F){F[F[\"X\"]=1<<2]=\"X\";F[F[\"Y\"]=F[\"X\"]|1]=\"Y\";}(F||(F={})));");
	same("import type { A } from './a'; import { type B, type C } from 'b'; export type { D }; export interface I "
	     "{} export type T = 1",
	     "");
	same("let u: typeof import('x').Y; let t: [a: string, b?: number, ...c: any[]]", "let u;let t;");
	same("function isS(x: unknown): x is string { return true } function as(x: any): asserts x is T {}",
	     "function isS(x){return true;}function as(x){}");
	same("let fnT: <T>(x: T) => T = null; let o: { a(): void; new (x: number): O }", "let fnT=null;let o;");
	same("let k: keyof typeof obj; let r: readonly string[]; let q: unique symbol", "let k;let r;let q;");
	same("try {} catch (e: unknown) {}", "try{}catch(e){}");
	same("for (const x of <any[]>y) {}", "for(const x of y){}");
	same("a ? (b) : c; a ? (b) : (c): d => d", "a?b:c;a?b:(c)=>d;");
	/* namespaces as tsc emits them; exports copied after their declaration */
	same("namespace N { }", "var N;(function(N){}(N||(N={})));");
	same("namespace N { export const a = 1, b = a; const c = 2; export function f() { return c } export class K {} "
	     "export interface I {} export type T = 1; export declare const d: number }",
	     "var N;(function(N){const a=1,b=a;N.a=a;N.b=b;const c=2;function f(){return c;}N.f=f;class K{}N.K=K;}(N||("
	     "N={})));");
	same("module A.B { export namespace C { export const x = 1 } namespace D {} }",
	     "var A;(function(A){var B;(function(B){var C;(function(C){const x=1;C.x=x;}(C=B.C||(B.C={})));var "
	     "D;(function("
	     "D){}(D||(D={})));}(B=A.B||(A.B={})));}(A||(A={})));");
	same("namespace M { export const a = 1 } namespace M { export function g() { return a } }",
	     "var M;(function(M){const a=1;M.a=a;}(M||(M={})));var M;(function(M){var a=M.a;function g(){return "
	     "a;}M.g=g;}"
	     "(M||(M={})));");
	same("class K {} namespace K { export const v = 1 }", "class K{}(function(K){const v=1;K.v=v;}(K||(K={})));");
	error("namespace N { export let x = 1 }", "'export let' in a namespace is not supported");
	error("namespace N { export const { a } = o }", "A destructuring export in a namespace is not supported");
	error("namespace N { export default 1 }", "This export form is not supported in a namespace");
	error("module \"m\" { }", "TypeScript ambient modules are not supported");
	error("@dec class A {}", "Decorators are not supported");
	error("class A { @dec m() {} }", "Decorators are not supported");
	error("function f(private x) {}", "parameter property is only allowed in a constructor");

	/* --- code shapes --- */
	/* A lone named function is called (codemode's normalizeCode): its name
	 * becomes the completion value. */
	same("async function run() { return 1 }", "async function run(){return 1;}run;");
	same("function a() {} function b() {}", "function a(){}function b(){}");
	struct ast_program prog;
	pp_shape("const t = 1;\nasync (tools) => { return t }", JSC_SHAPE_AUTO, &prog);
	TAP_EQ_INT(prog.shape, AST_SHAPE_ASYNC_ARROW, "shape 1: trailing async arrow");
	ast_arena_destroy(prog.arena);
	pp_shape("export default async function (ns) { return 1 }", JSC_SHAPE_AUTO, &prog);
	TAP_EQ_INT(prog.shape, AST_SHAPE_MODULE_DEFAULT, "shape 2: export default");
	tap_eq_str(result, "var __jsc_default=async function(ns){return 1;};__jsc_default;", "shape 2 output");
	ast_arena_destroy(prog.arena);
	same("export const a = 1; export function run(t) {} export default run; export { a as b }",
	     "const a=1;function run(t){}var __jsc_default=run;__jsc_default;");
	same("export default class K {}", "class K{}K;");
	pp_shape("const r = await tools.x();\nreturn r", JSC_SHAPE_AUTO, &prog);
	TAP_EQ_INT(prog.shape, AST_SHAPE_FUNCTION_BODY, "shape 3: top-level await/return");
	tap_eq_str(result, "(async function(){const r=await tools.x();return r;}());", "shape 3 output");
	ast_arena_destroy(prog.arena);
	same("function inner() { return 1 } inner()", "function inner(){return 1;}inner();");
	pp_shape("\n```typescript\nconst x: number = 1;\nreturn x;\n```\n", JSC_SHAPE_AUTO, &prog);
	TAP_EQ_INT(prog.shape, AST_SHAPE_FUNCTION_BODY, "shape 4: fenced function body");
	tap_eq_str(result, "(async function(){const x=1;return x;}());", "fence stripped");
	TAP_EQ_INT(last_map[0], 3, "line map counts the fence and blank line");
	ast_arena_destroy(prog.arena);
	error("```js\nlet a = ;\n```", "Unexpected token ';'@2:9");
	pp_shape("x = 1", JSC_SHAPE_AUTO, &prog);
	TAP_EQ_INT(prog.shape, AST_SHAPE_SCRIPT, "plain script");
	ast_arena_destroy(prog.arena);
	/* A lone named function is called, as codemode's normalizeCode does
	 * (the single-function-declaration shapes above print its name last). */
	pp_shape("interface A { x: number }\nasync function run(a: A) { return 1 }", JSC_SHAPE_AUTO, &prog);
	TAP_EQ_INT(prog.shape, AST_SHAPE_LONE_FUNCTION, "shape 5: lone named function");
	tap_eq_str(result, "async function run(a){return 1;}run;", "shape 5 output");
	ast_arena_destroy(prog.arena);
	pp_shape("function a() {}\nfunction b() {}", JSC_SHAPE_AUTO, &prog);
	TAP_EQ_INT(prog.shape, AST_SHAPE_SCRIPT, "two function declarations stay a script");
	ast_arena_destroy(prog.arena);
	TAP_EQ_INT(pp_shape("return 1", JSC_SHAPE_SCRIPT, NULL) < 0, 1, "SCRIPT shape rejects top-level return");
	tap_ok(strstr(result, "Illegal return statement@1:1") != NULL, "... with V8's message (%s)", result);
	pp_shape("await x", JSC_SHAPE_SCRIPT, NULL);
	tap_ok(strstr(result, "await is only valid in async functions") != NULL,
	       "SCRIPT shape rejects top-level await");

	/* --- line map --- */
	pp("a();\nb(); c();\n\n\nd({\n  x: 1,\n  y: 2\n});");
	tap_ok(last_map_len == 6 && last_map[0] == 1 && last_map[1] == 2 && last_map[2] == 2 && last_map[3] == 5 &&
	               last_map[4] == 6 && last_map[5] == 7,
	       "generated lines map to source lines (%zu: %d %d %d %d %d %d)", last_map_len, last_map[0], last_map[1],
	       last_map[2], last_map[3], last_map[4], last_map[5]);
	tap_ok(last_cmap[0] == 1 && last_cmap[1] == 1 && last_cmap[2] == 6 && last_cmap[3] == 1,
	       "each statement starts a generated line; the column map names it (%d %d %d %d)", last_cmap[0],
	       last_cmap[1], last_cmap[2], last_cmap[3]);

	/* --- SyntaxErrors (V8 wording, line:column) --- */
	error("f(a, b))", "Unexpected token ')'@1:8");
	error("let x = (1 + 2", "Unexpected end of input@1:15");
	error("x = 'a' 'b'", "Unexpected string@1:9");
	error("a b", "Unexpected identifier 'b'@1:3");
	error("1 = 2", "Invalid left-hand side in assignment@1:1");
	error("a + b = c", "Invalid left-hand side in assignment");
	error("++f()", "Invalid left-hand side expression in prefix operation");
	error("f()++", "Invalid left-hand side expression in postfix operation");
	error("const a;", "Missing initializer in const declaration");
	error("let [a];", "Missing initializer in destructuring declaration");
	error("a ?? b || c", "Unexpected token '||'");
	error("a || b ?? c", "Unexpected token '??'");
	error("a && b ?? c", "Unexpected token '??'");
	error("-a ** 2", "Unary operator used immediately before exponentiation expression");
	error("typeof a ** 2", "Unary operator used immediately before exponentiation expression");
	error("({ a = 1 })", "Invalid shorthand property initializer");
	error("[...a, b] = c", "Rest element must be last element");
	error("(a, ...b, c) => 1", "Rest parameter must be last formal parameter");
	error("function f(...a,) {}", "Rest parameter must be last formal parameter");
	error("break;", "Illegal break statement");
	error("for (;;) { function f() { break } }", "Illegal break statement");
	error("while (1) continue x;", "Undefined label 'x'");
	error("x: x: 1", "Label 'x' has already been declared");
	error("function f() { 'use strict'; with (a) {} }", "Strict mode code may not include a with statement");
	/* --- declaration conflicts (early.c) --- */
	error("let a; let a;", "Identifier 'a' has already been declared@1:12");
	error("{ let a; { var a; } }", "Identifier 'a' has already been declared@1:16");
	error("{ var a; let a; }", "Identifier 'a' has already been declared@1:14");
	error("function g(a) { const a = 1; }", "Identifier 'a' has already been declared");
	error("try {} catch (e) { let e; }", "Identifier 'e' has already been declared");
	error("for (let i;;) var i;", "Identifier 'i' has already been declared");
	error("switch (0) { case 1: let a; default: class a {} }", "Identifier 'a' has already been declared");
	error("{ async function f() {} function f() {} }", "Identifier 'f' has already been declared");
	error("'use strict'; { function f() {} function f() {} }", "Identifier 'f' has already been declared");
	error("function f() {} let f;", "Identifier 'f' has already been declared");
	error("class C { static { var x; let x; } }", "Identifier 'x' has already been declared");
	error("let [a, {b: a}] = c;", "Identifier 'a' has already been declared");
	error("class C { #m() {} #m() {} }", "Identifier '#m' has already been declared@1:19");
	error("class C { static get #m() {} set #m(v) {} }", "Identifier '#m' has already been declared");
	error("({a, a}) => 1", "Duplicate parameter name not allowed in this context");
	error("function f(a, [a]) {}", "Duplicate parameter name not allowed in this context");
	error("'use strict'; function f(a, a) {}", "Duplicate parameter name not allowed in this context");
	pp("function f(a, a) {} class C { get #m() {} set #m(v) {} }");
	tap_ok(result[0] && strncmp(result, "ERR:", 4) != 0,
	       "sloppy duplicate params and private accessor pairs compile: %s", result);
	/* --- single-statement positions --- */
	error("while (0) function f() {}", "Unexpected token 'function'");
	error("if (1) function* g() {}", "Generators can only be declared at the top level or inside a block.");
	error("if (1) async function f() {}",
	      "Async functions can only be declared at the top level or inside a block.");
	error("for (;;) l: function f() {}",
	      "Labelled function declaration not allowed as the body of a control flow structure");
	error("while (0) let [a] = 1;", "Lexical declaration cannot appear in a single-statement context");
	error("async () => { var \\u0061wait; }", "Keyword must not contain escaped characters");
	error("function* g(x = yield) {}", "Yield expression not allowed in formal parameter@1:17");
	error("function f() { '\\1'; 'use strict'; }", "Octal escape sequences are not allowed in strict mode.@1:16");
	error("async function f(x = await 1) {}", "Illegal await-expression in formal parameters of async function");
	error("function* g() { void yi\\u0065ld; }", "Keyword must not contain escaped characters");
	pp("if (1) function f() {} l: function g() {}");
	tap_ok(result[0] && strncmp(result, "ERR:", 4) != 0, "Annex B function statements compile: %s", result);
	pp("var a; var a; function a() {} { function b() {} function b() {} } try {} catch (e) { var e; }");
	tap_ok(result[0] && strncmp(result, "ERR:", 4) != 0, "allowed redeclarations compile: %s", result);
	pp("for (let i;;) { let i; } { let a; } { let a; } function h(a) { var a; }");
	tap_ok(result[0] && strncmp(result, "ERR:", 4) != 0, "shadowing in nested scopes compiles: %s", result);
	error("'use strict'; 010", "Octal literals are not allowed in strict mode.");
	error("'use strict'; delete x", "Delete of an unqualified identifier in strict mode.");
	error("'use strict'; var eval = 1", "Unexpected eval or arguments in strict mode");
	error("'use strict'; var implements", "Unexpected strict mode reserved word");
	error("function f() { await x }", "await is only valid in async functions and the top level bodies of modules");
	error("super()", "'super' keyword unexpected here");
	error("class A { constructor() { super() } }", "'super' keyword unexpected here");
	error("class A { constructor() {} constructor() {} }", "A class may only have one constructor");
	error("class A { get constructor() {} }", "Class constructor may not be a getter");
	error("class A { static prototype() {} }", "Classes may not have a static property named 'prototype'");
	error("throw\nx", "Illegal newline after throw");
	error("try {}", "Missing catch or finally after try");
	error("switch (x) { default: default: }", "More than one default clause in switch statement");
	error("a?.b = 1", "Invalid left-hand side in assignment");
	error("a?.b`t`", "Invalid tagged template on optional chain");
	error("new a?.b()", "Invalid optional chain from new expression");
	error("for (let x = 1 of y) {}", "for-of loop variable declaration may not have an initializer.");
	error("for (let a, b of y) {}", "Invalid left-hand side in for-of loop: Must have a single binding.");
	error("if (a) let x = 1", "Lexical declaration cannot appear in a single-statement context");
	error("x = { get a(b) {} }", "Getter must not have any formal parameters.");
	error("x = { set a() {} }", "Setter must have exactly one formal parameter.");
	error("import fs from 'fs'", "import is not available in the sandbox");
	error("import('x')", "import() is not available in the sandbox");
	error("export * from 'x'", "export * from is not available in the sandbox");
	error("function f() { export default 1 }", "Unexpected token 'export'");
	error("x = `a${b`", "Unterminated template literal");
	error("x = 10n", "BigInt is not supported");
	error("x = /(?<n>a)\\k<m>/", "Invalid named capture referenced");
	error("`\\u{`", "Invalid escape sequence in template literal");
	error("class A { #a; m() { delete this.#a } }", "Private fields can not be deleted");
	error("function f() { class A { x = arguments } }", "'arguments' is not allowed in class field initializer");
	error("let let = 1", "let is disallowed as a lexically bound name");
	error("async function f() { var await; }", "Unexpected reserved word");
	error("function* g() { var yield; }", "Unexpected identifier 'yield'");
	error("({a: 1} = x)", "Invalid destructuring assignment target");
	error("(a) = 1; ((a, b)) => 1", "Invalid destructuring assignment target");
	error("a => {} ()", "Unexpected token '('");
	error("x\n=> 1", "Unexpected token '=>'");

	/* --- bounded nesting: hostile input is a clean SyntaxError --- */
	static char deep[200000];
	size_t k = 0;
	for (int i = 0; i < 50000; i++)
		deep[k++] = '(';
	deep[k++] = '1';
	for (int i = 0; i < 50000; i++)
		deep[k++] = ')';
	deep[k] = '\0';
	error(deep, "nesting too deep");
	k = 0;
	for (int i = 0; i < 20000; i++)
		deep[k++] = '[';
	deep[k] = '\0';
	error(deep, "nesting too deep");
	k = 0;
	for (int i = 0; i < 30000; i++) {
		memcpy(deep + k, "a.", 2);
		k += 2;
	}
	deep[k++] = 'b';
	deep[k] = '\0';
	error(deep, "nesting too deep");
	k = 0;
	for (int i = 0; i < 30000; i++) {
		memcpy(deep + k, "a+", 2);
		k += 2;
	}
	deep[k++] = 'b';
	deep[k] = '\0';
	error(deep, "nesting too deep");
	k = 0;
	memcpy(deep, "x=", 2);
	k = 2;
	for (int i = 0; i < 3000; i++) {
		memcpy(deep + k, "{a:", 3);
		k += 3;
	}
	deep[k] = '\0';
	error(deep, "nesting too deep");

	/* --- jsc_compile: the driver's error and size contract --- */
	struct jsc_output out;
	int rc = jsc_compile("let = ;", 7, &(struct jsc_options){.filename = "main.ts"}, &out);
	tap_ok(rc < 0 && out.error && strncmp(out.error, "SyntaxError", 11) != 0 && strstr(out.error, "(main.ts:1:7)"),
	       "jsc_compile error text: %s", out.error ? out.error : "(null)");
	TAP_EQ_INT(out.error_line, 1, "error_line");
	TAP_EQ_INT(out.error_column, 7, "error_column");
	jsc_output_free(&out);
	char *big = malloc(JSC_MAX_SOURCE + 2);
	memset(big, ' ', JSC_MAX_SOURCE + 1);
	big[JSC_MAX_SOURCE + 1] = '\0';
	rc = jsc_compile(big, JSC_MAX_SOURCE + 1, NULL, &out);
	tap_ok(rc < 0 && out.error && strstr(out.error, "too large"), "source size limit: %s",
	       out.error ? out.error : "(null)");
	jsc_output_free(&out);
	free(big);
	rc = jsc_compile("var a = [1, 2]; a.length", 24, NULL, &out);
	tap_ok(rc == 0 && out.code && strstr(out.code, "var a=[1,2];") && out.line_map_len >= 1 && out.line_map[0] == 1,
	       "jsc_compile ES5 program");
	tap_ok(rc == 0 && out.code && strstr(out.code, "\nfunction __jsc_callees(){return [];}\n"),
	       "an empty callee table is appended");
	jsc_output_free(&out);
	/* The guest's way: the table apart, the program without the global. */
	struct jsc_options apart = {.callees_apart = true};
	rc = jsc_compile("f(1)", 4, &apart, &out);
	tap_ok(rc == 0 && out.code && !strstr(out.code, "__jsc_callees") && out.callees &&
	               strcmp(out.callees, "[[1,1,1,\"\",\"f\"]]") == 0 && out.callees_len == strlen(out.callees),
	       "callees_apart: the table as JSON beside the code");
	jsc_output_free(&out);
	/* The callee table: V8's names for each call site (callees.h). An
	 * optional member call is keyed "call": it runs as f.call(o, ...), so
	 * a non-callable callee reaches messages.js as property 'call'. */
	static const char calls[] = "o.a.f();\ng();\nnew X.Y();\no[k]();\nf(1)[\"q r\"]?.(2);\n`t`.u();";
	rc = jsc_compile(calls, sizeof(calls) - 1, NULL, &out);
	const char *table = out.code ? strstr(out.code, "function __jsc_callees") : NULL;
	int table_ok = rc == 0 && table &&
	               strstr(table, "[[1,5,0,\"f\",\"o.a.f\"],[2,1,1,\"\",\"g\"],[3,1,2,\"\",\"X.Y\"],"
	                             "[4,5,0,\"\",\"o[k]\"],[5,12,0,\"call\",\"f(...).q r\"],[5,1,1,\"\",\"f\"],"
	                             "[6,5,0,\"u\",\"\\\"t\\\".u\"]]");
	tap_ok(table_ok, "callee table entries");
	if (!table_ok && table)
		printf("# %.*s\n", (int)strcspn(table, "\n"), table);
	jsc_output_free(&out);
	return tap_done();
}
