/* lower_scope: let/const/class bindings become `var`s. Bindings in nested
 * blocks are renamed uniquely (x -> x$N) so a function-scoped var keeps
 * their block semantics; `let x;` gets an explicit `= void 0` so each loop
 * iteration starts fresh. Statically detected errors compile to the throw
 * node would make: TDZ reads (ReferenceError "Cannot access 'x' before
 * initialization") and assignments to a const (TypeError "Assignment to
 * constant variable."). A closure capturing a block binding declared
 * inside a loop needs per-iteration copies, which are not implemented:
 * that is a SyntaxError, never silently shared state.
 * Runs in: guest (compiler). Input: tree from untrusted source. */
#include <errno.h>
#include <string.h>

#include "lower.h"

struct binding {
	const char *name, *renamed;
	uint32_t decl_end; /* TDZ: reads before this offset (same function) throw */
	bool is_const, lexical, in_loop;
};

struct frame {
	struct frame *up;
	struct binding *b;
	uint32_t n, cap;
	int fn_depth;
};

struct st {
	struct lower_ctx *c;
	struct frame *top;
	int fn_depth;
	int loop_depth; /* loops entered in the current function */
};

static void add(struct st *s, struct frame *f, struct ast_node *id, bool lexical, bool is_const, bool rename, uint32_t end)
{
	struct lower_ctx *c = s->c;
	const char *name = id->ident.name.s;
	for (uint32_t i = 0; i < f->n; i++)
		if (!strcmp(f->b[i].name, name))
			return; /* var redeclaration; let/let is a parse error */
	if (f->n == f->cap) {
		uint32_t cap = f->cap ? f->cap * 2 : 8;
		struct binding *nb = ast_alloc(c->a, cap * sizeof(*nb));
		if (f->n)
			memcpy(nb, f->b, f->n * sizeof(*nb));
		f->b = nb;
		f->cap = cap;
	}
	struct binding *b = &f->b[f->n++];
	b->name = name;
	b->renamed = rename ? ast_sprintf(c->a, "%s$%u", name, ++c->prog->tmp_counter) : name;
	b->decl_end = end;
	b->lexical = lexical;
	b->is_const = is_const;
	b->in_loop = s->loop_depth > 0;
}

/* Names bound by a pattern. */
static void add_pattern(struct st *s, struct frame *f, struct ast_node *p, bool lexical, bool is_const, bool rename, uint32_t end)
{
	switch (p->kind) {
	case AST_IDENT:
		add(s, f, p, lexical, is_const, rename, end);
		break;
	case AST_ASSIGN_PATTERN:
		add_pattern(s, f, p->binary.left, lexical, is_const, rename, end);
		break;
	case AST_REST:
		add_pattern(s, f, p->unary.arg, lexical, is_const, rename, end);
		break;
	case AST_ARRAY_PATTERN:
		for (uint32_t i = 0; i < p->list.items.len; i++)
			add_pattern(s, f, p->list.items.items[i], lexical, is_const, rename, end);
		break;
	case AST_OBJECT_PATTERN:
		for (uint32_t i = 0; i < p->list.items.len; i++) {
			struct ast_node *it = p->list.items.items[i];
			add_pattern(s, f, it->kind == AST_PROPERTY ? it->prop.value : it, lexical, is_const, rename, end);
		}
		break;
	default:
		break;
	}
}

/* Lexical declarations directly in a statement list. */
static void collect_lexical(struct st *s, struct frame *f, struct ast_list *l, bool rename)
{
	for (uint32_t i = 0; i < l->len; i++) {
		struct ast_node *n = l->items[i];
		if (n->kind == AST_EXPORT_NAMED && n->export_.decl)
			n = n->export_.decl;
		if (n->kind == AST_VAR_DECL && n->op != AST_VAR_VAR) {
			for (uint32_t j = 0; j < n->var.decls.len; j++) {
				struct ast_node *d = n->var.decls.items[j];
				add_pattern(s, f, d->declarator.id, true, n->op == AST_VAR_CONST, rename, d->end ? d->end : n->end);
			}
		} else if (n->kind == AST_CLASS_DECL && n->cls.id) {
			add(s, f, n->cls.id, true, false, rename, n->pos.offset);
		}
	}
}

/* var and function declarations of a function body (not nested functions). */
struct hoist {
	struct st *s;
	struct frame *f;
};

static int collect_var(struct ast_node **slot, void *p)
{
	struct hoist *h = p;
	struct ast_node *n = *slot;
	if (n->kind == AST_FUNCTION_DECL) {
		if (n->fn.id)
			add(h->s, h->f, n->fn.id, false, false, false, 0);
		return 0;
	}
	if (n->kind == AST_FUNCTION_EXPR || n->kind == AST_ARROW || n->kind == AST_CLASS_EXPR || n->kind == AST_CLASS_DECL)
		return 0;
	if (n->kind == AST_VAR_DECL && n->op == AST_VAR_VAR)
		for (uint32_t j = 0; j < n->var.decls.len; j++)
			add_pattern(h->s, h->f, n->var.decls.items[j]->declarator.id, false, false, false, 0);
	if (!ast_is_statement(n->kind) && n->kind != AST_CASE && n->kind != AST_CATCH && n->kind != AST_DECLARATOR &&
	    n->kind != AST_VAR_DECL)
		return 0; /* expressions hold no var declarations */
	return lower_children(n, collect_var, h);
}

static struct binding *lookup(struct st *s, const char *name, struct frame **where)
{
	for (struct frame *f = s->top; f; f = f->up)
		for (uint32_t i = 0; i < f->n; i++)
			if (!strcmp(f->b[i].name, name)) {
				*where = f;
				return &f->b[i];
			}
	return NULL;
}

static struct ast_node *rt_throw(struct lower_ctx *c, const char *fn, const char *name, struct ast_pos pos)
{
	return ast_call(c->a, lower_rt(c, fn, pos), pos, 1, ast_string(c->a, name, strlen(name), pos));
}

static int visit(struct ast_node **slot, void *p);

static int push_and_walk(struct st *s, struct frame *f, struct ast_node *n)
{
	f->up = s->top;
	f->fn_depth = s->fn_depth;
	s->top = f;
	int r = lower_children(n, visit, s);
	s->top = f->up;
	return r;
}

static int resolve(struct st *s, struct ast_node **slot)
{
	struct lower_ctx *c = s->c;
	struct ast_node *n = *slot;
	struct frame *f;
	struct binding *b = lookup(s, n->ident.name.s, &f);
	if (!b)
		return 0;
	if (b->lexical && b->in_loop && f->fn_depth < s->fn_depth)
		return ast_error(c->prog, n->pos,
				 "a closure capturing '%s', a let/const declared in a loop, is not supported (per-iteration bindings)",
				 b->name);
	if (b->lexical && f->fn_depth == s->fn_depth && n->pos.offset < b->decl_end && !(n->flags & AST_F_SYNTHETIC) &&
	    !(n->flags & AST_F_PASS0)) {
		*slot = rt_throw(c, "tdz", b->name, n->pos);
		return 0;
	}
	if (b->renamed != b->name) {
		n->ident.name.s = b->renamed;
		n->ident.name.len = strlen(b->renamed);
	}
	return 0;
}

/* Marks binding identifiers of a declaration so resolve() does not treat
 * them as TDZ reads. */
static void mark_binding(struct ast_node *p)
{
	switch (p->kind) {
	case AST_IDENT:
		p->flags |= AST_F_PASS0;
		break;
	case AST_ASSIGN_PATTERN:
		mark_binding(p->binary.left);
		break;
	case AST_REST:
		mark_binding(p->unary.arg);
		break;
	case AST_ARRAY_PATTERN:
		for (uint32_t i = 0; i < p->list.items.len; i++)
			mark_binding(p->list.items.items[i]);
		break;
	case AST_OBJECT_PATTERN:
		for (uint32_t i = 0; i < p->list.items.len; i++) {
			struct ast_node *it = p->list.items.items[i];
			mark_binding(it->kind == AST_PROPERTY ? it->prop.value : it);
		}
		break;
	default:
		break;
	}
}

static bool is_const_target(struct st *s, struct ast_node *t)
{
	struct frame *f;
	struct binding *b;
	return t->kind == AST_IDENT && (b = lookup(s, t->ident.name.s, &f)) && b->is_const;
}

static int visit_fn(struct st *s, struct ast_node *n)
{
	struct frame f = { 0 };
	struct hoist h = { s, &f };
	int r;
	for (uint32_t i = 0; i < n->fn.params.len; i++)
		add_pattern(s, &f, n->fn.params.items[i], false, false, false, 0);
	if (n->kind != AST_FUNCTION_DECL && n->fn.id)
		add(s, &f, n->fn.id, false, false, false, 0); /* own name, shadowable */
	if (n->fn.body && n->fn.body->kind == AST_BLOCK) {
		lower_children(n->fn.body, collect_var, &h);
		collect_lexical(s, &f, &n->fn.body->list.items, false);
	}
	int saved_loop = s->loop_depth;
	s->fn_depth++;
	s->loop_depth = 0;
	f.up = s->top;
	f.fn_depth = s->fn_depth;
	s->top = &f;
	/* the body block shares the function frame (no renaming there) */
	if (n->fn.body->kind == AST_BLOCK)
		n->fn.body->flags |= AST_F_PASS0;
	r = lower_children(n, visit, s);
	s->top = f.up;
	s->fn_depth--;
	s->loop_depth = saved_loop;
	return r;
}

static int visit(struct ast_node **slot, void *p)
{
	struct st *s = p;
	struct lower_ctx *c = s->c;
	struct ast_node *n = *slot;
	int r = 0;

	if (++c->depth > 4 * AST_MAX_DEPTH)
		return ast_error(c->prog, n->pos, "nesting too deep");

	switch (n->kind) {
	case AST_FUNCTION_DECL:
	case AST_FUNCTION_EXPR:
	case AST_ARROW:
		r = visit_fn(s, n);
		break;
	case AST_IDENT:
		r = resolve(s, slot);
		break;
	case AST_BLOCK:
	case AST_STATIC_BLOCK:
		if (n->flags & AST_F_PASS0) { /* function body: frame already made */
			n->flags &= ~AST_F_PASS0;
			r = lower_children(n, visit, s);
		} else {
			struct frame f = { 0 };
			collect_lexical(s, &f, &n->list.items, true);
			r = push_and_walk(s, &f, n);
		}
		break;
	case AST_SWITCH: {
		struct frame f = { 0 };
		for (uint32_t i = 0; i < n->switch_.cases.len; i++)
			collect_lexical(s, &f, &n->switch_.cases.items[i]->case_.body, true);
		r = push_and_walk(s, &f, n);
		break;
	}
	case AST_FOR:
	case AST_FOR_IN:
	case AST_FOR_OF:
	case AST_WHILE:
	case AST_DO_WHILE: {
		struct frame f = { 0 };
		struct ast_node *head = n->kind == AST_FOR ? n->for_.init : n->kind == AST_WHILE || n->kind == AST_DO_WHILE ? NULL : n->for_in.left;
		s->loop_depth++;
		if (head && head->kind == AST_VAR_DECL && head->op != AST_VAR_VAR) {
			struct ast_list one = { &head, 1, 1 };
			collect_lexical(s, &f, &one, true);
			/* for-in/of: the binding is initialised before the body runs */
			if (n->kind != AST_FOR)
				for (uint32_t i = 0; i < f.n; i++)
					f.b[i].decl_end = 0;
		}
		r = push_and_walk(s, &f, n);
		s->loop_depth--;
		break;
	}
	case AST_CATCH: {
		struct frame f = { 0 };
		if (n->catch_.param)
			add_pattern(s, &f, n->catch_.param, false, false, false, 0);
		r = push_and_walk(s, &f, n);
		break;
	}
	case AST_VAR_DECL:
		for (uint32_t i = 0; i < n->var.decls.len; i++) {
			struct ast_node *d = n->var.decls.items[i];
			mark_binding(d->declarator.id);
			if (n->op == AST_VAR_LET && !d->declarator.init && d->declarator.id->kind == AST_IDENT)
				d->declarator.init = ast_unary(c->a, AST_UNARY, AST_OP_VOID, ast_number(c->a, 0, d->pos), d->pos);
		}
		r = lower_children(n, visit, s);
		n->op = AST_VAR_VAR;
		break;
	case AST_ASSIGN:
		if (is_const_target(s, n->binary.left)) {
			r = lower_children(n, visit, s);
			struct ast_node *seq = ast_new(c->a, AST_SEQUENCE, n->pos);
			ast_list_push(c->a, &seq->list.items, n->binary.right);
			ast_list_push(c->a, &seq->list.items, ast_call(c->a, lower_rt(c, "constErr", n->pos), n->pos, 0));
			seq->flags |= AST_F_PARENS;
			*slot = seq;
			break;
		}
		r = lower_children(n, visit, s);
		break;
	case AST_UPDATE:
		if (is_const_target(s, n->unary.arg)) {
			*slot = ast_call(c->a, lower_rt(c, "constErr", n->pos), n->pos, 0);
			break;
		}
		r = lower_children(n, visit, s);
		break;
	case AST_PROPERTY: {
		r = lower_children(n, visit, s);
		struct ast_node *v = n->prop.value;
		if ((n->flags & AST_F_SHORTHAND) && v && n->prop.key->kind == AST_IDENT) {
			struct ast_node *id = v->kind == AST_ASSIGN_PATTERN ? v->binary.left : v;
			if (id->kind != AST_IDENT || strcmp(id->ident.name.s, n->prop.key->ident.name.s))
				n->flags &= ~AST_F_SHORTHAND;
		}
		break;
	}
	default:
		r = lower_children(n, visit, s);
		break;
	}
	c->depth--;
	return r;
}

int lower_pass_scope(struct lower_ctx *c)
{
	if (!(c->prog->features & (AST_FEAT_LET_CONST | AST_FEAT_CLASS)))
		return 0;
	struct st s = { .c = c };
	struct frame f = { 0 };
	struct hoist h = { &s, &f };
	lower_children(c->prog->root, collect_var, &h);
	collect_lexical(&s, &f, &c->prog->root->program.body, false);
	s.top = &f;
	int r = lower_children(c->prog->root, visit, &s);
	return r < 0 ? r : 0;
}
