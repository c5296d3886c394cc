/* lower_scope: let/const/class bindings become `var`s. Bindings in nested
 * blocks are renamed uniquely (x -> x$N) so a function-scoped var keeps
 * their block semantics; `let x;` gets an explicit `= void 0` so each loop
 * iteration starts fresh. Statically detected errors compile to the throw
 * node would make: TDZ reads (ReferenceError "Cannot access 'x' before
 * initialization") and assignments to a const (TypeError "Assignment to
 * constant variable."). A loop whose let/const bindings a closure
 * captures gets per-iteration bindings the way Babel and TypeScript make
 * them: its body becomes an arrow called once per iteration with the loop
 * variables as parameters (copied back when the body assigns them), and
 * break/continue/return inside travel out as a result code:
 *   for (let i = 0; i < n; i++) { if (f(i)) break; fs.push(() => i); }
 *   =>  for (var i$1 = 0; i$1 < n; i$1++) { var _r = (i$1 => { if (f(i$1)) return 1;
 *           fs.push(() => i$1); })(i$1); if (_r !== void 0) { if (_r === 1) break; } }
 * The arrow is marked LOWER_F_INLINE: await/yield inside stay legal.
 * Runs in: guest (compiler). Input: tree from untrusted source. */
#include <errno.h>
#include <string.h>

#include "lower.h"

struct binding {
	const char *name, *renamed;
	/* TDZ (same function): a read throws before elem_end (the binding's own
	 * pattern element, default included) or inside [init_start, decl_end)
	 * (the declarator's initialiser, which runs before any binding). An
	 * earlier element's binding read by a later default is initialised. */
	uint32_t elem_end, init_start, decl_end;
	bool is_const, lexical;
	struct ast_node *loop; /* innermost loop of the same function, or NULL */
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
	int loop_depth;            /* loops entered in the current function */
	struct ast_node *cur_loop; /* innermost loop in the current function */
	/* labels around the statement being visited, for the loops they name */
	struct label {
		const char *name;
		struct ast_node *target;
	} labels[64];
	int nlabels;
};

static void add(struct st *s, struct frame *f, struct ast_node *id, bool lexical, bool is_const, bool rename,
                uint32_t end, uint32_t init_start, uint32_t init_end)
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
	b->elem_end = end;
	b->init_start = init_start;
	b->decl_end = init_end;
	b->lexical = lexical;
	b->is_const = is_const;
	b->loop = s->cur_loop;
}

/* Names bound by a pattern, left to right. elem_end is the end of the
 * enclosing element with a default (0 at the top); [init_start, init_end)
 * is the declarator's initialiser. end = 0: no TDZ at all. */
static void add_pattern_in(struct st *s, struct frame *f, struct ast_node *p, bool lexical, bool is_const, bool rename,
                           uint32_t elem_end, uint32_t init_start, uint32_t init_end)
{
	switch (p->kind) {
	case AST_IDENT:
		add(s, f, p, lexical, is_const, rename, init_end ? (elem_end > p->end ? elem_end : p->end) : 0,
		    init_start, init_end);
		break;
	case AST_ASSIGN_PATTERN:
		add_pattern_in(s, f, p->binary.left, lexical, is_const, rename, p->end, init_start, init_end);
		break;
	case AST_REST:
		add_pattern_in(s, f, p->unary.arg, lexical, is_const, rename, elem_end, init_start, init_end);
		break;
	case AST_ARRAY_PATTERN:
		for (uint32_t i = 0; i < p->list.items.len; i++)
			if (p->list.items.items[i])
				add_pattern_in(s, f, p->list.items.items[i], lexical, is_const, rename, elem_end,
				               init_start, init_end);
		break;
	case AST_OBJECT_PATTERN:
		for (uint32_t i = 0; i < p->list.items.len; i++) {
			struct ast_node *it = p->list.items.items[i];
			add_pattern_in(s, f, it->kind == AST_PROPERTY ? it->prop.value : it, lexical, is_const, rename,
			               it->kind == AST_PROPERTY ? (elem_end > it->end ? elem_end : it->end) : elem_end,
			               init_start, init_end);
		}
		break;
	default: break;
	}
}

/* A declaration target: `p` or `p = init` (a parameter with a default);
 * end is where the whole declarator ends (0: no TDZ). */
static void add_pattern(struct st *s, struct frame *f, struct ast_node *p, bool lexical, bool is_const, bool rename,
                        uint32_t end)
{
	if (!end) {
		add_pattern_in(s, f, p, lexical, is_const, rename, 0, 0, 0);
		return;
	}
	if (p->kind == AST_ASSIGN_PATTERN && p->binary.left->kind != AST_IDENT) {
		add_pattern_in(s, f, p->binary.left, lexical, is_const, rename, 0, p->binary.left->end, end);
		return;
	}
	add_pattern_in(s, f, p, lexical, is_const, rename, 0, p->end, end);
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
				add_pattern(s, f, d->declarator.id, true, n->op == AST_VAR_CONST, rename,
				            d->end ? d->end : n->end);
			}
		} else if (n->kind == AST_CLASS_DECL && n->cls.id) {
			n->cls.id->aux = (void *)n->cls.id->ident.name.s; /* the class's display name */
			add(s, f, n->cls.id, true, false, rename, n->pos.offset, 0, 0);
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
			add(h->s, h->f, n->fn.id, false, false, false, 0, 0, 0);
		return 0;
	}
	if (n->kind == AST_FUNCTION_EXPR || n->kind == AST_ARROW || n->kind == AST_CLASS_EXPR ||
	    n->kind == AST_CLASS_DECL)
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
	if (b->lexical && b->loop && f->fn_depth < s->fn_depth)
		b->loop->flags |= LOWER_F_CAPTURED;
	if (b->lexical && f->fn_depth == s->fn_depth &&
	    (n->pos.offset < b->elem_end || (n->pos.offset >= b->init_start && n->pos.offset < b->decl_end)) &&
	    !(n->flags & AST_F_SYNTHETIC) && !(n->flags & AST_F_PASS0)) {
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
	case AST_IDENT: p->flags |= AST_F_PASS0; break;
	case AST_ASSIGN_PATTERN: mark_binding(p->binary.left); break;
	case AST_REST: mark_binding(p->unary.arg); break;
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
	default: break;
	}
}

static bool is_const_target(struct st *s, struct ast_node *t)
{
	struct frame *f;
	struct binding *b;
	return t->kind == AST_IDENT && (b = lookup(s, t->ident.name.s, &f)) && b->is_const;
}

/* ---- per-iteration bindings ---- */

/* Result codes of a wrapped loop body: undefined = next iteration
 * (continue), BREAK_CODE = break this loop, an object {v} = return v,
 * JUMP_BASE + k = break/continue to the k-th outer label. */
#define BREAK_CODE 1
#define JUMP_BASE  2
/* Distinct outer-label jumps one loop body can make; more is absurd. */
#define MAX_JUMPS 32

struct jumps {
	struct st *s;
	struct ast_node *loop;
	int nested;            /* loops/switches entered inside the body */
	int nested_loops;      /* of which loops (continue targets) */
	const char *inner[64]; /* labels declared inside the body */
	int ninner;
	struct {
		const char *label;
		bool is_continue;
	} out[MAX_JUMPS];
	int nout;
	bool has_return, has_break;
	const char **vars; /* original `var` names declared in the body */
	uint32_t nvars, capvars;
	int err;
};

static bool own_label(struct jumps *j, const char *name)
{
	for (int i = 0; i < j->s->nlabels; i++)
		if (j->s->labels[i].target == j->loop && !strcmp(j->s->labels[i].name, name))
			return true;
	return false;
}

static struct ast_node *code_return(struct lower_ctx *c, int code, struct ast_pos pos)
{
	return ast_unary(c->a, AST_RETURN, AST_OP_NONE, code ? ast_number(c->a, code, pos) : NULL, pos);
}

static void add_var_name(struct jumps *j, const char *name)
{
	for (uint32_t i = 0; i < j->nvars; i++)
		if (!strcmp(j->vars[i], name))
			return;
	if (j->nvars == j->capvars) {
		uint32_t cap = j->capvars ? j->capvars * 2 : 8;
		const char **nv = ast_alloc(j->s->c->a, cap * sizeof(*nv));
		if (j->nvars)
			memcpy(nv, j->vars, j->nvars * sizeof(*nv));
		j->vars = nv;
		j->capvars = cap;
	}
	j->vars[j->nvars++] = name;
}

static void pattern_names(struct jumps *j, struct ast_node *p)
{
	switch (p->kind) {
	case AST_IDENT: add_var_name(j, p->ident.name.s); break;
	case AST_ASSIGN_PATTERN: pattern_names(j, p->binary.left); break;
	case AST_REST: pattern_names(j, p->unary.arg); break;
	case AST_ARRAY_PATTERN:
	case AST_OBJECT_PATTERN:
		for (uint32_t i = 0; i < p->list.items.len; i++) {
			struct ast_node *it = p->list.items.items[i];
			pattern_names(j, it->kind == AST_PROPERTY ? it->prop.value : it);
		}
		break;
	default: break;
	}
}

/* `var a = 1, {b} = o` inside the wrapped body: the names stay function
 * scoped (declared outside the arrow), the initialisers become assignments. */
static struct ast_node *var_to_expr(struct jumps *j, struct ast_node *v)
{
	struct lower_ctx *c = j->s->c;
	struct ast_node *q = ast_new(c->a, AST_SEQUENCE, v->pos);
	for (uint32_t i = 0; i < v->var.decls.len; i++) {
		struct ast_node *d = v->var.decls.items[i];
		pattern_names(j, d->declarator.id);
		if (d->declarator.init)
			ast_list_push(c->a, &q->list.items,
			              ast_assign(c->a, d->declarator.id, d->declarator.init, d->pos));
	}
	if (!q->list.items.len)
		return NULL;
	if (q->list.items.len == 1)
		return q->list.items.items[0];
	return q;
}

static int rewrite_jumps(struct ast_node **slot, void *p)
{
	struct jumps *j = p;
	struct lower_ctx *c = j->s->c;
	struct ast_node *n = *slot;
	int r;
	switch (n->kind) {
	case AST_FUNCTION_DECL:
	case AST_FUNCTION_EXPR:
	case AST_ARROW:
	case AST_CLASS_DECL:
	case AST_CLASS_EXPR: return 0; /* jumps cannot cross functions; their vars are theirs */
	case AST_RETURN: {
		j->has_return = true;
		struct ast_node *o = ast_new(c->a, AST_OBJECT, n->pos);
		struct ast_node *pr = ast_new(c->a, AST_PROPERTY, n->pos);
		pr->op = AST_PROP_INIT;
		pr->prop.key = ast_ident(c->a, "v", n->pos);
		pr->prop.value = n->unary.arg
		                         ? n->unary.arg
		                         : ast_unary(c->a, AST_UNARY, AST_OP_VOID, ast_number(c->a, 0, n->pos), n->pos);
		ast_list_push(c->a, &o->list.items, pr);
		if (n->unary.arg && (r = lower_children(n, rewrite_jumps, j)))
			return r;
		n->unary.arg = o;
		return 0;
	}
	case AST_BREAK:
	case AST_CONTINUE: {
		bool cont = n->kind == AST_CONTINUE;
		if (!n->jump.label) {
			if (j->nested && (!cont || j->nested_loops))
				return 0;
			if (!cont)
				j->has_break = true;
			*slot = code_return(c, cont ? 0 : BREAK_CODE, n->pos);
			return 0;
		}
		const char *l = n->jump.label->ident.name.s;
		for (int i = 0; i < j->ninner; i++)
			if (!strcmp(j->inner[i], l))
				return 0;
		if (own_label(j, l)) {
			if (!cont)
				j->has_break = true;
			*slot = code_return(c, cont ? 0 : BREAK_CODE, n->pos);
			return 0;
		}
		int k;
		for (k = 0; k < j->nout; k++)
			if (!strcmp(j->out[k].label, l) && j->out[k].is_continue == cont)
				break;
		if (k == j->nout) {
			if (j->nout == MAX_JUMPS)
				return j->err = ast_error(c->prog, n->pos,
				                          "too many labelled jumps out of one loop body");
			j->out[k].label = l;
			j->out[k].is_continue = cont;
			j->nout++;
		}
		*slot = code_return(c, JUMP_BASE + k, n->pos);
		return 0;
	}
	case AST_LABELED: {
		if (j->ninner == 64)
			return j->err = ast_error(c->prog, n->pos, "too many nested labels");
		j->inner[j->ninner++] = n->labeled.label->ident.name.s;
		r = lower_children(n, rewrite_jumps, j);
		j->ninner--;
		return r;
	}
	case AST_FOR:
	case AST_FOR_IN:
	case AST_FOR_OF:
	case AST_WHILE:
	case AST_DO_WHILE:
	case AST_SWITCH: {
		bool loop = n->kind != AST_SWITCH;
		struct ast_node *head = n->kind == AST_FOR                                 ? n->for_.init
		                        : (n->kind == AST_FOR_IN || n->kind == AST_FOR_OF) ? n->for_in.left
		                                                                           : NULL;
		if (head && head->kind == AST_VAR_DECL && !(head->flags & LOWER_F_LEXICAL)) {
			if (n->kind == AST_FOR) {
				n->for_.init = var_to_expr(j, head);
			} else {
				pattern_names(j, head->var.decls.items[0]->declarator.id);
				n->for_in.left = head->var.decls.items[0]->declarator.id;
			}
		}
		j->nested++;
		if (loop)
			j->nested_loops++;
		r = lower_children(n, rewrite_jumps, j);
		j->nested--;
		if (loop)
			j->nested_loops--;
		return r;
	}
	case AST_VAR_DECL:
		if (!(n->flags & LOWER_F_LEXICAL)) {
			if ((r = lower_children(n, rewrite_jumps, j)))
				return r;
			struct ast_node *e = var_to_expr(j, n);
			*slot = e ? ast_expr_stmt(c->a, e) : ast_new(c->a, AST_EMPTY, n->pos);
			return 0;
		}
		return lower_children(n, rewrite_jumps, j);
	default:
		if (!ast_is_statement(n->kind) && n->kind != AST_CASE && n->kind != AST_CATCH &&
		    n->kind != AST_DECLARATOR && n->kind != AST_BLOCK)
			return 0; /* expressions hold no jumps or declarations */
		return lower_children(n, rewrite_jumps, j);
	}
}

struct assigned {
	const char *name;
	bool found;
};

static int find_assign(struct ast_node **slot, void *p)
{
	struct assigned *a = p;
	struct ast_node *n = *slot;
	struct ast_node *t = n->kind == AST_ASSIGN ? n->binary.left : n->kind == AST_UPDATE ? n->unary.arg : NULL;
	if (t && t->kind == AST_IDENT && !strcmp(t->ident.name.s, a->name))
		a->found = true;
	if (a->found)
		return 1;
	return lower_children(n, find_assign, a);
}

static int rename_ident(struct ast_node **slot, void *p)
{
	const char **names = p; /* from, to */
	struct ast_node *n = *slot;
	if (n->kind == AST_IDENT && !strcmp(n->ident.name.s, names[0])) {
		n->ident.name.s = names[1];
		n->ident.name.len = strlen(names[1]);
	}
	return lower_children(n, rename_ident, p);
}

static int per_iteration(struct st *s, struct ast_node *n, struct frame *head)
{
	struct lower_ctx *c = s->c;
	struct ast_pos pos = n->pos;
	struct ast_node **bodyp = n->kind == AST_FOR                                  ? &n->for_.body
	                          : (n->kind == AST_WHILE || n->kind == AST_DO_WHILE) ? &n->loop.body
	                                                                              : &n->for_in.body;
	struct ast_node *body = *bodyp;
	struct jumps j = {.s = s, .loop = n};
	int r = rewrite_jumps(&body, &j);
	if (r || j.err)
		return r ? r : j.err;

	struct ast_node *fn = ast_new(c->a, AST_ARROW, pos);
	fn->flags |= AST_F_SYNTHETIC | LOWER_F_INLINE;
	c->prog->features |= AST_FEAT_ARROW; /* the arrow pass must run even if the source had none */
	struct ast_node *blk = body;
	if (blk->kind != AST_BLOCK) {
		blk = ast_new(c->a, AST_BLOCK, pos);
		ast_list_push(c->a, &blk->list.items, body);
	}
	fn->fn.body = blk;
	struct ast_node *call = ast_call(c->a, fn, pos, 0);
	struct ast_node *fin = NULL;
	for (uint32_t i = 0; i < head->n; i++) {
		const char *outer = head->b[i].renamed, *inner = outer;
		if (n->kind == AST_FOR) {
			/* the body's changes carry into the next iteration */
			struct assigned a = {outer, false};
			lower_children(blk, find_assign, &a);
			if (a.found) {
				inner = ast_sprintf(c->a, "%s$i", outer);
				const char *names[2] = {outer, inner};
				lower_children(blk, rename_ident, (void *)names);
				if (!fin)
					fin = ast_new(c->a, AST_BLOCK, pos);
				ast_list_push(c->a, &fin->list.items,
				              ast_expr_stmt(c->a, ast_assign(c->a, lower_id(c, outer, pos),
				                                             lower_id(c, inner, pos), pos)));
			}
		}
		ast_list_push(c->a, &fn->fn.params, lower_id(c, inner, pos));
		ast_list_push(c->a, &call->call.args, lower_id(c, outer, pos));
	}
	if (fin) {
		struct ast_node *t = ast_new(c->a, AST_TRY, pos);
		t->try_.block = blk;
		t->try_.finalizer = fin;
		struct ast_node *nb = ast_new(c->a, AST_BLOCK, pos);
		ast_list_push(c->a, &nb->list.items, t);
		fn->fn.body = nb;
	}

	struct ast_node *out = ast_new(c->a, AST_BLOCK, pos);
	if (j.nvars) {
		struct ast_node *v = ast_new(c->a, AST_VAR_DECL, pos);
		v->op = AST_VAR_VAR;
		for (uint32_t i = 0; i < j.nvars; i++) {
			struct ast_node *d = ast_new(c->a, AST_DECLARATOR, pos);
			d->declarator.id = lower_id(c, j.vars[i], pos);
			ast_list_push(c->a, &v->var.decls, d);
		}
		ast_list_push(c->a, &out->list.items, v);
	}
	if (!j.has_break && !j.has_return && !j.nout) {
		ast_list_push(c->a, &out->list.items, ast_expr_stmt(c->a, call));
		*bodyp = out;
		return 0;
	}
	struct ast_node *res = ast_tmp_name(c->prog, "_r", pos);
	ast_list_push(c->a, &out->list.items, ast_var1(c->a, AST_VAR_VAR, res, call, pos));
	const char *rn = res->ident.name.s;
	struct ast_node *disp = ast_new(c->a, AST_BLOCK, pos);
	if (j.has_break) {
		struct ast_node *iff = ast_new(c->a, AST_IF, pos);
		iff->cond.test = ast_binary(c->a, AST_BINARY, AST_OP_SEQ, lower_id(c, rn, pos),
		                            ast_number(c->a, BREAK_CODE, pos), pos);
		iff->cond.cons = ast_new(c->a, AST_BREAK, pos);
		ast_list_push(c->a, &disp->list.items, iff);
	}
	for (int k = 0; k < j.nout; k++) {
		struct ast_node *iff = ast_new(c->a, AST_IF, pos);
		iff->cond.test = ast_binary(c->a, AST_BINARY, AST_OP_SEQ, lower_id(c, rn, pos),
		                            ast_number(c->a, JUMP_BASE + k, pos), pos);
		struct ast_node *jmp = ast_new(c->a, j.out[k].is_continue ? AST_CONTINUE : AST_BREAK, pos);
		jmp->jump.label = ast_ident(c->a, j.out[k].label, pos);
		iff->cond.cons = jmp;
		ast_list_push(c->a, &disp->list.items, iff);
	}
	if (j.has_return)
		ast_list_push(c->a, &disp->list.items,
		              ast_unary(c->a, AST_RETURN, AST_OP_NONE,
		                        ast_member_name(c->a, lower_id(c, rn, pos), "v", pos), pos));
	struct ast_node *iff = ast_new(c->a, AST_IF, pos);
	iff->cond.test = ast_binary(c->a, AST_BINARY, AST_OP_SNE, lower_id(c, rn, pos),
	                            ast_unary(c->a, AST_UNARY, AST_OP_VOID, ast_number(c->a, 0, pos), pos), pos);
	iff->cond.cons = disp;
	ast_list_push(c->a, &out->list.items, iff);
	*bodyp = out;
	return 0;
}

static int visit_fn(struct st *s, struct ast_node *n)
{
	struct frame f = {0};
	struct hoist h = {s, &f};
	int r;
	/* Parameters with defaults or patterns are bound left to right: a
	 * default that reads its own or a later parameter throws (TDZ), as
	 * node does. */
	bool simple = true;
	for (uint32_t i = 0; i < n->fn.params.len; i++)
		if (n->fn.params.items[i]->kind != AST_IDENT)
			simple = false;
	struct ast_node *outer_loop = s->cur_loop;
	s->cur_loop = NULL; /* parameters are per call, never per loop iteration */
	for (uint32_t i = 0; i < n->fn.params.len; i++) {
		struct ast_node *pp = n->fn.params.items[i];
		add_pattern(s, &f, pp, !simple, false, false, simple ? 0 : pp->end);
		if (!simple)
			mark_binding(pp);
	}
	s->cur_loop = outer_loop;
	if (n->kind != AST_FUNCTION_DECL && n->fn.id)
		add(s, &f, n->fn.id, false, false, false, 0, 0, 0); /* own name, shadowable */
	if (n->fn.body && n->fn.body->kind == AST_BLOCK) {
		lower_children(n->fn.body, collect_var, &h);
		collect_lexical(s, &f, &n->fn.body->list.items, false);
	}
	int saved_loop = s->loop_depth;
	struct ast_node *saved_cur = s->cur_loop;
	int saved_labels = s->nlabels;
	s->fn_depth++;
	s->loop_depth = 0;
	s->cur_loop = NULL;
	s->nlabels = 0;
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
	s->cur_loop = saved_cur;
	s->nlabels = saved_labels;
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
	case AST_ARROW: r = visit_fn(s, n); break;
	case AST_IDENT: r = resolve(s, slot); break;
	case AST_BLOCK:
	case AST_STATIC_BLOCK:
		if (n->flags & AST_F_PASS0) { /* function body: frame already made */
			n->flags &= ~AST_F_PASS0;
			r = lower_children(n, visit, s);
		} else {
			struct frame f = {0};
			collect_lexical(s, &f, &n->list.items, true);
			r = push_and_walk(s, &f, n);
		}
		break;
	case AST_SWITCH: {
		struct frame f = {0};
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
		struct frame f = {0};
		struct ast_node *head = n->kind == AST_FOR                                ? n->for_.init
		                        : n->kind == AST_WHILE || n->kind == AST_DO_WHILE ? NULL
		                                                                          : n->for_in.left;
		struct ast_node *saved_cur = s->cur_loop;
		s->loop_depth++;
		s->cur_loop = n;
		if (head && head->kind == AST_VAR_DECL && head->op != AST_VAR_VAR) {
			struct ast_list one = {&head, 1, 1};
			collect_lexical(s, &f, &one, true);
			/* for-in/of: the binding is initialised before the body runs */
			if (n->kind != AST_FOR)
				for (uint32_t i = 0; i < f.n; i++)
					f.b[i].elem_end = f.b[i].init_start = f.b[i].decl_end = 0;
		}
		r = push_and_walk(s, &f, n);
		s->loop_depth--;
		s->cur_loop = saved_cur;
		if (!r && (n->flags & LOWER_F_CAPTURED))
			r = per_iteration(s, n, &f);
		break;
	}
	case AST_LABELED: {
		struct ast_node *t = n->labeled.body;
		while (t->kind == AST_LABELED)
			t = t->labeled.body;
		if (s->nlabels == (int)(sizeof(s->labels) / sizeof(s->labels[0]))) {
			r = ast_error(c->prog, n->pos, "too many nested labels");
			break;
		}
		s->labels[s->nlabels].name = n->labeled.label->ident.name.s;
		s->labels[s->nlabels].target = t;
		s->nlabels++;
		r = lower_children(n, visit, s);
		s->nlabels--;
		break;
	}
	case AST_CLASS_EXPR:
		if (n->cls.id) {
			/* the name is bound inside the class only: a renamed var that
			 * lower_class declares in the enclosing function */
			struct frame f = {0};
			n->cls.id->aux = (void *)n->cls.id->ident.name.s;
			add(s, &f, n->cls.id, true, true, true, 0, 0, 0);
			f.b[0].loop = NULL; /* one binding per evaluation is fine */
			r = push_and_walk(s, &f, n);
			break;
		}
		r = lower_children(n, visit, s);
		break;
	case AST_CATCH: {
		struct frame f = {0};
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
				d->declarator.init =
				        ast_unary(c->a, AST_UNARY, AST_OP_VOID, ast_number(c->a, 0, d->pos), d->pos);
		}
		r = lower_children(n, visit, s);
		if (n->op != AST_VAR_VAR)
			n->flags |= LOWER_F_LEXICAL;
		n->op = AST_VAR_VAR;
		break;
	case AST_ASSIGN:
		if (is_const_target(s, n->binary.left)) {
			r = lower_children(n, visit, s);
			struct ast_node *seq = ast_new(c->a, AST_SEQUENCE, n->pos);
			ast_list_push(c->a, &seq->list.items, n->binary.right);
			ast_list_push(c->a, &seq->list.items,
			              ast_call(c->a, lower_rt(c, "constErr", n->pos), n->pos, 0));
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
	default: r = lower_children(n, visit, s); break;
	}
	c->depth--;
	return r;
}

int lower_pass_scope(struct lower_ctx *c)
{
	/* default parameters: their TDZ (visit_fn) */
	if (!(c->prog->features &
	      (AST_FEAT_LET_CONST | AST_FEAT_CLASS | AST_FEAT_DEFAULT_PARAM | AST_FEAT_DESTRUCTURING)))
		return 0;
	struct st s = {.c = c};
	struct frame f = {0};
	struct hoist h = {&s, &f};
	lower_children(c->prog->root, collect_var, &h);
	collect_lexical(&s, &f, &c->prog->root->program.body, false);
	s.top = &f;
	int r = lower_children(c->prog->root, visit, &s);
	return r < 0 ? r : 0;
}
