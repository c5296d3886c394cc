/* lower_strbuild: a string built by `s += piece` in a loop is collected in a
 * piece list once it is long, and joined once, instead of being copied at
 * every append. Duktape has no rope strings: each `s + piece` copies s, so
 * building a 500 KB report from 20,000 rows copied ~5 GB
 * (bench/guest-scaling.js, docs/PERFORMANCE.md round 18).
 *   for (...) { ...; s += e; ... }
 * =>
 *   { var B = null;
 *     for (...) { ...;
 *       { var T = e;
 *         if (B === null) { s += T; if (typeof s === "string" && s.length > SB_START) B = __cc.sbStart(s); }
 *         else { B[B.length] = "" + T; if (B.length > SB_FOLD) __cc.sbFold(B); } }
 *       ...; }
 *     if (B !== null) s = __cc.sbEnd(B); }
 * with the loop in `try { } finally { }` and the last line in the finally
 * block where some way out of the loop would pass it by (see try_loop).
 * (rt/strbuild.js). Until s is a string longer than SB_START the statement
 * does what it did, so short strings and numeric sums pay only a test.
 *
 * `s = s + e;` is rewritten the same way (its `+` keeps T).
 * Why this is unobservable: `s + T` with s a string is s followed by
 * ToString(ToPrimitive(T)), exactly the text `"" + T` appends, and once s is
 * a string every `s += T` keeps it one. No code can read s while it is
 * stale, because a loop is rewritten only when, in its function F:
 *  - s is declared by `var` in F (let/const are vars by now: lower_scope),
 *    is not a parameter, F's name, a function declaration or a catch
 *    binding, and no function nested in F mentions the name at all;
 *  - F has no `with`, and neither F nor a function in it mentions `eval`
 *    (either could reach s);
 *  - inside the loop, s appears only as the target of `s += e;` statements
 *    whose e does not mention s.
 * (And s looks like a string where it is declared or appended to: see
 * stringish, a question of speed, not of meaning.)
 * The program's top level is left alone: its vars are global properties.
 * e is evaluated into T before s is read; nothing can change s meanwhile.
 * s is written back on every way out of the loop after which it can still
 * be read, so code after the loop, a catch or finally around it included,
 * sees every piece appended before it left.
 * Runs last, on the ES5 tree every other pass has produced (async bodies
 * are plain function expressions then: lower_coroutine.c).
 * Runs in: guest (compiler). Input: tree from untrusted source. */
#include <errno.h>
#include <string.h>

#include "lower.h"

/* Names tried per function: the targets of `x += e;` inside its loops.
 * A function building more strings than this is left as written. */
#define SB_NAMES 8
/* A string this long (UTF-16 units) starts its piece list: below it, one
 * more copy per append costs less than the list would. */
#define SB_START 1024
/* Pieces held before rt/strbuild.js joins them into one chunk, so a run of
 * a million tiny appends holds a few hundred chunks, not a million strings. */
#define SB_FOLD 4096

struct fn_scan {
	const char *names[SB_NAMES];
	bool ok[SB_NAMES];
	bool strings[SB_NAMES]; /* declared or appended to with a stringish value */
	int n;
	int loops;     /* loop nesting at the node being scanned */
	bool unsafe;   /* `with` or `eval` in F */
	bool overflow; /* more candidate names than SB_NAMES */
};

static bool is_loop(const struct ast_node *n)
{
	return n->kind == AST_FOR || n->kind == AST_FOR_IN || n->kind == AST_FOR_OF || n->kind == AST_WHILE ||
	       n->kind == AST_DO_WHILE;
}

static bool is_fn(const struct ast_node *n)
{
	return n->kind == AST_FUNCTION_DECL || n->kind == AST_FUNCTION_EXPR || n->kind == AST_ARROW;
}

static bool is_name(const struct ast_node *n, const char *name)
{
	return n && n->kind == AST_IDENT && !strcmp(n->ident.name.s, name);
}

/* `name += e;` or `name = name + e;`, name an identifier: the node whose
 * left is name and right is e (the assignment, or its `+`), else NULL. The
 * two mean the same: name is read, then e evaluated, then the `+` applied.
 * (`s = s + a + b` is `(s + a) + b`, whose b is not a piece of its own
 * before a is converted: left as written.) */
static struct ast_node *append_of(const struct ast_node *stmt)
{
	if (stmt->kind != AST_EXPR_STMT || (stmt->flags & AST_F_DIRECTIVE))
		return NULL;
	struct ast_node *a = stmt->unary.arg;
	if (a->kind != AST_ASSIGN || a->binary.left->kind != AST_IDENT)
		return NULL;
	if (a->op == AST_OP_ADD_ASSIGN)
		return a;
	struct ast_node *sum = a->binary.right;
	if (a->op == AST_OP_ASSIGN && sum->kind == AST_BINARY && sum->op == AST_OP_ADD &&
	    is_name(sum->binary.left, a->binary.left->ident.name.s))
		return sum;
	return NULL;
}

/* Does e look like it makes a string: a string literal, a concatenation
 * (a template is lowered to "".concat(...) by now)
 * with one, `a ? "x" : b`, or a call to a method that returns one? Only a
 * hint: a name is rewritten only when its declaration or one of its
 * appends looks so, because the rewrite would cost a numeric sum `t += x`
 * (which it leaves correct) a temporary and two tests per iteration. */
static bool stringish(const struct ast_node *e)
{
	static const char *const str_methods[] = {
	        "join", "repeat",      "padStart",    "padEnd",  "toFixed",    "stringify",   "slice",  "substring",
	        "trim", "toUpperCase", "toLowerCase", "replace", "replaceAll", "toISOString", "concat", NULL};
	switch (e->kind) {
	case AST_STRING:
	case AST_TEMPLATE: return true;
	case AST_BINARY: return e->op == AST_OP_ADD && (stringish(e->binary.left) || stringish(e->binary.right));
	case AST_CONDITIONAL: return stringish(e->cond.cons) || stringish(e->cond.alt);
	case AST_LOGICAL: return stringish(e->binary.left) || stringish(e->binary.right);
	case AST_PAREN: return stringish(e->unary.arg);
	case AST_CALL:
		if (is_name(e->call.callee, "String"))
			return true;
		if (e->call.callee->kind == AST_MEMBER && !(e->call.callee->flags & AST_F_COMPUTED)) {
			const char *m = e->call.callee->member.property->ident.name.s;
			for (size_t i = 0; str_methods[i]; i++)
				if (!strcmp(m, str_methods[i]))
					return true;
		}
		return false;
	default: return false;
	}
}

/* Pass 1 over F (nested functions not entered): the candidate names, and
 * whether F holds `with` or mentions `eval`. */
static int scan_fn(struct ast_node **slot, void *p)
{
	struct fn_scan *s = p;
	struct ast_node *n = *slot;
	if (is_fn(n))
		return 0;
	if (n->kind == AST_WITH || is_name(n, "eval"))
		s->unsafe = true;
	struct ast_node *a = s->loops ? append_of(n) : NULL;
	if (a) {
		const char *name = a->binary.left->ident.name.s;
		int i = 0;
		while (i < s->n && strcmp(s->names[i], name))
			i++;
		if (i == s->n) {
			if (s->n == SB_NAMES) {
				s->overflow = true;
				i = -1;
			} else
				s->names[s->n++] = name;
		}
		if (i >= 0 && stringish(a->binary.right))
			s->strings[i] = true;
	}
	bool loop = is_loop(n);
	s->loops += loop;
	int r = lower_children(n, scan_fn, s);
	s->loops -= loop;
	return r;
}

/* Pass 2: which candidates are plain locals of F that nothing but F's own
 * statements can reach. */
struct binding_scan {
	struct fn_scan *fs;
	bool declared[SB_NAMES];
	int nested; /* inside a function nested in F */
};

static int name_index(const struct fn_scan *fs, const struct ast_node *n)
{
	if (n->kind != AST_IDENT)
		return -1;
	for (int i = 0; i < fs->n; i++)
		if (!strcmp(fs->names[i], n->ident.name.s))
			return i;
	return -1;
}

static int scan_bindings(struct ast_node **slot, void *p)
{
	struct binding_scan *b = p;
	struct ast_node *n = *slot;
	int i;
	if (is_name(n, "eval"))
		b->fs->unsafe = true; /* a direct eval in a nested function sees F's vars */
	if (b->nested) {
		if ((i = name_index(b->fs, n)) >= 0)
			b->fs->ok[i] = false; /* a closure (or a shadowing name there): left alone */
	} else if (n->kind == AST_DECLARATOR && (i = name_index(b->fs, n->declarator.id)) >= 0) {
		b->declared[i] = true;
		if (n->declarator.init && stringish(n->declarator.init))
			b->fs->strings[i] = true;
	} else if (n->kind == AST_CATCH && n->catch_.param) {
		struct binding_scan inner = *b;
		inner.nested = 1; /* any mention in the binding rules the name out */
		scan_bindings(&n->catch_.param, &inner);
	} else if (n->kind == AST_FUNCTION_DECL && n->fn.id && (i = name_index(b->fs, n->fn.id)) >= 0) {
		b->fs->ok[i] = false;
	}
	bool fn = is_fn(n);
	b->nested += fn;
	int r = lower_children(n, scan_bindings, b);
	b->nested -= fn;
	return r;
}

/* Pass 3, per loop and name: does the name appear in the loop only as the
 * target of `name += e;` with e free of it? Counts those statements. */
struct loop_scan {
	const char *name;
	int appends;
	bool other; /* any other mention */
};

static int scan_loop(struct ast_node **slot, void *p)
{
	struct loop_scan *l = p;
	struct ast_node *n = *slot;
	if (l->other)
		return 1;
	if (is_fn(n))
		return 0; /* pass 2 made sure no nested function mentions the name */
	struct ast_node *a = append_of(n);
	if (a && is_name(a->binary.left, l->name)) {
		l->appends++;
		return scan_loop(&a->binary.right, l);
	}
	if (is_name(n, l->name)) {
		l->other = true;
		return 1;
	}
	return lower_children(n, scan_loop, l);
}

/* Does a labeled break or continue in the loop leave it for a statement
 * around it (past a write-back placed after the loop)? Labels are those on
 * the loop and those defined inside it; more than LABELS_MAX: assume so. */
#define LABELS_MAX 16
struct jump_scan {
	const char *labels[LABELS_MAX];
	int n;
	bool escapes;
};

static void add_label(struct jump_scan *j, const struct ast_node *label)
{
	if (j->n == LABELS_MAX)
		j->escapes = true;
	else
		j->labels[j->n++] = label->ident.name.s;
}

static int scan_jumps(struct ast_node **slot, void *p)
{
	struct jump_scan *j = p;
	struct ast_node *n = *slot;
	if (is_fn(n) || j->escapes)
		return 0;
	if (n->kind == AST_LABELED)
		add_label(j, n->labeled.label);
	if ((n->kind == AST_BREAK || n->kind == AST_CONTINUE) && n->jump.label) {
		int i = 0;
		while (i < j->n && strcmp(j->labels[i], n->jump.label->ident.name.s))
			i++;
		if (i == j->n)
			j->escapes = true; /* a label further out (labels come before their uses) */
	}
	return lower_children(n, scan_jumps, j);
}

/* Pass 4: the rewrite. */
struct xform {
	struct lower_ctx *c;
	struct fn_scan *fs;
	int trys; /* the try statements of the program's own around this point in F */
	/* for rewrite_appends: the names of the loop being rewritten and their
	 * builders */
	const char *names[SB_NAMES];
	const char *builders[SB_NAMES];
	int n;
};

static struct ast_node *block(struct lower_ctx *c, struct ast_pos pos, int n, struct ast_node **items)
{
	struct ast_node *b = ast_new(c->a, AST_BLOCK, pos);
	for (int i = 0; i < n; i++)
		ast_list_push(c->a, &b->list.items, items[i]);
	return b;
}

static struct ast_node *if_(struct lower_ctx *c, struct ast_node *test, struct ast_node *cons, struct ast_node *alt)
{
	struct ast_node *n = ast_new(c->a, AST_IF, test->pos);
	n->cond.test = test;
	n->cond.cons = cons;
	n->cond.alt = alt;
	return n;
}

/* `{ var T = e; if (B === null) {...} else {...} }` for the statement
 * `s += e;` (or `s = s + e;`) stmt, a as append_of returned; see the
 * file's head. */
static struct ast_node *build_stmt(struct lower_ctx *c, struct ast_node *stmt, struct ast_node *a, const char *s,
                                   const char *b)
{
	struct ast_pos pos = a->pos;
	const char *t = ast_tmp_name(c->prog, "_sp", pos)->ident.name.s;
	struct ast_node *decl = ast_var1(c->a, AST_VAR_VAR, lower_id(c, t, pos), a->binary.right, pos);
	decl->flags |= AST_F_SYNTHETIC;
	a->binary.right = lower_id(c, t, pos); /* the original `s += T`, kept for the short phase */
	a = stmt->unary.arg;
	struct ast_node *long_ = ast_binary(
	        c->a, AST_LOGICAL, AST_OP_AND,
	        ast_binary(c->a, AST_BINARY, AST_OP_SEQ,
	                   ast_unary(c->a, AST_UNARY, AST_OP_TYPEOF, lower_id(c, s, pos), pos),
	                   ast_string(c->a, "string", 6, pos), pos),
	        ast_binary(c->a, AST_BINARY, AST_OP_GT, ast_member_name(c->a, lower_id(c, s, pos), "length", pos),
	                   ast_number(c->a, SB_START, pos), pos),
	        pos);
	struct ast_node *start = ast_expr_stmt(
	        c->a, ast_assign(c->a, lower_id(c, b, pos),
	                         ast_call(c->a, lower_rt(c, "sbStart", pos), pos, 1, lower_id(c, s, pos)), pos));
	struct ast_node *short_[] = {ast_expr_stmt(c->a, a), if_(c, long_, start, NULL)};
	struct ast_node *push = ast_expr_stmt(
	        c->a, ast_assign(c->a,
	                         ast_member_computed(c->a, lower_id(c, b, pos),
	                                             ast_member_name(c->a, lower_id(c, b, pos), "length", pos), pos),
	                         ast_binary(c->a, AST_BINARY, AST_OP_ADD, ast_string(c->a, "", 0, pos),
	                                    lower_id(c, t, pos), pos),
	                         pos));
	struct ast_node *fold =
	        if_(c,
	            ast_binary(c->a, AST_BINARY, AST_OP_GT, ast_member_name(c->a, lower_id(c, b, pos), "length", pos),
	                       ast_number(c->a, SB_FOLD, pos), pos),
	            ast_expr_stmt(c->a, ast_call(c->a, lower_rt(c, "sbFold", pos), pos, 1, lower_id(c, b, pos))), NULL);
	struct ast_node *long_phase[] = {push, fold};
	struct ast_node *test =
	        ast_binary(c->a, AST_BINARY, AST_OP_SEQ, lower_id(c, b, pos), ast_new(c->a, AST_NULL, pos), pos);
	struct ast_node *items[] = {decl, if_(c, test, block(c, pos, 2, short_), block(c, pos, 2, long_phase))};
	return block(c, pos, 2, items);
}

static int rewrite_appends(struct ast_node **slot, void *p)
{
	struct xform *x = p;
	struct ast_node *n = *slot;
	if (is_fn(n))
		return 0;
	struct ast_node *a = append_of(n);
	if (a) {
		for (int i = 0; i < x->n; i++)
			if (is_name(a->binary.left, x->names[i])) {
				*slot = build_stmt(x->c, n, a, x->names[i], x->builders[i]);
				return 0; /* its e mentions no name of this loop */
			}
	}
	return lower_children(n, rewrite_appends, x);
}

/* Rewrites the loop in *slot (through its labels: `l: for (...)` keeps its
 * label on the loop) if some candidate qualifies. Returns true if it did. */
static bool try_loop(struct xform *x, struct ast_node **slot, struct ast_node *loop)
{
	struct lower_ctx *c = x->c;
	struct ast_pos pos = (*slot)->pos;
	x->n = 0;
	for (int i = 0; i < x->fs->n; i++) {
		if (!x->fs->ok[i])
			continue;
		struct loop_scan l = {.name = x->fs->names[i]};
		scan_loop(&loop, &l);
		if (l.other || !l.appends)
			continue;
		x->names[x->n] = l.name;
		x->builders[x->n] = ast_tmp_name(c->prog, "_sb", pos)->ident.name.s;
		x->n++;
	}
	if (!x->n)
		return false;
	lower_children(loop, rewrite_appends, x);

	/* Where s is written back. A throw out of the loop needs nothing when
	 * no try of the program's own is around it: it leaves F, and s dies
	 * with F (no closure holds it); so does a return. Then the write-back
	 * follows the loop, which every other way out reaches, unless a
	 * labeled jump leaves for a statement around the loop: then, and
	 * inside a try, it goes in a finally block (which costs Duktape a
	 * catcher set up and torn down per run of the loop). */
	struct jump_scan j = {0};
	for (struct ast_node *l = *slot; l->kind == AST_LABELED; l = l->labeled.body)
		add_label(&j, l->labeled.label);
	scan_jumps(&loop, &j);
	bool use_finally = x->trys > 0 || j.escapes;

	struct ast_node *decls = ast_new(c->a, AST_VAR_DECL, pos);
	decls->op = AST_VAR_VAR;
	decls->flags |= AST_F_SYNTHETIC;
	struct ast_node *fin = ast_new(c->a, AST_BLOCK, pos);
	for (int i = 0; i < x->n; i++) {
		struct ast_node *d = ast_new(c->a, AST_DECLARATOR, pos);
		d->declarator.id = lower_id(c, x->builders[i], pos);
		d->declarator.init = ast_new(c->a, AST_NULL, pos);
		ast_list_push(c->a, &decls->var.decls, d);
		struct ast_node *end = ast_expr_stmt(c->a, ast_assign(c->a, lower_id(c, x->names[i], pos),
		                                                      ast_call(c->a, lower_rt(c, "sbEnd", pos), pos, 1,
		                                                               lower_id(c, x->builders[i], pos)),
		                                                      pos));
		ast_list_push(c->a, &fin->list.items,
		              if_(c,
		                  ast_binary(c->a, AST_BINARY, AST_OP_SNE, lower_id(c, x->builders[i], pos),
		                             ast_new(c->a, AST_NULL, pos), pos),
		                  end, NULL));
	}
	if (!use_finally) {
		struct ast_node *items[] = {decls, *slot, fin};
		*slot = block(c, pos, 3, items);
		return true;
	}
	struct ast_node *try_ = ast_new(c->a, AST_TRY, pos);
	struct ast_node *body[] = {*slot};
	try_->try_.block = block(c, pos, 1, body);
	try_->try_.finalizer = fin;
	struct ast_node *items[] = {decls, try_};
	*slot = block(c, pos, 2, items);
	return true;
}

static int xform_stmts(struct ast_node **slot, void *p)
{
	struct xform *x = p;
	struct ast_node *n = *slot;
	if (is_fn(n))
		return 0;
	struct ast_node *loop = n;
	while (loop->kind == AST_LABELED)
		loop = loop->labeled.body;
	if (is_loop(loop)) {
		if (try_loop(x, slot, loop))
			return 0;
		return lower_children(loop, xform_stmts, x); /* the labels stay on the loop */
	}
	/* A for-of's own try (lower_pattern.c) only closes the iterator: its
	 * catch and finally cannot read s. */
	bool user_try = n->kind == AST_TRY && !(n->flags & AST_F_SYNTHETIC);
	x->trys += user_try;
	int r = lower_children(n, xform_stmts, x);
	x->trys -= user_try;
	return r;
}

static void strbuild_fn(struct lower_ctx *c, struct ast_node *f)
{
	struct fn_scan fs = {0};
	if (!f->fn.body || f->fn.body->kind != AST_BLOCK)
		return;
	lower_children(f->fn.body, scan_fn, &fs);
	if (!fs.n || fs.unsafe || fs.overflow)
		return;
	for (int i = 0; i < fs.n; i++)
		fs.ok[i] = strcmp(fs.names[i], "arguments") != 0 && !is_name(f->fn.id, fs.names[i]);
	/* Parameters: any mention in the list (defaults are gone by now, but a
	 * name in one would be a closure's use) rules the name out. */
	struct binding_scan b = {.fs = &fs, .nested = 1};
	for (uint32_t i = 0; i < f->fn.params.len; i++)
		scan_bindings(&f->fn.params.items[i], &b);
	b.nested = 0;
	lower_children(f->fn.body, scan_bindings, &b);
	if (fs.unsafe)
		return;
	bool any = false;
	for (int i = 0; i < fs.n; i++) {
		fs.ok[i] = fs.ok[i] && b.declared[i] && fs.strings[i];
		any |= fs.ok[i];
	}
	if (!any)
		return;
	struct xform x = {.c = c, .fs = &fs};
	lower_children(f->fn.body, xform_stmts, &x);
}

static int visit(struct ast_node **slot, void *p)
{
	struct lower_ctx *c = p;
	struct ast_node *n = *slot;
	if (++c->depth > 4 * AST_MAX_DEPTH)
		return ast_error(c->prog, n->pos, "nesting too deep");
	/* Inner functions first: a rewrite of F only adds synthetic code
	 * around F's own statements, which the inner functions never see. */
	int r = lower_children(n, visit, c);
	if (r == 0 && (n->kind == AST_FUNCTION_DECL || n->kind == AST_FUNCTION_EXPR))
		strbuild_fn(c, n);
	c->depth--;
	return r;
}

int lower_pass_strbuild(struct lower_ctx *c)
{
	int r = lower_children(c->prog->root, visit, c);
	return r < 0 ? r : 0;
}
