/* printer: AST -> JavaScript text with a line map (see printer.h).
 * Output is ASCII only (every other character is escaped), so Duktape's
 * decoder never sees anything it could misread. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printer.h"

/* Recursion guard: lowering may nest the parser-bounded tree a little deeper. */
#define PRINTER_MAX_DEPTH (4 * AST_MAX_DEPTH)

struct pr {
	char *buf;
	size_t len, cap;
	int *map;
	int *cmap; /* cmap[i]: source column of the first statement on generated line i+1 */
	size_t map_len, map_cap;
	uint32_t line_offset;
	int err; /* first error: -ENOMEM / -E2BIG */
	int depth;
	bool no_in; /* printing a for-init: parenthesise `in` */
	char last;  /* last byte written, for token separation */
};

enum {
	PREC_SEQ = 1,
	PREC_ASSIGN = 2,
	PREC_COND = 3,
	PREC_NULLISH = 4,
	PREC_OR = 5,
	PREC_AND = 6,
	PREC_BITOR = 7,
	PREC_BITXOR = 8,
	PREC_BITAND = 9,
	PREC_EQ = 10,
	PREC_REL = 11,
	PREC_SHIFT = 12,
	PREC_ADD = 13,
	PREC_MUL = 14,
	PREC_EXP = 15,
	PREC_UNARY = 16,
	PREC_POSTFIX = 17,
	PREC_NEW = 18,
	PREC_CALL = 19,
	PREC_PRIMARY = 20,
};

static void grow(struct pr *p, size_t extra)
{
	if (p->err)
		return;
	if (p->len + extra + 1 <= p->cap)
		return;
	if (p->len + extra + 1 > PRINTER_MAX_OUTPUT) {
		p->err = -E2BIG;
		return;
	}
	size_t cap = p->cap ? p->cap * 2 : 4096;
	while (cap < p->len + extra + 1)
		cap *= 2;
	char *b = realloc(p->buf, cap);
	if (!b) {
		p->err = -ENOMEM;
		return;
	}
	p->buf = b;
	p->cap = cap;
}

static void put(struct pr *p, const char *s, size_t n)
{
	if (!n)
		return;
	grow(p, n);
	if (p->err)
		return;
	memcpy(p->buf + p->len, s, n);
	p->len += n;
	p->last = s[n - 1];
}

static void puts_(struct pr *p, const char *s)
{
	put(p, s, strlen(s));
}

static bool is_idchar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '$' || c == '_' ||
	       c == '\\';
}

/* A word (keyword/identifier/number): separate it from a preceding word. */
static void word(struct pr *p, const char *s)
{
	if (p->len && is_idchar(p->last) && is_idchar(s[0]))
		put(p, " ", 1);
	puts_(p, s);
}

/* An operator: avoid gluing "+ +" into "++", "- -" into "--", "/ /" ... */
static void op(struct pr *p, const char *s)
{
	if (p->len) {
		char l = p->last;
		if ((l == '+' && s[0] == '+') || (l == '-' && s[0] == '-') || (l == '/' && s[0] == '/') ||
		    (l == '<' && s[0] == '!') || (is_idchar(l) && is_idchar(s[0])))
			put(p, " ", 1);
	}
	puts_(p, s);
}

static void map_push(struct pr *p, int line, int col)
{
	if (p->err)
		return;
	if (p->map_len == p->map_cap) {
		size_t cap = p->map_cap ? p->map_cap * 2 : 256;
		int *m = realloc(p->map, cap * sizeof(*m));
		if (!m) {
			p->err = -ENOMEM;
			return;
		}
		p->map = m;
		int *cm = realloc(p->cmap, cap * sizeof(*cm));
		if (!cm) {
			p->err = -ENOMEM;
			return;
		}
		p->cmap = cm;
		p->map_cap = cap;
	}
	p->cmap[p->map_len] = col;
	p->map[p->map_len++] = line;
}

/* Starts a new generated line if n comes from a different source line
 * (stmt: or is a statement at a different column of the same line, so that
 * every statement has its own generated line and the column map can name
 * the statement an error came from: Duktape reports lines only). */
static void line_for_kind(struct pr *p, const struct ast_node *n, bool stmt)
{
	if (!n || n->pos.line == 0)
		return;
	int line = (int)(n->pos.line + p->line_offset);
	int col = (int)n->pos.column;
	if (p->map_len == 0) {
		map_push(p, line, col);
		return;
	}
	size_t last = p->map_len - 1;
	if (p->map[last] == line) {
		if (!stmt || p->cmap[last] == col || (n->flags & AST_F_SYNTHETIC))
			return;
		if (p->len && p->buf[p->len - 1] == '\n') {
			p->cmap[last] = col;
			return;
		}
		put(p, "\n", 1);
		map_push(p, line, col);
		return;
	}
	if (p->map[last] == 0 && p->len && p->buf[p->len - 1] == '\n') {
		p->map[last] = line;
		p->cmap[last] = col;
		return;
	}
	if (p->len == 0) {
		p->map[last] = line;
		p->cmap[last] = col;
		return;
	}
	put(p, "\n", 1);
	map_push(p, line, col);
}

static void line_for(struct pr *p, const struct ast_node *n)
{
	line_for_kind(p, n, false);
}

static void print_expr(struct pr *p, const struct ast_node *n, int min_prec);
static void print_stmt(struct pr *p, const struct ast_node *n);
static void print_function(struct pr *p, const struct ast_node *n, bool method);
static void print_class(struct pr *p, const struct ast_node *n);

static void put_hex4(struct pr *p, uint32_t u)
{
	char b[8];
	snprintf(b, sizeof(b), "\\u%04x", u & 0xffff);
	put(p, b, 6);
}

static uint32_t wtf8_next(const char *s, uint32_t len, uint32_t *i)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c = u[*i];
	int n;
	uint32_t cp;
	if (c < 0x80) {
		(*i)++;
		return c;
	} else if ((c & 0xe0) == 0xc0) {
		n = 1, cp = c & 0x1f;
	} else if ((c & 0xf0) == 0xe0) {
		n = 2, cp = c & 0x0f;
	} else if ((c & 0xf8) == 0xf0) {
		n = 3, cp = c & 0x07;
	} else {
		(*i)++;
		return 0xfffd;
	}
	if (*i + (uint32_t)n >= len) {
		(*i)++;
		return 0xfffd;
	}
	for (int k = 1; k <= n; k++) {
		if ((u[*i + k] & 0xc0) != 0x80) {
			(*i)++;
			return 0xfffd;
		}
		cp = (cp << 6) | (u[*i + k] & 0x3f);
	}
	*i += (uint32_t)n + 1;
	if (cp > 0x10ffff)
		return 0xfffd;
	return cp;
}

static void put_cp_escaped(struct pr *p, uint32_t cp)
{
	if (cp >= 0x10000) {
		cp -= 0x10000;
		put_hex4(p, 0xd800 + (cp >> 10));
		put_hex4(p, 0xdc00 + (cp & 0x3ff));
	} else {
		put_hex4(p, cp);
	}
}

/* Whether a string literal spells PRINTER_NOCTOR_DIRECTIVE. */
static bool is_noctor(const struct ast_node *e)
{
	return e->string.value.len == sizeof(PRINTER_NOCTOR_DIRECTIVE) - 1 &&
	       memcmp(e->string.value.s, PRINTER_NOCTOR_DIRECTIVE, sizeof(PRINTER_NOCTOR_DIRECTIVE) - 1) == 0;
}

static void print_string(struct pr *p, struct ast_str s)
{
	grow(p, s.len + 2);
	put(p, "\"", 1);
	uint32_t i = 0;
	while (i < s.len) {
		unsigned char c = (unsigned char)s.s[i];
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			/* copy a run */
			uint32_t j = i;
			while (j < s.len) {
				unsigned char d = (unsigned char)s.s[j];
				if (!(d >= 0x20 && d < 0x7f && d != '"' && d != '\\'))
					break;
				j++;
			}
			put(p, s.s + i, j - i);
			i = j;
			continue;
		}
		if (c < 0x80) {
			i++;
			switch (c) {
			case '"': puts_(p, "\\\""); break;
			case '\\': puts_(p, "\\\\"); break;
			case '\n': puts_(p, "\\n"); break;
			case '\r': puts_(p, "\\r"); break;
			case '\t': puts_(p, "\\t"); break;
			case '\b': puts_(p, "\\b"); break;
			case '\f': puts_(p, "\\f"); break;
			case '\v': puts_(p, "\\v"); break;
			default: put_hex4(p, c); break;
			}
			continue;
		}
		put_cp_escaped(p, wtf8_next(s.s, s.len, &i));
	}
	put(p, "\"", 1);
}

static bool str_is_ascii(struct ast_str s)
{
	for (uint32_t i = 0; i < s.len; i++)
		if ((unsigned char)s.s[i] >= 0x80)
			return false;
	return true;
}

/* Identifiers with non-ASCII characters are spelled in ASCII: Duktape's
 * identifier tables predate ES2015 (Other_ID_Start like U+2118, newer
 * letters, ZWNJ/ZWJ escapes fail with "invalid escape"), so each such code
 * point becomes $uHEX$. Bindings and references are renamed alike; property
 * names go through print_name_key/print_member_name as strings instead. */
static void print_ident_str(struct pr *p, struct ast_str s)
{
	if (str_is_ascii(s)) {
		if (p->len && is_idchar(p->last) && s.len)
			put(p, " ", 1);
		put(p, s.s, s.len);
		return;
	}
	if (p->len && is_idchar(p->last))
		put(p, " ", 1);
	uint32_t i = 0;
	while (i < s.len) {
		unsigned char c = (unsigned char)s.s[i];
		if (c < 0x80) {
			put(p, s.s + i, 1);
			i++;
		} else {
			char b[16];
			int n = snprintf(b, sizeof(b), "$u%x$", (unsigned)wtf8_next(s.s, s.len, &i));
			put(p, b, (size_t)n);
		}
	}
	p->last = 'a';
}

/* A binding the program wrote: `__cc` followed by any number of `$` gets
 * one more `$` (jsc.h, jsc_rt_helpers), so the compiler's own `__cc` is a
 * name no program can write, and `__cc$`... stay distinct. */
static void print_user_ident(struct pr *p, const struct ast_node *n)
{
	struct ast_str s = n->ident.name;
	bool reserved = !(n->flags & AST_F_SYNTHETIC) && s.len >= 4 && !memcmp(s.s, "__cc", 4);
	for (uint32_t i = 4; reserved && i < s.len; i++)
		reserved = s.s[i] == '$';
	print_ident_str(p, s);
	if (reserved)
		put(p, "$", 1);
}

static void print_number(struct pr *p, double v)
{
	char b[40];
	if (isnan(v)) {
		op(p, "(0/0)");
		return;
	}
	if (isinf(v)) {
		op(p, v > 0 ? "(1/0)" : "(-1/0)");
		return;
	}
	if (v < 0 || (v == 0 && signbit(v))) {
		/* callers treat negative numbers as unary minus (PREC_UNARY) */
		op(p, "-");
		v = -v;
	}
	if (v == floor(v) && v < 1e21) {
		snprintf(b, sizeof(b), "%.0f", v);
	} else {
		for (int prec = 15; prec <= 17; prec++) {
			snprintf(b, sizeof(b), "%.*g", prec, v);
			if (strtod(b, NULL) == v)
				break;
		}
	}
	word(p, b);
}

static int prec_of(const struct ast_node *n)
{
	switch (n->kind) {
	case AST_SEQUENCE: return PREC_SEQ;
	case AST_ASSIGN:
	case AST_ASSIGN_PATTERN:
	case AST_ARROW:
	case AST_YIELD:
	case AST_SPREAD: return PREC_ASSIGN;
	case AST_CONDITIONAL: return PREC_COND;
	case AST_LOGICAL: return n->op == AST_OP_NULLISH ? PREC_NULLISH : n->op == AST_OP_OR ? PREC_OR : PREC_AND;
	case AST_BINARY:
		switch (n->op) {
		case AST_OP_BITOR: return PREC_BITOR;
		case AST_OP_BITXOR: return PREC_BITXOR;
		case AST_OP_BITAND: return PREC_BITAND;
		case AST_OP_EQ:
		case AST_OP_NE:
		case AST_OP_SEQ:
		case AST_OP_SNE: return PREC_EQ;
		case AST_OP_LT:
		case AST_OP_LE:
		case AST_OP_GT:
		case AST_OP_GE:
		case AST_OP_IN:
		case AST_OP_INSTANCEOF: return PREC_REL;
		case AST_OP_SHL:
		case AST_OP_SHR:
		case AST_OP_USHR: return PREC_SHIFT;
		case AST_OP_ADD:
		case AST_OP_SUB: return PREC_ADD;
		case AST_OP_MUL:
		case AST_OP_DIV:
		case AST_OP_MOD: return PREC_MUL;
		case AST_OP_EXP: return PREC_EXP;
		default: return PREC_REL;
		}
	case AST_UNARY:
	case AST_AWAIT: return PREC_UNARY;
	case AST_UPDATE: return (n->flags & AST_F_PREFIX) ? PREC_UNARY : PREC_POSTFIX;
	case AST_NEW: return n->call.args.len || true ? PREC_CALL : PREC_NEW;
	case AST_CALL:
	case AST_MEMBER:
	case AST_TAGGED_TEMPLATE:
	case AST_CHAIN: return PREC_CALL;
	case AST_NUMBER:
		return (n->number.value < 0 || (n->number.value == 0 && signbit(n->number.value))) ? PREC_UNARY
		                                                                                   : PREC_PRIMARY;
	case AST_RAW: return PREC_PRIMARY; /* printed in parentheses */
	default: return PREC_PRIMARY;
	}
}

/* Leftmost token of an expression statement must not be `{`, `function`,
 * `class` or `let [`: find the leftmost node. */
static const struct ast_node *leftmost(const struct ast_node *n)
{
	for (;;) {
		switch (n->kind) {
		case AST_BINARY:
		case AST_LOGICAL:
		case AST_ASSIGN: n = n->binary.left; break;
		case AST_CONDITIONAL: n = n->cond.test; break;
		case AST_CALL: n = n->call.callee; break;
		case AST_MEMBER: n = n->member.object; break;
		case AST_TAGGED_TEMPLATE: n = n->tagged.tag; break;
		case AST_SEQUENCE:
			if (!n->list.items.len)
				return n;
			n = n->list.items.items[0];
			break;
		case AST_UPDATE:
			if (n->flags & AST_F_PREFIX)
				return n;
			n = n->unary.arg;
			break;
		case AST_CHAIN: n = n->unary.arg; break;
		default: return n;
		}
	}
}

static bool needs_stmt_parens(const struct ast_node *e)
{
	const struct ast_node *l = leftmost(e);
	if (l->kind == AST_OBJECT || l->kind == AST_OBJECT_PATTERN || l->kind == AST_FUNCTION_EXPR ||
	    l->kind == AST_CLASS_EXPR)
		return true;
	if (l->kind == AST_IDENT && l->ident.name.len == 3 && memcmp(l->ident.name.s, "let", 3) == 0)
		return true;
	return false;
}

static bool has_call_spine(const struct ast_node *n)
{
	for (;;) {
		switch (n->kind) {
		case AST_CALL: return true;
		case AST_MEMBER: n = n->member.object; break;
		case AST_TAGGED_TEMPLATE: n = n->tagged.tag; break;
		case AST_CHAIN: return true;
		default: return false;
		}
	}
}

static void print_list(struct pr *p, const struct ast_list *l, int prec)
{
	for (uint32_t i = 0; i < l->len; i++) {
		if (i)
			put(p, ",", 1);
		line_for(p, l->items[i]);
		print_expr(p, l->items[i], prec);
	}
}

static void print_args(struct pr *p, const struct ast_list *l)
{
	bool save = p->no_in;
	p->no_in = false;
	put(p, "(", 1);
	print_list(p, l, PREC_ASSIGN);
	put(p, ")", 1);
	p->no_in = save;
}

/* Can a shorthand method with this key be printed as `key() {}` for
 * Duktape? Identifier keys that are keywords or get/set/async/static
 * cannot. */
static bool method_key_ok(const struct ast_node *pr)
{
	static const char *const bad[] = {
	        "get",        "set",        "async",    "static",  "break",   "case",      "catch",  "class",
	        "const",      "continue",   "debugger", "default", "delete",  "do",        "else",   "enum",
	        "export",     "extends",    "false",    "finally", "for",     "function",  "if",     "import",
	        "in",         "instanceof", "new",      "null",    "return",  "super",     "switch", "this",
	        "throw",      "true",       "try",      "typeof",  "var",     "void",      "while",  "with",
	        "implements", "interface",  "let",      "package", "private", "protected", "public", "yield",
	};
	const struct ast_node *k = pr->prop.key;
	if ((pr->flags & AST_F_COMPUTED) || k->kind != AST_IDENT)
		return true;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (strlen(bad[i]) == k->ident.name.len && !memcmp(bad[i], k->ident.name.s, k->ident.name.len))
			return false;
	return true;
}

static void print_prop_key(struct pr *p, const struct ast_node *n)
{
	const struct ast_node *k = n->prop.key;
	if (n->flags & AST_F_COMPUTED) {
		put(p, "[", 1);
		print_expr(p, k, PREC_ASSIGN);
		put(p, "]", 1);
	} else if (k->kind == AST_IDENT && str_is_ascii(k->ident.name)) {
		print_ident_str(p, k->ident.name);
	} else if (k->kind == AST_IDENT) {
		print_string(p, k->ident.name);
	} else if (k->kind == AST_PRIVATE_NAME) {
		op(p, "#");
		print_ident_str(p, k->ident.name);
	} else if (k->kind == AST_NUMBER) {
		print_number(p, k->number.value);
	} else {
		print_expr(p, k, PREC_PRIMARY);
	}
}

static void print_template(struct pr *p, const struct ast_node *n)
{
	put(p, "`", 1);
	for (uint32_t i = 0; i < n->tmpl.quasis.len; i++) {
		struct ast_str raw = n->tmpl.quasis.items[i]->quasi.raw;
		/* raw text is source text (already valid inside a template); escape
		 * non-ASCII to keep the output ASCII */
		uint32_t j = 0;
		while (j < raw.len) {
			unsigned char c = (unsigned char)raw.s[j];
			if (c < 0x80) {
				put(p, raw.s + j, 1);
				j++;
			} else {
				put_cp_escaped(p, wtf8_next(raw.s, raw.len, &j));
			}
		}
		if (i < n->tmpl.exprs.len) {
			puts_(p, "${");
			print_expr(p, n->tmpl.exprs.items[i], PREC_SEQ);
			put(p, "}", 1);
		}
	}
	put(p, "`", 1);
}

static void print_params(struct pr *p, const struct ast_node *fn)
{
	put(p, "(", 1);
	print_list(p, &fn->fn.params, PREC_ASSIGN);
	put(p, ")", 1);
}

static void print_body_block(struct pr *p, const struct ast_node *b, bool noctor)
{
	put(p, "{", 1);
	if (noctor)
		put(p, "\"" PRINTER_NOCTOR_DIRECTIVE "\";", sizeof(PRINTER_NOCTOR_DIRECTIVE) + 2);
	if (b->kind == AST_BLOCK) {
		for (uint32_t i = 0; i < b->list.items.len; i++)
			print_stmt(p, b->list.items.items[i]);
	} else {
		print_stmt(p, b);
	}
	put(p, "}", 1);
}

static void print_function(struct pr *p, const struct ast_node *n, bool method)
{
	if (!method) {
		if (n->flags & AST_F_ASYNC)
			word(p, "async");
		word(p, "function");
		if (n->flags & AST_F_GENERATOR)
			op(p, "*");
		if (n->fn.id) {
			put(p, " ", 1);
			print_user_ident(p, n->fn.id);
		}
	}
	print_params(p, n);
	bool save = p->no_in;
	p->no_in = false;
	print_body_block(p, n->fn.body, !method && (n->flags & AST_F_NOCTOR));
	p->no_in = save;
}

static void print_class(struct pr *p, const struct ast_node *n)
{
	word(p, "class");
	if (n->cls.id) {
		put(p, " ", 1);
		print_user_ident(p, n->cls.id);
	}
	if (n->cls.super_class) {
		word(p, "extends");
		put(p, " ", 1);
		print_expr(p, n->cls.super_class, PREC_CALL);
	}
	put(p, "{", 1);
	for (uint32_t i = 0; i < n->cls.body.len; i++) {
		const struct ast_node *m = n->cls.body.items[i];
		line_for(p, m);
		if (m->kind == AST_STATIC_BLOCK) {
			word(p, "static");
			/* The scope pass may wrap the body in one block of its own. */
			if (m->list.items.len == 1 && m->list.items.items[0]->kind == AST_BLOCK)
				print_stmt(p, m->list.items.items[0]);
			else
				print_stmt(p, m);
			continue;
		}
		if (m->flags & AST_F_STATIC)
			word(p, "static ");
		if (m->kind == AST_FIELD) {
			print_prop_key(p, m);
			if (m->prop.value) {
				put(p, "=", 1);
				print_expr(p, m->prop.value, PREC_ASSIGN);
			}
			put(p, ";", 1);
			continue;
		}
		const struct ast_node *fn = m->prop.value;
		if (m->op == AST_METHOD_GET)
			word(p, "get ");
		else if (m->op == AST_METHOD_SET)
			word(p, "set ");
		if (fn->flags & AST_F_ASYNC)
			word(p, "async ");
		if (fn->flags & AST_F_GENERATOR)
			op(p, "*");
		print_prop_key(p, m);
		print_function(p, fn, true);
	}
	put(p, "}", 1);
}

static void print_object(struct pr *p, const struct ast_node *n)
{
	bool save = p->no_in;
	p->no_in = false;
	put(p, "{", 1);
	for (uint32_t i = 0; i < n->list.items.len; i++) {
		const struct ast_node *pr = n->list.items.items[i];
		if (i)
			put(p, ",", 1);
		line_for(p, pr);
		if (pr->kind == AST_SPREAD || pr->kind == AST_REST) {
			op(p, "...");
			print_expr(p, pr->unary.arg, PREC_ASSIGN);
			continue;
		}
		if (pr->kind != AST_PROPERTY) {
			print_expr(p, pr, PREC_ASSIGN);
			continue;
		}
		if (pr->op == AST_PROP_GET || pr->op == AST_PROP_SET) {
			word(p, pr->op == AST_PROP_GET ? "get" : "set");
			put(p, " ", 1);
			print_prop_key(p, pr);
			print_function(p, pr->prop.value, true);
			continue;
		}
		if ((pr->flags & AST_F_METHOD) && !method_key_ok(pr)) {
			/* Duktape misparses `get() {}`, `set() {}` and keyword-named
			 * shorthand methods: print `"with": function () {}` */
			print_string(p, pr->prop.key->ident.name);
			put(p, ":", 1);
			print_function(p, pr->prop.value, false);
			continue;
		}
		if (pr->flags & AST_F_METHOD) {
			const struct ast_node *fn = pr->prop.value;
			if (fn->flags & AST_F_ASYNC)
				word(p, "async ");
			if (fn->flags & AST_F_GENERATOR)
				op(p, "*");
			print_prop_key(p, pr);
			print_function(p, fn, true);
			continue;
		}
		/* shorthand {a} / {a = 1} is printed as {a: a} / {a: a = 1}: ES5-valid */
		print_prop_key(p, pr);
		put(p, ":", 1);
		print_expr(p, pr->prop.value, PREC_ASSIGN);
	}
	put(p, "}", 1);
	p->no_in = save;
}

static void print_expr(struct pr *p, const struct ast_node *n, int min_prec)
{
	if (p->err)
		return;
	if (++p->depth > PRINTER_MAX_DEPTH) {
		p->err = -E2BIG;
		p->depth--;
		return;
	}
	int prec = prec_of(n);
	bool in_paren = prec < min_prec || (p->no_in && n->kind == AST_BINARY && n->op == AST_OP_IN);
	bool save_no_in = p->no_in;
	if (in_paren) {
		put(p, "(", 1);
		p->no_in = false;
	}
	switch ((enum ast_kind)n->kind) {
	case AST_IDENT: print_user_ident(p, n); break;
	case AST_PRIVATE_NAME:
		op(p, "#");
		print_ident_str(p, n->ident.name);
		break;
	case AST_NUMBER: print_number(p, n->number.value); break;
	case AST_STRING: print_string(p, n->string.value); break;
	case AST_TEMPLATE: print_template(p, n); break;
	case AST_TAGGED_TEMPLATE:
		print_expr(p, n->tagged.tag, PREC_CALL);
		print_template(p, n->tagged.quasi);
		break;
	case AST_REGEXP:
		/* Duktape's own RegExp is ES5: every literal is built by the
		 * runtime's engine (guest/runtime/regexp.js), one object per
		 * evaluation as for a literal; the pattern was validated by the lexer. */
		word(p, "__cc.re(");
		print_string(p, n->regexp.pattern);
		op(p, ",");
		print_string(p, n->regexp.flags);
		op(p, ")");
		break;
	case AST_NULL: word(p, "null"); break;
	case AST_TRUE: word(p, "true"); break;
	case AST_FALSE: word(p, "false"); break;
	case AST_THIS: word(p, "this"); break;
	case AST_SUPER: word(p, "super"); break;
	case AST_HOLE: break;
	case AST_RAW:
		put(p, "(", 1);
		put(p, n->raw.text.s, n->raw.text.len);
		put(p, ")", 1);
		break;
	case AST_PAREN:
		put(p, "(", 1);
		print_expr(p, n->unary.arg, PREC_SEQ);
		put(p, ")", 1);
		break;
	case AST_ARRAY:
	case AST_ARRAY_PATTERN: {
		bool save = p->no_in;
		p->no_in = false;
		put(p, "[", 1);
		for (uint32_t i = 0; i < n->list.items.len; i++) {
			if (i)
				put(p, ",", 1);
			line_for(p, n->list.items.items[i]);
			print_expr(p, n->list.items.items[i], PREC_ASSIGN);
		}
		/* a trailing hole needs an extra comma to count */
		if (n->list.items.len && n->list.items.items[n->list.items.len - 1]->kind == AST_HOLE)
			put(p, ",", 1);
		put(p, "]", 1);
		p->no_in = save;
		break;
	}
	case AST_OBJECT:
	case AST_OBJECT_PATTERN: print_object(p, n); break;
	case AST_PROPERTY:
		print_prop_key(p, n);
		put(p, ":", 1);
		print_expr(p, n->prop.value, PREC_ASSIGN);
		break;
	case AST_SPREAD:
	case AST_REST:
		op(p, "...");
		print_expr(p, n->unary.arg, PREC_ASSIGN);
		break;
	case AST_FUNCTION_EXPR:
	case AST_FUNCTION_DECL: print_function(p, n, false); break;
	case AST_ARROW:
		if (n->flags & AST_F_ASYNC)
			word(p, "async");
		print_params(p, n);
		op(p, "=>");
		if (n->flags & AST_F_EXPR_BODY) {
			if (needs_stmt_parens(n->fn.body) && leftmost(n->fn.body)->kind == AST_OBJECT) {
				put(p, "(", 1);
				print_expr(p, n->fn.body, PREC_ASSIGN);
				put(p, ")", 1);
			} else {
				print_expr(p, n->fn.body, PREC_ASSIGN);
			}
		} else {
			print_body_block(p, n->fn.body, false);
		}
		break;
	case AST_CLASS_EXPR:
	case AST_CLASS_DECL: print_class(p, n); break;
	case AST_UNARY: {
		const char *t = ast_op_text(n->op);
		op(p, t);
		const struct ast_node *a = n->unary.arg;
		bool sign = n->op == AST_OP_NEG || n->op == AST_OP_POS;
		if (sign && ((a->kind == AST_UNARY && (a->op == AST_OP_NEG || a->op == AST_OP_POS)) ||
		             (a->kind == AST_UPDATE && (a->flags & AST_F_PREFIX)) ||
		             (a->kind == AST_NUMBER && prec_of(a) == PREC_UNARY)))
			put(p, " ", 1);
		print_expr(p, a, PREC_UNARY);
		break;
	}
	case AST_AWAIT:
		word(p, "await");
		put(p, " ", 1);
		print_expr(p, n->unary.arg, PREC_UNARY);
		break;
	case AST_UPDATE:
		if (n->flags & AST_F_PREFIX) {
			op(p, ast_op_text(n->op));
			print_expr(p, n->unary.arg, PREC_UNARY);
		} else {
			print_expr(p, n->unary.arg, PREC_CALL);
			op(p, ast_op_text(n->op));
		}
		break;
	case AST_BINARY:
	case AST_LOGICAL: {
		const struct ast_node *l = n->binary.left, *r = n->binary.right;
		int lp = prec, rp = prec + 1;
		if (n->op == AST_OP_EXP) {
			lp = prec + 1;
			rp = prec;
			if (l->kind == AST_UNARY || l->kind == AST_AWAIT || prec_of(l) == PREC_UNARY)
				lp = PREC_PRIMARY;
		}
		if (n->kind == AST_LOGICAL) {
			/* ?? cannot mix with || / && unparenthesised */
			bool nul = n->op == AST_OP_NULLISH;
			if (l->kind == AST_LOGICAL && (l->op == AST_OP_NULLISH) != nul)
				lp = PREC_PRIMARY;
			if (r->kind == AST_LOGICAL && (r->op == AST_OP_NULLISH) != nul)
				rp = PREC_PRIMARY;
		}
		print_expr(p, l, lp);
		op(p, ast_op_text(n->op));
		print_expr(p, r, rp);
		break;
	}
	case AST_ASSIGN:
	case AST_ASSIGN_PATTERN:
		print_expr(p, n->binary.left, PREC_CALL);
		op(p, n->kind == AST_ASSIGN ? ast_op_text(n->op) : "=");
		print_expr(p, n->binary.right, PREC_ASSIGN);
		break;
	case AST_CONDITIONAL: {
		print_expr(p, n->cond.test, PREC_NULLISH);
		put(p, "?", 1);
		/* `in` stays parenthesised here in a for-init: the grammar allows
		 * it bare, Duktape's parser does not */
		print_expr(p, n->cond.cons, PREC_ASSIGN);
		put(p, ":", 1);
		print_expr(p, n->cond.alt, PREC_ASSIGN);
		break;
	}
	case AST_CALL:
		print_expr(p, n->call.callee, PREC_CALL);
		if (n->flags & AST_F_OPTIONAL)
			puts_(p, "?.");
		print_args(p, &n->call.args);
		break;
	case AST_NEW:
		word(p, "new");
		put(p, " ", 1);
		if (has_call_spine(n->call.callee) || prec_of(n->call.callee) < PREC_CALL) {
			put(p, "(", 1);
			print_expr(p, n->call.callee, PREC_SEQ);
			put(p, ")", 1);
		} else {
			print_expr(p, n->call.callee, PREC_CALL);
		}
		print_args(p, &n->call.args);
		break;
	case AST_MEMBER: {
		const struct ast_node *o = n->member.object;
		bool num = o->kind == AST_NUMBER && prec_of(o) == PREC_PRIMARY;
		if (num) {
			put(p, "(", 1);
			print_expr(p, o, PREC_SEQ);
			put(p, ")", 1);
		} else {
			print_expr(p, o, PREC_CALL);
		}
		if (n->flags & AST_F_OPTIONAL)
			puts_(p, "?.");
		if (n->flags & AST_F_COMPUTED) {
			bool save = p->no_in;
			p->no_in = false;
			put(p, "[", 1);
			print_expr(p, n->member.property, PREC_SEQ);
			put(p, "]", 1);
			p->no_in = save;
		} else if (n->member.property->kind == AST_IDENT && !str_is_ascii(n->member.property->ident.name)) {
			put(p, "[", 1);
			print_string(p, n->member.property->ident.name);
			put(p, "]", 1);
		} else {
			if (!(n->flags & AST_F_OPTIONAL))
				put(p, ".", 1);
			if (n->member.property->kind == AST_PRIVATE_NAME)
				put(p, "#", 1);
			print_ident_str(p, n->member.property->ident.name);
		}
		break;
	}
	case AST_CHAIN: print_expr(p, n->unary.arg, PREC_CALL); break;
	case AST_SEQUENCE:
		for (uint32_t i = 0; i < n->list.items.len; i++) {
			if (i)
				put(p, ",", 1);
			print_expr(p, n->list.items.items[i], PREC_ASSIGN);
		}
		break;
	case AST_YIELD:
		word(p, "yield");
		if (n->flags & AST_F_DELEGATE)
			op(p, "*");
		if (n->unary.arg) {
			put(p, " ", 1);
			print_expr(p, n->unary.arg, PREC_ASSIGN);
		}
		break;
	case AST_META_PROPERTY: word(p, n->op == AST_META_NEW_TARGET ? "new.target" : "import.meta"); break;
	case AST_IMPORT_CALL:
		word(p, "import");
		put(p, "(", 1);
		print_expr(p, n->unary.arg, PREC_ASSIGN);
		put(p, ")", 1);
		break;
	default:
		/* a statement where an expression was expected: a pass bug */
		word(p, "void 0");
		break;
	}
	if (in_paren) {
		put(p, ")", 1);
		p->no_in = save_no_in;
	}
	p->depth--;
}

static void print_var(struct pr *p, const struct ast_node *n)
{
	/* Hoisted temporaries (synthetic, no initialiser) come from all over
	 * the function: no line breaks for them, and none right after `var`. */
	bool hoisted = n->flags & AST_F_SYNTHETIC;
	if (n->var.decls.len && !hoisted)
		line_for(p, n->var.decls.items[0]);
	word(p, ast_op_text(n->op));
	put(p, " ", 1);
	for (uint32_t i = 0; i < n->var.decls.len; i++) {
		const struct ast_node *d = n->var.decls.items[i];
		if (i)
			put(p, ",", 1);
		if (i && (!hoisted || d->declarator.init))
			line_for(p, d);
		print_expr(p, d->declarator.id, PREC_CALL);
		if (d->declarator.init) {
			put(p, "=", 1);
			print_expr(p, d->declarator.init, PREC_ASSIGN);
		}
	}
}

/* A statement in a position that takes exactly one (if/loop body). */
static void print_sub(struct pr *p, const struct ast_node *n)
{
	print_stmt(p, n);
}

static void print_stmt(struct pr *p, const struct ast_node *n)
{
	if (p->err)
		return;
	if (++p->depth > PRINTER_MAX_DEPTH) {
		p->err = -E2BIG;
		p->depth--;
		return;
	}
	line_for_kind(p, n, true);
	switch ((enum ast_kind)n->kind) {
	case AST_EMPTY: put(p, ";", 1); break;
	case AST_EXPR_STMT: {
		const struct ast_node *e = n->unary.arg;
		if ((n->flags & AST_F_DIRECTIVE) && e->kind == AST_STRING && is_noctor(e)) {
			/* The program's own: spelled with an escape it stays in
			 * the prologue (a "use strict" after it still counts),
			 * and Duktape ignores it, as it ignores any directive
			 * written with escapes. */
			static const char escaped[] = "\"use cc noct\\u006fr\";";
			put(p, escaped, sizeof escaped - 1);
			break;
		}
		if (needs_stmt_parens(e) || (e->kind == AST_STRING && !(n->flags & AST_F_DIRECTIVE))) {
			put(p, "(", 1);
			print_expr(p, e, PREC_SEQ);
			put(p, ")", 1);
		} else {
			print_expr(p, e, PREC_SEQ);
		}
		put(p, ";", 1);
		break;
	}
	case AST_BLOCK:
	case AST_STATIC_BLOCK:
		put(p, "{", 1);
		for (uint32_t i = 0; i < n->list.items.len; i++)
			print_stmt(p, n->list.items.items[i]);
		put(p, "}", 1);
		break;
	case AST_VAR_DECL:
		print_var(p, n);
		put(p, ";", 1);
		break;
	case AST_FUNCTION_DECL: print_function(p, n, false); break;
	case AST_CLASS_DECL: print_class(p, n); break;
	case AST_IF:
		word(p, "if");
		put(p, "(", 1);
		print_expr(p, n->cond.test, PREC_SEQ);
		put(p, ")", 1);
		print_sub(p, n->cond.cons);
		if (n->cond.alt) {
			word(p, "else");
			put(p, " ", 1);
			print_sub(p, n->cond.alt);
		}
		break;
	case AST_FOR:
		word(p, "for");
		put(p, "(", 1);
		if (n->for_.init) {
			p->no_in = true;
			if (n->for_.init->kind == AST_VAR_DECL)
				print_var(p, n->for_.init);
			else
				print_expr(p, n->for_.init, PREC_SEQ);
			p->no_in = false;
		}
		put(p, ";", 1);
		if (n->for_.test)
			print_expr(p, n->for_.test, PREC_SEQ);
		put(p, ";", 1);
		if (n->for_.update)
			print_expr(p, n->for_.update, PREC_SEQ);
		put(p, ")", 1);
		print_sub(p, n->for_.body);
		break;
	case AST_FOR_IN:
	case AST_FOR_OF:
		word(p, "for");
		if (n->flags & AST_F_AWAIT)
			word(p, " await");
		put(p, "(", 1);
		p->no_in = true;
		if (n->for_in.left->kind == AST_VAR_DECL)
			print_var(p, n->for_in.left);
		else
			print_expr(p, n->for_in.left, PREC_CALL);
		p->no_in = false;
		word(p, n->kind == AST_FOR_IN ? " in " : " of ");
		print_expr(p, n->for_in.right, n->kind == AST_FOR_IN ? PREC_SEQ : PREC_ASSIGN);
		put(p, ")", 1);
		print_sub(p, n->for_in.body);
		break;
	case AST_WHILE:
		word(p, "while");
		put(p, "(", 1);
		print_expr(p, n->loop.test, PREC_SEQ);
		put(p, ")", 1);
		print_sub(p, n->loop.body);
		break;
	case AST_DO_WHILE:
		word(p, "do");
		put(p, " ", 1);
		print_sub(p, n->loop.body);
		word(p, "while");
		put(p, "(", 1);
		print_expr(p, n->loop.test, PREC_SEQ);
		puts_(p, ");");
		break;
	case AST_RETURN:
	case AST_THROW:
		word(p, n->kind == AST_RETURN ? "return" : "throw");
		if (n->unary.arg) {
			put(p, " ", 1);
			print_expr(p, n->unary.arg, PREC_SEQ);
		}
		put(p, ";", 1);
		break;
	case AST_BREAK:
	case AST_CONTINUE:
		word(p, n->kind == AST_BREAK ? "break" : "continue");
		if (n->jump.label) {
			put(p, " ", 1);
			print_ident_str(p, n->jump.label->ident.name);
		}
		put(p, ";", 1);
		break;
	case AST_TRY:
		word(p, "try");
		print_stmt(p, n->try_.block);
		if (n->try_.handler) {
			const struct ast_node *c = n->try_.handler;
			line_for(p, c);
			word(p, "catch");
			put(p, "(", 1);
			if (c->catch_.param)
				print_expr(p, c->catch_.param, PREC_ASSIGN);
			else
				puts_(p, "__jsc_unused"); /* ES5 requires a binding */
			put(p, ")", 1);
			print_stmt(p, c->catch_.body);
		}
		if (n->try_.finalizer) {
			word(p, "finally");
			print_stmt(p, n->try_.finalizer);
		}
		break;
	case AST_SWITCH:
		word(p, "switch");
		put(p, "(", 1);
		print_expr(p, n->switch_.disc, PREC_SEQ);
		puts_(p, "){");
		for (uint32_t i = 0; i < n->switch_.cases.len; i++) {
			const struct ast_node *c = n->switch_.cases.items[i];
			line_for(p, c);
			if (c->case_.test) {
				word(p, "case");
				put(p, " ", 1);
				print_expr(p, c->case_.test, PREC_SEQ);
			} else {
				word(p, "default");
			}
			put(p, ":", 1);
			for (uint32_t j = 0; j < c->case_.body.len; j++)
				print_stmt(p, c->case_.body.items[j]);
		}
		put(p, "}", 1);
		break;
	case AST_LABELED:
		print_ident_str(p, n->labeled.label->ident.name);
		put(p, ":", 1);
		print_sub(p, n->labeled.body);
		break;
	case AST_DEBUGGER:
		word(p, "debugger");
		put(p, ";", 1);
		break;
	case AST_WITH:
		word(p, "with");
		put(p, "(", 1);
		print_expr(p, n->with.object, PREC_SEQ);
		put(p, ")", 1);
		print_sub(p, n->with.body);
		break;
	case AST_EXPORT_DEFAULT:
	case AST_EXPORT_NAMED:
		/* The driver removes module syntax; print the declaration alone. */
		if (n->export_.decl) {
			if (ast_is_statement(n->export_.decl->kind))
				print_stmt(p, n->export_.decl);
			else {
				print_expr(p, n->export_.decl, PREC_ASSIGN);
				put(p, ";", 1);
			}
		}
		break;
	case AST_IMPORT_DECL:
	case AST_EXPORT_ALL: break;
	default:
		/* an expression node in statement position: print it as one */
		if (!ast_is_statement(n->kind)) {
			if (needs_stmt_parens(n)) {
				put(p, "(", 1);
				print_expr(p, n, PREC_SEQ);
				put(p, ")", 1);
			} else {
				print_expr(p, n, PREC_SEQ);
			}
			put(p, ";", 1);
		}
		break;
	}
	p->depth--;
}

int printer_print(const struct ast_program *prog, struct printer_output *out)
{
	struct pr p;
	memset(&p, 0, sizeof(p));
	memset(out, 0, sizeof(*out));
	p.line_offset = prog->line_offset;
	/* Rough size guess: output is about the size of the input. */
	grow(&p, prog->src_len + 256);
	const struct ast_node *root = prog->root;
	if (root) {
		for (uint32_t i = 0; i < root->program.body.len; i++)
			print_stmt(&p, root->program.body.items[i]);
	}
	if (p.map_len == 0)
		map_push(&p, 0, 0);
	put(&p, "\n", 1);
	grow(&p, 1);
	if (p.err) {
		free(p.buf);
		free(p.map);
		free(p.cmap);
		return p.err;
	}
	p.buf[p.len] = '\0';
	out->code = p.buf;
	out->len = p.len;
	out->line_map = p.map;
	out->col_map = p.cmap;
	out->line_map_len = p.map_len;
	return 0;
}
