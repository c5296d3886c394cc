/* lower_coroutine: async functions, generators and async generators become
 * plain functions whose body runs on a Duktape.Thread (rt/async.js,
 * rt/gen.js); await and yield become calls that yield that thread.
 *   async function f(a) { B }  =>  function f(a) { return __cc.async(this, arguments, function () { B' }); }
 * The body stays one lexical function, so every await/yield is reached by
 * ES-to-ES calls only (probes.md §1(d)).
 * Runs in: guest (compiler). Input: tree from untrusted source, after the
 * arrow and pattern passes (no arrows, no parameter patterns left). */
#include <errno.h>
#include <string.h>

#include "lower.h"

struct st {
	struct lower_ctx *c;
	uint32_t kind; /* AST_F_ASYNC / AST_F_GENERATOR bits of the innermost function, 0 at top */
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
	/* An async function is not a constructor and has no prototype; a
	 * generator function keeps its prototype (its objects inherit it). */
	if (fl == AST_F_ASYNC)
		fn->flags |= AST_F_NOCTOR;
	fn->flags &= ~(AST_F_ASYNC | AST_F_GENERATOR);
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
		s->kind = n->flags & (AST_F_ASYNC | AST_F_GENERATOR);
		r = lower_children(n, visit, s);
		s->kind = saved;
		if (!r && (n->flags & (AST_F_ASYNC | AST_F_GENERATOR)))
			wrap(c, n);
		break;
	}
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
	struct st s = {c, 0};
	int r = lower_children(c->prog->root, visit, &s);
	return r < 0 ? r : 0;
}
