/* lower_coroutine: async functions, generators and async generators become
 * plain functions whose body runs on a Duktape.Thread (rt/async.js,
 * rt/gen.js); await and yield become calls that yield that thread.
 *   async function f(a) { B }  =>  function f(a) { return __cc.async(this, arguments, function () { B' }); }
 * The body stays one lexical function, so every await/yield is reached by
 * ES-to-ES calls only (probes.md §1(d)).
 * Runs in: guest (compiler). Input: tree from untrusted source, after the
 * arrow and pattern passes (no arrows, no parameter patterns left). */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "lower.h"

struct st {
	struct lower_ctx *c;
	uint32_t kind; /* AST_F_ASYNC / AST_F_GENERATOR bits of the innermost function, 0 at top */
	/* The coroutine declarations of the innermost statement list (their
	 * aux holds the kind bits), marked at its top once it is lowered; NULL
	 * outside a list (no declaration can sit there) */
	struct ast_list *marks;
};

/* Does B read this or arguments outside nested functions? */
struct uses {
	bool this_, args;
};

static int scan_uses(struct ast_node **slot, void *p)
{
	struct uses *u = p;
	struct ast_node *n = *slot;
	if (n->kind == AST_FUNCTION_DECL || n->kind == AST_FUNCTION_EXPR)
		return 0;
	if (n->kind == AST_THIS)
		u->this_ = true;
	else if (n->kind == AST_IDENT && !strcmp(n->ident.name.s, "arguments"))
		u->args = true;
	else if (n->kind == AST_META_PROPERTY)
		u->this_ = true; /* conservative */
	return lower_children(n, scan_uses, u);
}

/* In a generator, gen.return() unwinds the body by throwing rt's private
 * token from the suspended yield; user catch clauses must let it pass so
 * that only finally blocks run, as in the spec. */
static void guard_catch(struct lower_ctx *c, struct ast_node *h)
{
	if (!h->catch_.param)
		h->catch_.param = lower_id(c, ast_tmp_name(c->prog, "_e", h->pos)->ident.name.s, h->pos);
	if (h->catch_.param->kind != AST_IDENT)
		return; /* the pattern pass leaves only identifiers */
	struct ast_node *test = ast_call(c->a, lower_rt(c, "isRet", h->pos), h->pos, 1,
	                                 lower_id(c, h->catch_.param->ident.name.s, h->pos));
	struct ast_node *thr =
	        ast_unary(c->a, AST_THROW, AST_OP_NONE, lower_id(c, h->catch_.param->ident.name.s, h->pos), h->pos);
	struct ast_node *iff = ast_new(c->a, AST_IF, h->pos);
	iff->cond.test = test;
	iff->cond.cons = thr;
	ast_list_insert(c->a, &h->catch_.body->list.items, 0, iff);
}

static void wrap(struct lower_ctx *c, struct ast_node *fn)
{
	uint32_t fl = fn->flags & (AST_F_ASYNC | AST_F_GENERATOR);
	const char *helper = fl == (AST_F_ASYNC | AST_F_GENERATOR) ? "asyncGen" : fl == AST_F_ASYNC ? "async" : "gen";
	struct ast_pos pos = fn->pos;
	struct uses u = {false, false};

	lower_block_body(c, fn);
	lower_children(fn->fn.body, scan_uses, &u);

	struct ast_node *inner = ast_new(c->a, AST_FUNCTION_EXPR, pos);
	/* The body rt/async.js or rt/gen.js runs is never constructed. */
	inner->flags = AST_F_SYNTHETIC | AST_F_NOCTOR | (fn->flags & AST_F_STRICT);
	inner->fn.body = fn->fn.body;
	struct ast_node *self = u.this_ ? ast_new(c->a, AST_THIS, pos)
	                                : ast_unary(c->a, AST_UNARY, AST_OP_VOID, ast_number(c->a, 0, pos), pos);
	struct ast_node *args = u.args ? lower_id(c, "arguments", pos) : ast_new(c->a, AST_NULL, pos);
	struct ast_node *call = ast_call(c->a, lower_rt(c, helper, pos), pos, 3, self, args, inner);
	struct ast_node *blk = ast_new(c->a, AST_BLOCK, pos);
	if (fl & AST_F_GENERATOR) {
		/* Generators bind their parameters at the call (errors throw there,
		 * before the first next()); async functions reject instead. Move
		 * the parameter declarations, with the hoisted temporaries they may
		 * use, out of the coroutine body. */
		struct ast_list *b = &inner->fn.body->list.items;
		uint32_t i = 0;
		while (i < b->len) {
			struct ast_node *st = b->items[i];
			if (st->kind == AST_EXPR_STMT && (st->flags & AST_F_DIRECTIVE)) {
				i++;
				continue;
			}
			if (st->kind != AST_VAR_DECL || !(st->flags & (AST_F_SYNTHETIC | LOWER_F_PARAMS)))
				break;
			ast_list_push(c->a, &blk->list.items, st);
			ast_list_remove(b, i);
		}
	}
	ast_list_push(c->a, &blk->list.items, ast_unary(c->a, AST_RETURN, AST_OP_NONE, call, pos));
	fn->fn.body = blk;
	/* No async function or generator is a constructor. A generator's own
	 * `prototype` (which a constructor would have had from Duktape) is
	 * made by rt/fnkind.js, the spec's: no `constructor` on it. */
	fn->flags |= AST_F_NOCTOR;
	fn->flags &= ~(AST_F_ASYNC | AST_F_GENERATOR);
}

/* rt/fnkind.js's kind numbers: 1 async, 2 generator, 3 both. */
static double kind_number(uint32_t fl)
{
	return (fl & AST_F_ASYNC ? 1 : 0) + (fl & AST_F_GENERATOR ? 2 : 0);
}

/* `__cc.fnKind(fn, K)`: a lowered coroutine is a plain function, so it
 * carries its kind for console.log and gets its spec prototype
 * (rt/fnkind.js) as it is created. */
static struct ast_node *mark_call(struct lower_ctx *c, struct ast_node *fn, uint32_t fl, struct ast_pos pos)
{
	return ast_call(c->a, lower_rt(c, "fnKind", pos), pos, 2, fn, ast_number(c->a, kind_number(fl), pos));
}

/* A method `async m() {}` becomes `m: __cc.fnKind(function () {...}, 1,
 * "m")`: the call takes the name the shorthand gave (a computed key keeps
 * what the plain property gave before). */
static void mark_method(struct lower_ctx *c, struct ast_node *prop)
{
	struct ast_node *call = prop->prop.value, *k = prop->prop.key;
	prop->flags &= ~AST_F_METHOD;
	if (prop->flags & AST_F_COMPUTED)
		return;
	struct ast_node *name = NULL;
	if (k->kind == AST_IDENT)
		name = ast_string(c->a, k->ident.name.s, k->ident.name.len, k->pos);
	else if (k->kind == AST_STRING || k->kind == AST_NUMBER)
		name = k;
	if (name)
		ast_list_push(c->a, &call->call.args, name);
}

/* Marks the declarations decls of a lowered statement list at its top:
 * after the directives and the leading `var`s the passes made (a
 * generator's parameter `var`s, which wrap() moves out of the coroutine
 * body, must stay first), before any statement of the program's.
 * Declarations are hoisted, so each is marked before code in its scope can
 * reach it. The marks take the list's position, so the printer keeps the
 * program's lines where they were. */
static void put_marks(struct lower_ctx *c, struct ast_list *list, struct ast_list *decls, struct ast_pos pos)
{
	uint32_t i = 0;
	while (i < list->len) {
		struct ast_node *st = list->items[i];
		if (!(st->kind == AST_EXPR_STMT && (st->flags & AST_F_DIRECTIVE)) &&
		    !(st->kind == AST_VAR_DECL && (st->flags & (AST_F_SYNTHETIC | LOWER_F_PARAMS))))
			break;
		i++;
	}
	for (uint32_t j = 0; j < decls->len; j++) {
		struct ast_node *fn = decls->items[j];
		struct ast_node *st = ast_new(c->a, AST_EXPR_STMT, pos);
		st->flags |= AST_F_SYNTHETIC;
		st->unary.arg =
		        mark_call(c, lower_id(c, fn->fn.id->ident.name.s, pos), (uint32_t)(uintptr_t)fn->aux, pos);
		ast_list_insert(c->a, list, i + j, st);
	}
}

static int visit(struct ast_node **slot, void *p);

/* Lowers the statements of list (the children of n) with a fresh mark list. */
static int visit_list(struct st *s, struct ast_node *n, struct ast_list *list)
{
	struct ast_list marks = {0}, *saved = s->marks;
	s->marks = &marks;
	int r = lower_children(n, visit, s);
	s->marks = saved;
	if (!r && marks.len)
		put_marks(s->c, list, &marks, n->pos);
	return r;
}

static int visit(struct ast_node **slot, void *p)
{
	struct st *s = p;
	struct lower_ctx *c = s->c;
	struct ast_node *n = *slot;
	int r;

	if (++c->depth > 4 * AST_MAX_DEPTH)
		return ast_error(c->prog, n->pos, "nesting too deep");

	switch (n->kind) {
	case AST_FUNCTION_DECL:
	case AST_FUNCTION_EXPR:
	case AST_ARROW: {
		uint32_t saved = s->kind;
		if (n->flags & LOWER_F_INLINE) {
			/* a per-iteration loop body: part of the enclosing coroutine */
			r = lower_children(n, visit, s);
			break;
		}
		uint32_t fl = n->flags & (AST_F_ASYNC | AST_F_GENERATOR);
		s->kind = fl;
		r = lower_children(n, visit, s);
		s->kind = saved;
		if (r || !fl)
			break;
		wrap(c, n);
		if (n->kind != AST_FUNCTION_DECL) {
			*slot = mark_call(c, n, fl, n->pos);
		} else if (s->marks && n->fn.id) {
			n->aux = (void *)(uintptr_t)fl;
			ast_list_push(c->a, s->marks, n);
		} else {
			r = ast_error(c->prog, n->pos, "an async or generator function declaration outside a block");
		}
		break;
	}
	case AST_PROPERTY:
		r = lower_children(n, visit, s);
		if (!r && (n->flags & AST_F_METHOD) && n->prop.value->kind == AST_CALL)
			mark_method(c, n);
		break;
	case AST_BLOCK: r = visit_list(s, n, &n->list.items); break;
	case AST_CASE: r = visit_list(s, n, &n->case_.body); break;
	case AST_AWAIT:
		r = lower_children(n, visit, s);
		if (!(s->kind & AST_F_ASYNC)) {
			/* top-level await: the driver wraps such programs in an async function */
			r = ast_error(c->prog, n->pos,
			              "await is only valid in async functions and the top level bodies of modules");
			break;
		}
		*slot = ast_call(c->a, lower_rt(c, "await", n->pos), n->pos, 1, n->unary.arg);
		break;
	case AST_YIELD: {
		r = lower_children(n, visit, s);
		if (r)
			break;
		struct ast_node *arg =
		        n->unary.arg ? n->unary.arg
		                     : ast_unary(c->a, AST_UNARY, AST_OP_VOID, ast_number(c->a, 0, n->pos), n->pos);
		const char *h;
		if (s->kind & AST_F_ASYNC)
			h = (n->flags & AST_F_DELEGATE) ? "agYieldStar" : "agYield";
		else
			h = (n->flags & AST_F_DELEGATE) ? "yieldStar" : "yield";
		*slot = ast_call(c->a, lower_rt(c, h, n->pos), n->pos, 1, arg);
		break;
	}
	case AST_CATCH:
		r = lower_children(n, visit, s);
		if (!r && (s->kind & AST_F_GENERATOR))
			guard_catch(c, n);
		break;
	default: r = lower_children(n, visit, s); break;
	}
	c->depth--;
	return r;
}

int lower_pass_coroutine(struct lower_ctx *c)
{
	if (!(c->prog->features & (AST_FEAT_ASYNC | AST_FEAT_GENERATOR)))
		return 0;
	struct st s = {c, 0, NULL};
	int r = visit_list(&s, c->prog->root, &c->prog->root->program.body);
	return r < 0 ? r : 0;
}
