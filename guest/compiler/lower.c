/* lower: the pass driver and the helpers the lower_*.c passes share.
 *
 * Known deviations from node, chosen for speed or simplicity:
 *  - TDZ is checked statically (a use textually before its declaration in
 *    the same function throws); uses from closures that run too early are
 *    not detected.
 *  - Assignment to a const compiles to a throw of node's TypeError at that
 *    point (the assignment is statically known).
 *  - Default parameters of async functions are evaluated inside the
 *    coroutine (errors reject the promise, as the spec says), but
 *    fn.length counts every parameter before the first default/rest as V8
 *    does only when no pattern precedes it.
 *  - Classes (lower_class.c): instance fields are assigned, not defined (a
 *    parent accessor of the same name would run); a derived
 *    constructor's bare `return;` before super() does not throw node's
 *    ReferenceError (`this` before super(), and ending or returning a
 *    value without having called it, do); super() twice is not
 *    detected; a class is callable without `new` on an object that is
 *    already an instance (`C.call(new C())`); private brand checks use the
 *    prototype chain (an object inheriting from an instance passes);
 *    new.target in a constructor entered through super() is the
 *    instance's constructor; class-name bindings of a class evaluated
 *    repeatedly refer to the latest evaluation; `super` in object literal
 *    methods and compound assignment to super properties are
 *    SyntaxErrors.
 *  - Per-iteration let/const (lower_scope.c): the loop body becomes an
 *    arrow called per iteration, so a function declaration inside such a
 *    body is local to the iteration.
 *  - Async generators: `return x` is not awaited; yield* over an async
 *    iterator does not await inner values again (as ES2023).
 *  - Async functions and generators (lower_coroutine.c, rt/fnkind.js) have
 *    the spec's prototypes (%AsyncFunction.prototype%...) and are no
 *    constructors (AST_F_NOCTOR), but the
 *    objects a generator returns share one prototype, not the
 *    generator's own `prototype`; new AsyncFunction(...) and its kin
 *    throw (run-time source is compiled by Duktape, see eval below).
 *  - Parameters (lower_scope.c): a default reading its own or a later
 *    parameter throws (TDZ), but the body's `var`s share the parameters'
 *    scope (a closure in a default sees a body var of the same name).
 *    Generators bind parameters at the call (errors throw there); async
 *    functions reject.
 *  - Destructuring assignment/declaration does not close the iterator when
 *    evaluation is cut short by an exception or a generator return inside
 *    the pattern (only after the pattern completes or its own step throws).
 *  - Function names by position (lower_name.c): anonymous functions get
 *    their name from declarations, assignments, defaults and literal keys,
 *    but functions that stay anonymous have no own `name` property (ES5),
 *    and computed keys name only accessors (rt olit), not plain values.
 *  - eval()/Function() strings are compiled by Duktape (ES5.1): no ES2015+
 *    syntax there, ES5 completion values.
 *  - The top level is parsed as an async function body (top-level await is
 *    a code-mode shape), so `await` is reserved and a top-level `return`
 *    is accepted (it makes the program a function body).
 *  - Iteration of arrays and strings ignores a user-replaced
 *    Array.prototype[Symbol.iterator] / String.prototype[Symbol.iterator]
 *    captured after the prelude.
 */
#include <assert.h>
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "lower.h"

/* Recursion guard for passes, matching the parser's bound with margin. */
#define LOWER_MAX_DEPTH (4 * AST_MAX_DEPTH)
/* V8 quotes at most this much source in "x is not iterable". */
#define LOWER_SRC_TEXT_MAX 80

struct skip_ctx {
	struct ast_node *n;
	ast_child_fn fn;
	void *ctx;
};

static int skip_names(struct ast_node **slot, void *p)
{
	struct skip_ctx *s = p;
	struct ast_node *n = s->n;

	switch (n->kind) {
	case AST_MEMBER:
		if (slot == &n->member.property && !(n->flags & AST_F_COMPUTED))
			return 0;
		break;
	case AST_PROPERTY:
	case AST_METHOD:
	case AST_FIELD:
		if (slot == &n->prop.key && !(n->flags & AST_F_COMPUTED))
			return 0;
		break;
	case AST_LABELED:
		if (slot == &n->labeled.label)
			return 0;
		break;
	case AST_BREAK:
	case AST_CONTINUE: return 0;
	default: break;
	}
	return s->fn(slot, s->ctx);
}

int lower_children(struct ast_node *n, ast_child_fn fn, void *ctx)
{
	struct skip_ctx s = {n, fn, ctx};
	return ast_for_each_child(n, skip_names, &s);
}

static struct ast_list *body_list(struct ast_node *n)
{
	if (n->kind == AST_PROGRAM)
		return &n->program.body;
	if (ast_is_function(n->kind) || n->kind == AST_FUNCTION_DECL) {
		if (n->fn.body && n->fn.body->kind == AST_BLOCK)
			return &n->fn.body->list.items;
	}
	if (n->kind == AST_BLOCK || n->kind == AST_STATIC_BLOCK)
		return &n->list.items;
	return NULL;
}

void lower_fn_enter(struct lower_ctx *c, struct lower_fn *f, struct ast_node *n)
{
	memset(f, 0, sizeof(*f));
	f->up = c->fn;
	f->node = n;
	c->fn = f;
}

void lower_fn_leave(struct lower_ctx *c, struct lower_fn *f)
{
	c->fn = f->up;
	if (!f->decls.len)
		return;
	if (f->node->kind != AST_PROGRAM && f->node->kind != AST_BLOCK && f->node->kind != AST_STATIC_BLOCK)
		lower_block_body(c, f->node);
	struct ast_list *body = body_list(f->node);
	if (!body)
		return;
	struct ast_node *v = ast_new(c->a, AST_VAR_DECL, f->node->pos);
	v->op = AST_VAR_VAR;
	v->flags |= AST_F_SYNTHETIC;
	v->var.decls = f->decls;
	uint32_t i = 0;
	while (i < body->len && body->items[i]->kind == AST_EXPR_STMT && (body->items[i]->flags & AST_F_DIRECTIVE))
		i++;
	ast_list_insert(c->a, body, i, v);
}

const char *lower_tmp(struct lower_ctx *c, struct ast_node *init, struct ast_pos pos)
{
	struct ast_node *id = ast_tmp_name(c->prog, "_t", pos);
	struct ast_node *d = ast_new(c->a, AST_DECLARATOR, pos);
	d->declarator.id = id;
	d->declarator.init = init;
	ast_list_push(c->a, &c->fn->decls, d);
	return id->ident.name.s;
}

struct ast_node *lower_id(struct lower_ctx *c, const char *name, struct ast_pos pos)
{
	struct ast_node *id = ast_ident(c->a, name, pos);
	id->flags |= AST_F_SYNTHETIC;
	return id;
}

const char *const jsc_rt_helpers[] = {
        /* rt/async.js, rt/gen.js */
        "async", "await", "gen", "asyncGen", "yield", "yieldStar", "agYield", "agYieldStar", "isRet",
        /* rt/fnkind.js */
        "fnKind",
        /* rt/class.js */
        "cls", "ext", "sup", "construct", "field", "key", "noNew", "noThis", "priv", "privErr", "privIn", "sget",
        "sset",
        /* rt/iter.js */
        "iter", "asyncIter", "next", "darr", "toArr", "spreadOne", "cat", "rest", "restFrom", "restArgs", "dret",
        /* rt/misc.js */
        "olit", "oproto", "ospread", "orest", "dobj", "tpl", "setName", "tdz", "constErr",
        /* rt/strbuild.js */
        "sbStart", "sbFold", "sbEnd",
        /* runtime/regexp.js: literals (printer.c) */
        "re", NULL};

static bool rt_helper_listed(const char *name)
{
	for (size_t i = 0; jsc_rt_helpers[i]; i++)
		if (!strcmp(jsc_rt_helpers[i], name))
			return true;
	return false;
}

struct ast_node *lower_rt(struct lower_ctx *c, const char *name, struct ast_pos pos)
{
	/* A helper missing from the table would be undefined at run time. */
	assert(rt_helper_listed(name));
	(void)rt_helper_listed;
	return ast_member_name(c->a, lower_id(c, "__cc", pos), name, pos);
}

void lower_block_body(struct lower_ctx *c, struct ast_node *fn)
{
	if (!(fn->flags & AST_F_EXPR_BODY))
		return;
	struct ast_node *ret = ast_unary(c->a, AST_RETURN, AST_OP_NONE, fn->fn.body, fn->fn.body->pos);
	struct ast_node *blk = ast_new(c->a, AST_BLOCK, fn->fn.body->pos);
	ast_list_push(c->a, &blk->list.items, ret);
	fn->fn.body = blk;
	fn->flags &= ~AST_F_EXPR_BODY;
}

bool lower_is_simple(const struct ast_node *e)
{
	switch (e->kind) {
	case AST_IDENT:
	case AST_NUMBER:
	case AST_STRING:
	case AST_NULL:
	case AST_TRUE:
	case AST_FALSE:
	case AST_THIS: return true;
	default: return false;
	}
}

const char *lower_src_text(struct lower_ctx *c, const struct ast_node *n)
{
	const struct ast_program *p = c->prog;
	if (n->flags & AST_F_SYNTHETIC)
		return NULL; /* a compiler temporary: rt describes the value instead */
	if (n->kind == AST_IDENT)
		return n->ident.name.s;
	if (!p->src || n->end <= n->pos.offset || n->end > p->src_len)
		return NULL;
	size_t len = n->end - n->pos.offset;
	if (len > LOWER_SRC_TEXT_MAX)
		return NULL;
	return ast_strndup(c->a, p->src + n->pos.offset, len);
}

int jsc_lower(struct ast_program *prog)
{
	struct lower_ctx c = {.prog = prog, .a = prog->arena};
	int (*const passes[])(struct lower_ctx *) = {
	        lower_pass_name, lower_pass_scope,   lower_pass_class,     lower_pass_arrow,
	        lower_pass_expr, lower_pass_pattern, lower_pass_coroutine, lower_pass_strbuild,
	};
	for (size_t i = 0; i < sizeof(passes) / sizeof(passes[0]); i++) {
		int r = passes[i](&c);
		if (r < 0)
			return r;
		if (prog->error.set)
			return -EINVAL;
	}
	return 0;
}
