/* lower_class: classes. Not implemented yet: any class is a SyntaxError
 * naming the construct and position, never silently wrong code.
 * Runs in: guest (compiler). Input: tree from untrusted source. */
#include <errno.h>

#include "lower.h"

static int visit(struct ast_node **slot, void *p)
{
	struct lower_ctx *c = p;
	struct ast_node *n = *slot;
	if (n->kind == AST_CLASS_DECL || n->kind == AST_CLASS_EXPR)
		return ast_error(c->prog, n->pos, "class syntax is not supported yet");
	if (++c->depth > 4 * AST_MAX_DEPTH)
		return ast_error(c->prog, n->pos, "nesting too deep");
	int r = lower_children(n, visit, c);
	c->depth--;
	return r;
}

int lower_pass_class(struct lower_ctx *c)
{
	if (!(c->prog->features & AST_FEAT_CLASS))
		return 0;
	int r = lower_children(c->prog->root, visit, c);
	return r < 0 ? r : 0;
}
