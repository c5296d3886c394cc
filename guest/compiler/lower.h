/* lower: rewrites an ES2023 syntax tree (TypeScript already erased) into the
 * ES5.1 subset the printer emits for Duktape, pass by pass, in place.
 * Runs in: guest (compiler), after the seccomp filter. Input: a tree built
 * from untrusted source; output refers to the __cc helpers of rt/NAME.js.
 *
 * Semantics follow node (V8); the deviations are listed in lower.c.
 * await and yield become calls that suspend a Duktape.Thread (rt/async.js,
 * rt/gen.js), so every pass keeps them lexically in their function and
 * never moves user code into a native callback or an accessor
 * (probes.md §1(d)). */
#pragma once

#include "ast.h"

/* Lowers prog->root in place. Returns 0, or -EINVAL with prog->error set
 * (a SyntaxError naming the unsupported construct and its position). Node
 * allocation failures longjmp through prog->arena->fail as ast.h says. */
int jsc_lower(struct ast_program *prog);

/* ---- internal: shared by the lower_*.c passes only ---- */

/* Flag bits the passes hand each other (ast.h leaves bits 24..31 free). */
/* A synthetic arrow made by lower_scope for a per-iteration loop body: it
 * is called in place, so await/yield inside belong to the enclosing
 * function's coroutine (ES-to-ES calls keep yield legal, probes.md §1(d)). */
#define LOWER_F_INLINE (AST_F_PASS0 << 1)
/* VAR_DECL that lower_scope converted from let/const. */
#define LOWER_F_LEXICAL (AST_F_PASS0 << 2)
/* Loop whose let/const bindings a closure captures (lower_scope). */
#define LOWER_F_CAPTURED (AST_F_PASS0 << 3)
/* VAR_DECL heading a for-in/for-of: bound per iteration, no initialiser. */
#define LOWER_F_FORHEAD (AST_F_PASS0 << 4)
/* VAR_DECL that lower_pattern made of a function's parameter list: for a
 * generator it stays in the function itself (errors throw at the call,
 * before the generator object exists), not in the coroutine body. */
#define LOWER_F_PARAMS (AST_F_PASS0 << 5)

/* One function (or the program) being lowered: where temporaries go. */
struct lower_fn {
	struct lower_fn *up;
	struct ast_node *node; /* FUNCTION_*, ARROW (converted) or PROGRAM */
	struct ast_list decls; /* DECLARATORs to emit as one `var` at the top */
	/* arrow pass: names capturing this/arguments/new.target for arrows */
	const char *this_name, *args_name, *nt_name;
};

struct lower_ctx {
	struct ast_program *prog;
	struct ast_arena *a;
	struct lower_fn *fn; /* innermost function scope */
	int depth;           /* recursion guard (the parser bounds trees too) */
};

/* Visits every child slot of n that holds an expression, pattern or
 * statement; skips property names (o.x, {x: 1} keys, method keys) and
 * labels, which are not references. */
int lower_children(struct ast_node *n, ast_child_fn fn, void *ctx);
/* Enters/leaves function scope f for node n; leave inserts the collected
 * `var` declarations at the top of its body (after directives). */
void lower_fn_enter(struct lower_ctx *c, struct lower_fn *f, struct ast_node *n);
void lower_fn_leave(struct lower_ctx *c, struct lower_fn *f);
/* A fresh temporary declared in the innermost function: returns its name;
 * init (may be NULL) becomes its initialiser in that `var`. */
const char *lower_tmp(struct lower_ctx *c, struct ast_node *init, struct ast_pos pos);
struct ast_node *lower_id(struct lower_ctx *c, const char *name, struct ast_pos pos);
/* `__cc.name` helper reference. */
struct ast_node *lower_rt(struct lower_ctx *c, const char *name, struct ast_pos pos);
/* Converts an expression-bodied arrow/function body to a BLOCK. */
void lower_block_body(struct lower_ctx *c, struct ast_node *fn);
/* True if evaluating e twice is unobservable and cheap (identifier,
 * literal, this): no temporary needed. */
bool lower_is_simple(const struct ast_node *e);
/* The source text of n (for V8-style messages), as an arena string,
 * truncated to a sane length. */
const char *lower_src_text(struct lower_ctx *c, const struct ast_node *n);

/* Passes, in the order jsc_lower runs them. Each returns 0 or -EINVAL with
 * prog->error set. */
int lower_pass_name(struct lower_ctx *c);      /* lower_name.c: NamedEvaluation */
int lower_pass_scope(struct lower_ctx *c);     /* lower_scope.c: let/const */
int lower_pass_class(struct lower_ctx *c);     /* lower_class.c */
int lower_pass_arrow(struct lower_ctx *c);     /* lower_arrow.c */
int lower_pass_expr(struct lower_ctx *c);      /* lower_expr.c: ?. ?? ||= templates */
int lower_pass_pattern(struct lower_ctx *c);   /* lower_pattern.c: destructuring, params, spread, for-of */
int lower_pass_coroutine(struct lower_ctx *c); /* lower_coroutine.c: async, generators */
int lower_pass_strbuild(struct lower_ctx *c);  /* lower_strbuild.c: `s += piece` in loops */
