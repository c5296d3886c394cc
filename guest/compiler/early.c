/* early: declaration-conflict early errors (see early.h).
 *
 * One scope per function body (with its parameters), block, switch case
 * block, for-loop head and class static block. Every name a scope sees is
 * entered with the kinds of declaration that made it:
 *   LEX    let/const/class, a function in a block in strict code, or an
 *          async/generator function in a block
 *   FN     a plain function in a block in sloppy code (Annex B.3.2.4: such
 *          duplicates are allowed among themselves)
 *   VAR    a var declared in this scope or a nested block (hoisted through)
 *   TOPFN  a function at the top of a function body or the script (var-like)
 *   PARAM  a parameter of the function whose body this is
 * A conflict is LEX/FN meeting anything else already there, or VAR/TOPFN/
 * PARAM meeting LEX/FN. Lookups use a small open-addressing table per scope,
 * so hostile input with many names stays linear. */
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "early.h"

enum {
	K_LEX = 1,
	K_FN = 2,
	K_VAR = 4,
	K_TOPFN = 8,
	K_PARAM = 16,
};

struct ent {
	const char *s;
	uint32_t len;
	uint32_t kinds;
};

struct scope {
	struct scope *up;
	bool fn;                          /* function body / script / static block: var stops here */
	const struct scope *catch_params; /* catch body: its parameter names */
	struct ent *tab;
	uint32_t n, cap; /* cap: power of two, or 0 */
};

struct ec {
	struct ast_program *prog;
	struct ast_arena *a;
	bool strict;
	bool unique_params; /* binding parameters that must be unique */
};

static uint32_t hash(const char *s, uint32_t len)
{
	uint32_t h = 2166136261u;
	for (uint32_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static struct ent *find(const struct scope *sc, struct ast_str name)
{
	if (!sc->cap)
		return NULL;
	uint32_t i = hash(name.s, name.len) & (sc->cap - 1);
	while (sc->tab[i].s) {
		if (sc->tab[i].len == name.len && !memcmp(sc->tab[i].s, name.s, name.len))
			return &sc->tab[i];
		i = (i + 1) & (sc->cap - 1);
	}
	return NULL;
}

static struct ent *insert(struct ec *e, struct scope *sc, struct ast_str name)
{
	struct ent *x = find(sc, name);
	if (x)
		return x;
	if ((sc->n + 1) * 2 > sc->cap) {
		uint32_t cap = sc->cap ? sc->cap * 2 : 16;
		struct ent *t = ast_alloc(e->a, cap * sizeof(*t));
		for (uint32_t i = 0; i < sc->cap; i++) {
			if (!sc->tab[i].s)
				continue;
			uint32_t j = hash(sc->tab[i].s, sc->tab[i].len) & (cap - 1);
			while (t[j].s)
				j = (j + 1) & (cap - 1);
			t[j] = sc->tab[i];
		}
		sc->tab = t;
		sc->cap = cap;
	}
	uint32_t i = hash(name.s, name.len) & (sc->cap - 1);
	while (sc->tab[i].s)
		i = (i + 1) & (sc->cap - 1);
	sc->tab[i].s = name.s;
	sc->tab[i].len = name.len;
	sc->tab[i].kinds = 0;
	sc->n++;
	return &sc->tab[i];
}

static int redeclared(struct ec *e, const struct ast_node *id)
{
	return ast_error(e->prog, id->pos, "Identifier '%s' has already been declared", id->ident.name.s);
}

/* A lexical declaration (kind K_LEX or K_FN) of id in sc. */
static int declare_lex(struct ec *e, struct scope *sc, const struct ast_node *id, uint32_t kind)
{
	struct ent *x = insert(e, sc, id->ident.name);
	if (x->kinds && !(x->kinds == K_FN && kind == K_FN))
		return redeclared(e, id);
	if (sc->catch_params && find(sc->catch_params, id->ident.name))
		return redeclared(e, id);
	x->kinds |= kind;
	return 0;
}

/* A var (or top-level function, K_TOPFN) of id: hoisted from sc up to the
 * nearest function scope, clashing with lexical names on the way. */
static int declare_var(struct ec *e, struct scope *sc, const struct ast_node *id, uint32_t kind)
{
	for (;;) {
		struct ent *x = insert(e, sc, id->ident.name);
		if (x->kinds & (K_LEX | K_FN))
			return redeclared(e, id);
		x->kinds |= kind == K_TOPFN ? K_TOPFN : K_VAR;
		if (sc->fn || !sc->up)
			return 0;
		sc = sc->up;
	}
}

static int bind_pattern(struct ec *e, struct scope *sc, const struct ast_node *p, uint32_t kind)
{
	if (!p)
		return 0;
	switch (p->kind) {
	case AST_IDENT:
		if (kind == K_VAR)
			return declare_var(e, sc, p, K_VAR);
		if (kind == K_PARAM) {
			struct ent *x = insert(e, sc, p->ident.name);
			if ((x->kinds & K_PARAM) && e->unique_params)
				return ast_error(e->prog, p->pos,
				                 "Duplicate parameter name not allowed in this context");
			x->kinds |= K_PARAM;
			return 0;
		}
		return declare_lex(e, sc, p, kind);
	case AST_ASSIGN_PATTERN: return bind_pattern(e, sc, p->binary.left, kind);
	case AST_REST: return bind_pattern(e, sc, p->unary.arg, kind);
	case AST_ARRAY_PATTERN:
		for (uint32_t i = 0; i < p->list.items.len; i++) {
			int r = bind_pattern(e, sc, p->list.items.items[i], kind);
			if (r)
				return r;
		}
		return 0;
	case AST_OBJECT_PATTERN:
		for (uint32_t i = 0; i < p->list.items.len; i++) {
			const struct ast_node *it = p->list.items.items[i];
			int r = bind_pattern(e, sc, it->kind == AST_PROPERTY ? it->prop.value : it, kind);
			if (r)
				return r;
		}
		return 0;
	default: return 0;
	}
}

static int walk(struct ec *e, struct scope *sc, struct ast_node *n);
static int walk_sub(struct ec *e, struct scope *sc, struct ast_node *n);

struct kids {
	struct ec *e;
	struct scope *sc;
};

static int walk_slot(struct ast_node **slot, void *p)
{
	struct kids *k = p;
	return walk(k->e, k->sc, *slot);
}

static int walk_kids(struct ec *e, struct scope *sc, struct ast_node *n)
{
	struct kids k = {e, sc};
	return ast_for_each_child(n, walk_slot, &k);
}

/* The statements of a scope: declarations first (a var after a let in
 * the same block conflicts as much as before it), then the statements. */
static int walk_list(struct ec *e, struct scope *sc, struct ast_list *l)
{
	for (uint32_t i = 0; i < l->len; i++) {
		int r = walk(e, sc, l->items[i]);
		if (r)
			return r;
	}
	return 0;
}

static int walk_function(struct ec *e, struct ast_node *fn)
{
	bool saved = e->strict;
	if (fn->flags & AST_F_STRICT)
		e->strict = true;
	struct scope sc = {.fn = true};
	int r = 0;
	/* Duplicates are allowed only in sloppy functions with simple
	 * parameter lists (ES2023 15.2.1, 15.3.1) */
	bool simple = true;
	for (uint32_t i = 0; i < fn->fn.params.len; i++)
		if (fn->fn.params.items[i]->kind != AST_IDENT)
			simple = false;
	e->unique_params = fn->kind == AST_ARROW || e->strict || !simple;
	for (uint32_t i = 0; !r && i < fn->fn.params.len; i++)
		r = bind_pattern(e, &sc, fn->fn.params.items[i], K_PARAM);
	e->unique_params = false;
	/* defaults and nested functions in parameters */
	for (uint32_t i = 0; !r && i < fn->fn.params.len; i++) {
		struct scope ps = {.up = NULL, .fn = true};
		r = walk_kids(e, &ps, fn->fn.params.items[i]);
	}
	if (!r && fn->fn.body) {
		if (fn->fn.body->kind == AST_BLOCK)
			r = walk_list(e, &sc, &fn->fn.body->list.items);
		else
			r = walk(e, &sc, fn->fn.body);
	}
	e->strict = saved;
	return r;
}

/* Private names of one class body: declared once, except a getter and a
 * setter pair of the same placement (both static or both not). */
static int check_private(struct ec *e, const struct ast_node *cls)
{
	enum { P_GET = 1, P_SET = 2, P_OTHER = 4, P_STATIC = 8 };
	struct scope names = {0};
	for (uint32_t i = 0; i < cls->cls.body.len; i++) {
		const struct ast_node *m = cls->cls.body.items[i];
		if ((m->kind != AST_METHOD && m->kind != AST_FIELD) || m->prop.key->kind != AST_PRIVATE_NAME)
			continue;
		uint32_t k = m->kind == AST_METHOD && m->op == AST_METHOD_GET   ? P_GET
		             : m->kind == AST_METHOD && m->op == AST_METHOD_SET ? P_SET
		                                                                : P_OTHER;
		if (m->flags & AST_F_STATIC)
			k |= P_STATIC;
		struct ent *x = insert(e, &names, m->prop.key->ident.name);
		if (x->kinds) {
			uint32_t had = x->kinds;
			bool pair = ((had & (P_GET | P_SET | P_OTHER)) == P_GET && (k & P_SET)) ||
			            ((had & (P_GET | P_SET | P_OTHER)) == P_SET && (k & P_GET));
			if (!pair || (had & P_STATIC) != (k & P_STATIC))
				return ast_error(e->prog, m->prop.key->pos,
				                 "Identifier '#%s' has already been declared",
				                 m->prop.key->ident.name.s);
		}
		x->kinds |= k;
	}
	return 0;
}

static int walk(struct ec *e, struct scope *sc, struct ast_node *n)
{
	if (!n)
		return 0;
	int r;
	switch (n->kind) {
	case AST_FUNCTION_DECL:
		if (n->fn.id) {
			bool plain = !(n->flags & (AST_F_ASYNC | AST_F_GENERATOR));
			if (sc->fn)
				r = declare_var(e, sc, n->fn.id, K_TOPFN);
			else
				r = declare_lex(e, sc, n->fn.id, plain && !e->strict ? K_FN : K_LEX);
			if (r)
				return r;
		}
		return walk_function(e, n);
	case AST_FUNCTION_EXPR:
	case AST_ARROW: return walk_function(e, n);
	case AST_CLASS_DECL:
		if (n->cls.id && (r = declare_lex(e, sc, n->cls.id, K_LEX)))
			return r;
		/* fall through */
	case AST_CLASS_EXPR: {
		bool saved = e->strict;
		e->strict = true; /* class bodies are strict */
		r = walk(e, sc, n->cls.super_class);
		if (!r)
			r = check_private(e, n);
		for (uint32_t i = 0; !r && i < n->cls.body.len; i++) {
			struct ast_node *m = n->cls.body.items[i];
			if (m->kind == AST_STATIC_BLOCK) {
				struct scope bs = {.up = sc, .fn = true};
				r = walk_list(e, &bs, &m->list.items);
			} else {
				r = walk_kids(e, sc, m);
			}
		}
		e->strict = saved;
		return r;
	}
	case AST_VAR_DECL:
		for (uint32_t i = 0; i < n->var.decls.len; i++) {
			struct ast_node *d = n->var.decls.items[i];
			r = bind_pattern(e, sc, d->declarator.id, n->op == AST_VAR_VAR ? K_VAR : K_LEX);
			if (!r)
				r = walk_kids(e, sc, d);
			if (r)
				return r;
		}
		return 0;
	case AST_BLOCK: {
		struct scope bs = {.up = sc};
		return walk_list(e, &bs, &n->list.items);
	}
	case AST_SWITCH: {
		if ((r = walk(e, sc, n->switch_.disc)))
			return r;
		struct scope bs = {.up = sc};
		for (uint32_t i = 0; i < n->switch_.cases.len; i++) {
			struct ast_node *cs = n->switch_.cases.items[i];
			if ((r = walk(e, &bs, cs->case_.test)) || (r = walk_list(e, &bs, &cs->case_.body)))
				return r;
		}
		return 0;
	}
	case AST_FOR: {
		struct scope hs = {.up = sc};
		if ((r = walk(e, &hs, n->for_.init)) || (r = walk(e, &hs, n->for_.test)) ||
		    (r = walk(e, &hs, n->for_.update)))
			return r;
		return walk_sub(e, &hs, n->for_.body);
	}
	case AST_FOR_IN:
	case AST_FOR_OF: {
		struct scope hs = {.up = sc};
		if ((r = walk(e, &hs, n->for_in.left)) || (r = walk(e, sc, n->for_in.right)))
			return r;
		return walk_sub(e, &hs, n->for_in.body);
	}
	case AST_IF:
		if ((r = walk(e, sc, n->cond.test)) || (r = walk_sub(e, sc, n->cond.cons)))
			return r;
		return walk_sub(e, sc, n->cond.alt);
	case AST_WHILE:
	case AST_DO_WHILE:
		if ((r = walk(e, sc, n->loop.test)))
			return r;
		return walk_sub(e, sc, n->loop.body);
	case AST_WITH:
		if ((r = walk(e, sc, n->with.object)))
			return r;
		return walk_sub(e, sc, n->with.body);
	case AST_LABELED:
		/* `l: function f() {}` declares f in the enclosing list's scope */
		return walk(e, sc, n->labeled.body);
	case AST_CATCH: {
		struct scope ps = {.up = sc};
		if (n->catch_.param) {
			if ((r = bind_pattern(e, &ps, n->catch_.param, K_LEX)) ||
			    (r = walk_kids(e, &ps, n->catch_.param)))
				return r;
		}
		/* the body block is the catch scope's child; var e is allowed
		 * (Annex B.3.4), let e is not */
		struct scope bs = {.up = sc, .catch_params = &ps};
		return walk_list(e, &bs, &n->catch_.body->list.items);
	}
	default: return walk_kids(e, sc, n);
	}
}

/* The body of if/while/for/with: a function declaration there (sloppy
 * `if (x) function f() {}`, Annex B.3.3) sits in a block of its own. */
static int walk_sub(struct ec *e, struct scope *sc, struct ast_node *n)
{
	if (n && n->kind == AST_FUNCTION_DECL) {
		struct scope bs = {.up = sc};
		return walk(e, &bs, n);
	}
	return walk(e, sc, n);
}

int early_check(struct ast_program *prog)
{
	struct ec e = {.prog = prog, .a = prog->arena, .strict = (prog->root->flags & AST_F_STRICT) != 0};
	struct scope top = {.fn = true};
	jmp_buf jb;
	jmp_buf *old_fail = prog->arena->fail;
	prog->arena->fail = &jb;
	if (setjmp(jb) != 0) {
		prog->arena->fail = old_fail;
		if (!prog->error.set) {
			prog->error.set = true;
			snprintf(prog->error.msg, sizeof(prog->error.msg),
			         "program too large to compile (memory limit)");
		}
		return -E2BIG;
	}
	int r = walk_list(&e, &top, &prog->root->program.body);
	prog->arena->fail = old_fail;
	return r < 0 ? r : (prog->error.set ? -EINVAL : 0);
}
