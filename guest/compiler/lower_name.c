/* lower_name: function names by position (ES2023 NamedEvaluation): an
 * anonymous function, arrow or class gets the name of what it is bound to
 *   var f = function () {};  f = () => {};  ({ m() {} });  [g = function () {}] = a;
 * Duktape (ES5) leaves such functions nameless. When the name is a plain
 * identifier that the function's own text never mentions, the function
 * simply gets it as its id (`var f = function f() {}`: no runtime cost, and
 * no reference inside can see the new inner binding); otherwise the
 * function goes through __cc.setName(fn, "name") (rt/misc.js). Anonymous
 * classes get the name through lower_class's display name (node->aux).
 * Runs first, before the scope pass renames bindings.
 * Runs in: guest (compiler). Input: tree from untrusted source. */
#include <errno.h>
#include <string.h>

#include "lower.h"

/* Identifier visits allowed for the "does the function mention its
 * name" check over the whole compile, per source byte: beyond it (deeply
 * nested named functions rescanning the same text) names fall back to the
 * always-correct runtime helper, so hostile input stays linear. */
#define NAME_SCAN_PER_BYTE 4

struct st {
	struct lower_ctx *c;
	long budget;
};

/* Names that cannot be a function's own id in ES5 (reserved in strict
 * code, or with special meaning inside the function). */
static bool usable_id(const char *s, uint32_t len)
{
	static const char *const bad[] = {
	        "eval",   "arguments", "implements", "interface",  "let",     "package",   "private",  "protected",
	        "public", "static",    "yield",      "await",      "enum",    "undefined", "NaN",      "Infinity",
	        "break",  "case",      "catch",      "class",      "const",   "continue",  "debugger", "default",
	        "delete", "do",        "else",       "export",     "extends", "finally",   "for",      "function",
	        "if",     "import",    "in",         "instanceof", "new",     "return",    "super",    "switch",
	        "this",   "throw",     "try",        "typeof",     "var",     "void",      "while",    "with",
	        "null",   "true",      "false",
	};
	if (!len || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (uint32_t i = 0; i < len; i++) {
		char ch = s[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
		      ch == '$'))
			return false;
	}
	if (len > 2 && s[0] == '_' && s[1] == '_')
		return false; /* compiler temporaries (__jsc_*) and __cc */
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (strlen(bad[i]) == len && !memcmp(bad[i], s, len))
			return false;
	return true;
}

struct mention {
	struct st *s;
	const char *name;
	uint32_t len;
	bool found;
};

static int mention_visit(struct ast_node **slot, void *p)
{
	struct mention *m = p;
	struct ast_node *n = *slot;
	if (m->found)
		return 1;
	if (--m->s->budget < 0) {
		m->found = true; /* out of budget: assume it does */
		return 1;
	}
	if (n->kind == AST_IDENT) {
		if ((n->ident.name.len == m->len && !memcmp(n->ident.name.s, m->name, m->len)) ||
		    (n->ident.name.len == 4 && !memcmp(n->ident.name.s, "eval", 4))) {
			m->found = true;
			return 1;
		}
	}
	return lower_children(n, mention_visit, m);
}

static bool mentions(struct st *s, struct ast_node *fn, const char *name, uint32_t len)
{
	struct mention m = {s, name, len, false};
	lower_children(fn, mention_visit, &m);
	return m.found;
}

static bool is_anon_fn(const struct ast_node *e)
{
	if (!e)
		return false;
	return ((e->kind == AST_FUNCTION_EXPR || e->kind == AST_CLASS_EXPR) &&
	        !(e->kind == AST_FUNCTION_EXPR ? e->fn.id : e->cls.id)) ||
	       e->kind == AST_ARROW;
}

/* Names the anonymous function in *slot `name` (a NUL-terminated arena or
 * source string of length len). */
static void name_it(struct st *s, struct ast_node **slot, const char *name, uint32_t len)
{
	struct lower_ctx *c = s->c;
	struct ast_node *e = *slot;
	if (e->kind == AST_CLASS_EXPR) {
		if (!e->aux)
			e->aux = (void *)ast_strndup(c->a, name, len);
		return;
	}
	if (usable_id(name, len) && !mentions(s, e, name, len)) {
		e->fn.id = ast_ident_n(c->a, name, len, e->pos);
		e->fn.id->flags |= AST_F_SYNTHETIC;
		return;
	}
	struct ast_node *call =
	        ast_call(c->a, lower_rt(c, "setName", e->pos), e->pos, 2, e, ast_string(c->a, name, len, e->pos));
	*slot = call;
}

/* The name a non-computed property key gives (NULL for keys we leave to
 * the runtime: numbers print differently in C and JS). */
static const struct ast_str *key_str(struct lower_ctx *c, const struct ast_node *k)
{
	if (k->kind == AST_IDENT || k->kind == AST_STRING)
		return k->kind == AST_IDENT ? &k->ident.name : &k->string.value;
	if (k->kind == AST_NUMBER && k->number.value >= 0 && k->number.value < 1e15 &&
	    k->number.value == (double)(long long)k->number.value) {
		/* small integers print alike in C and JS */
		struct ast_str *s = ast_alloc(c->a, sizeof(*s));
		s->s = ast_sprintf(c->a, "%lld", (long long)k->number.value);
		s->len = (uint32_t)strlen(s->s);
		return s;
	}
	return NULL;
}

static int visit(struct ast_node **slot, void *p)
{
	struct st *s = p;
	struct lower_ctx *c = s->c;
	struct ast_node *n = *slot;

	if (++c->depth > 4 * AST_MAX_DEPTH)
		return ast_error(c->prog, n->pos, "nesting too deep");
	switch (n->kind) {
	case AST_DECLARATOR:
		if (n->declarator.id->kind == AST_IDENT && is_anon_fn(n->declarator.init))
			name_it(s, &n->declarator.init, n->declarator.id->ident.name.s,
			        n->declarator.id->ident.name.len);
		break;
	case AST_ASSIGN:
		if (n->op != AST_OP_ASSIGN && n->op != AST_OP_AND_ASSIGN && n->op != AST_OP_OR_ASSIGN &&
		    n->op != AST_OP_NULLISH_ASSIGN)
			break;
		/* fall through */
	case AST_ASSIGN_PATTERN:
		if (n->binary.left->kind == AST_IDENT && !(n->binary.left->flags & AST_F_PARENS) &&
		    is_anon_fn(n->binary.right))
			name_it(s, &n->binary.right, n->binary.left->ident.name.s, n->binary.left->ident.name.len);
		break;
	case AST_OBJECT:
		for (uint32_t i = 0; i < n->list.items.len; i++) {
			struct ast_node *pr = n->list.items.items[i];
			if (pr->kind != AST_PROPERTY || pr->op != AST_PROP_INIT ||
			    (pr->flags & (AST_F_COMPUTED | AST_F_SHORTHAND)))
				continue;
			const struct ast_str *k = key_str(c, pr->prop.key);
			if (!k || !is_anon_fn(pr->prop.value))
				continue;
			if (!(pr->flags & AST_F_METHOD) && k->len == 9 && !memcmp(k->s, "__proto__", 9))
				continue; /* __proto__: v sets the prototype; no name */
			if (pr->flags & AST_F_METHOD) {
				/* Duktape names a shorthand method `m() {}` itself */
				if (pr->prop.key->kind == AST_IDENT && usable_id(k->s, k->len) && strcmp(k->s, "get") &&
				    strcmp(k->s, "set") && strcmp(k->s, "async"))
					continue;
				if (pr->prop.value->flags & (AST_F_ASYNC | AST_F_GENERATOR))
					continue; /* printed as a method after coroutine lowering: keep its shape */
				pr->flags &= ~AST_F_METHOD; /* `"key": fn` with the name set below */
			}
			name_it(s, &pr->prop.value, k->s, k->len);
		}
		break;
	default: break;
	}
	int r = lower_children(n, visit, s);
	c->depth--;
	return r;
}

int lower_pass_name(struct lower_ctx *c)
{
	struct st s = {c, NAME_SCAN_PER_BYTE * (long)c->prog->src_len + 4096};
	int r = lower_children(c->prog->root, visit, &s);
	return r < 0 ? r : 0;
}
