/* lower_arrow: arrow functions become function expressions; the `this`,
 * `arguments` and `new.target` they see lexically are captured once in
 * temporaries of the nearest enclosing non-arrow function (or program).
 * Runs in: guest (compiler). Input: tree from untrusted source. */
#include <errno.h>
#include <string.h>

#include "lower.h"

struct st {
	struct lower_ctx *c;
	int in_arrow;
};

static const char *capture(struct lower_ctx *c, const char **slot, enum ast_kind kind, struct ast_pos pos)
{
	if (!*slot) {
		struct ast_node *init;
		if (kind == AST_THIS)
			init = ast_new(c->a, AST_THIS, pos);
		else if (kind == AST_META_PROPERTY) {
			init = ast_new(c->a, AST_META_PROPERTY, pos);
			init->op = AST_META_NEW_TARGET;
		} else
			init = lower_id(c, "arguments", pos);
		*slot = lower_tmp(c, init, pos);
	}
	return *slot;
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
	case AST_FUNCTION_EXPR: {
		struct lower_fn f;
		int saved = s->in_arrow;
		lower_fn_enter(c, &f, n);
		s->in_arrow = 0;
		r = lower_children(n, visit, s);
		s->in_arrow = saved;
		lower_fn_leave(c, &f);
		break;
	}
	case AST_ARROW: {
		int saved = s->in_arrow;
		s->in_arrow = 1;
		r = lower_children(n, visit, s);
		s->in_arrow = saved;
		n->kind = AST_FUNCTION_EXPR;
		n->flags |= AST_F_PASS0;  /* was an arrow: no own this */
		n->flags |= AST_F_NOCTOR; /* and not a constructor, with no prototype */
		lower_block_body(c, n);
		break;
	}
	case AST_THIS:
		r = 0;
		if (s->in_arrow)
			*slot = lower_id(c, capture(c, &c->fn->this_name, AST_THIS, n->pos), n->pos);
		break;
	case AST_META_PROPERTY:
		r = 0;
		if (s->in_arrow && n->op == AST_META_NEW_TARGET)
			*slot = lower_id(c, capture(c, &c->fn->nt_name, AST_META_PROPERTY, n->pos), n->pos);
		break;
	case AST_IDENT:
		r = 0;
		if (s->in_arrow && n->ident.name.len == 9 && !strcmp(n->ident.name.s, "arguments")) {
			if (c->fn->node->kind == AST_PROGRAM)
				break; /* top-level `arguments` is a global lookup either way */
			*slot = lower_id(c, capture(c, &c->fn->args_name, AST_IDENT, n->pos), n->pos);
		}
		break;
	case AST_PROPERTY:
		r = lower_children(n, visit, s);
		/* {arguments} in an arrow now reads a temporary: no longer shorthand */
		if ((n->flags & AST_F_SHORTHAND) && n->prop.value && n->prop.value->kind == AST_IDENT &&
		    n->prop.key->kind == AST_IDENT && strcmp(n->prop.key->ident.name.s, n->prop.value->ident.name.s))
			n->flags &= ~AST_F_SHORTHAND;
		break;
	default: r = lower_children(n, visit, s); break;
	}
	c->depth--;
	return r;
}

int lower_pass_arrow(struct lower_ctx *c)
{
	if (!(c->prog->features & AST_FEAT_ARROW))
		return 0;
	struct st s = {c, 0};
	struct lower_fn f;
	lower_fn_enter(c, &f, c->prog->root);
	int r = lower_children(c->prog->root, visit, &s);
	lower_fn_leave(c, &f);
	return r < 0 ? r : 0;
}
