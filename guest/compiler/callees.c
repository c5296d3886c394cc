/* callees: see callees.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "callees.h"
#include "lower.h"

/* The printer's recursion bound: deeper callees print as V8 prints what it
 * does not spell out. */
#define CALLEE_MAX_DEPTH 24

struct buf {
	char *s;
	size_t len, cap;
	bool failed;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (b->len + n + 1 > cap)
			cap *= 2;
		char *p = realloc(b->s, cap);
		if (!p) {
			b->failed = true;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static const char INTERMEDIATE[] = "(intermediate value)";

/* V8's CallPrinter, for the expressions a callee is made of. */
static void print_callee(struct buf *b, const char *src, const struct ast_node *n, int depth)
{
	if (!n || depth > CALLEE_MAX_DEPTH) {
		puts_(b, INTERMEDIATE);
		return;
	}
	switch (n->kind) {
	case AST_IDENT: put(b, n->ident.name.s, n->ident.name.len); break;
	case AST_THIS: puts_(b, "this"); break;
	case AST_SUPER: puts_(b, "super"); break;
	case AST_CHAIN: print_callee(b, src, n->unary.arg, depth + 1); break;
	case AST_STRING:
		puts_(b, "\"");
		put(b, n->string.value.s, n->string.value.len);
		puts_(b, "\"");
		break;
	case AST_NUMBER:
		if (n->end > n->pos.offset)
			put(b, src + n->pos.offset, n->end - n->pos.offset);
		else
			puts_(b, INTERMEDIATE);
		break;
	case AST_TEMPLATE:
		/* a template without substitutions is a string literal to V8 */
		if (n->tmpl.exprs.len == 0 && n->tmpl.quasis.len == 1 && n->tmpl.quasis.items[0]->quasi.cooked.s) {
			puts_(b, "\"");
			put(b, n->tmpl.quasis.items[0]->quasi.cooked.s, n->tmpl.quasis.items[0]->quasi.cooked.len);
			puts_(b, "\"");
		} else {
			puts_(b, INTERMEDIATE);
		}
		break;
	case AST_CALL:
		print_callee(b, src, n->call.callee, depth + 1);
		puts_(b, (n->flags & AST_F_OPTIONAL) ? "?.(...)" : "(...)");
		break;
	case AST_MEMBER: {
		const struct ast_node *p = n->member.property;
		print_callee(b, src, n->member.object, depth + 1);
		bool opt = (n->flags & AST_F_OPTIONAL) != 0;
		if (!(n->flags & AST_F_COMPUTED)) {
			puts_(b, opt ? "?." : ".");
			if (p->kind == AST_PRIVATE_NAME)
				puts_(b, "#");
			put(b, p->ident.name.s, p->ident.name.len);
		} else if (p->kind == AST_STRING) {
			/* a literal string key prints as a dotted name */
			puts_(b, opt ? "?." : ".");
			put(b, p->string.value.s, p->string.value.len);
		} else {
			puts_(b, opt ? "?.[" : "[");
			print_callee(b, src, p, depth + 1);
			puts_(b, "]");
		}
		break;
	}
	default: puts_(b, INTERMEDIATE); break;
	}
}

/* A JSON string (ES5 source, so U+2028/U+2029 are escaped too). */
static void put_json_string(struct buf *b, const char *s, size_t n)
{
	puts_(b, "\"");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[8];
		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			put(b, esc, 2);
		} else if (c < 0x20) {
			snprintf(esc, sizeof(esc), "\\u%04x", c);
			put(b, esc, 6);
		} else if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		           ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9)) {
			puts_(b, (unsigned char)s[i + 2] == 0xa8 ? "\\u2028" : "\\u2029");
			i += 2;
		} else {
			put(b, (const char *)&s[i], 1);
		}
	}
	puts_(b, "\"");
}

/* The position just past a computed member callee (`o[k]` -> its `(`),
 * from its key's position: UTF-16 units on the same line. */
static bool callee_end_column(const char *src, const struct ast_node *key, uint32_t end, struct ast_pos *out)
{
	if (!end || end < key->pos.offset)
		return false;
	uint32_t col = key->pos.column;
	for (uint32_t i = key->pos.offset; i < end; i++) {
		unsigned char c = (unsigned char)src[i];
		if (c == '\n' || c == '\r')
			return false;
		if ((c & 0xc0) == 0x80)
			continue; /* continuation byte */
		col += c >= 0xf0 ? 2 : 1;
	}
	*out = key->pos;
	out->column = col;
	return true;
}

struct walk {
	struct ast_program *prog;
	const char *src;
	struct buf out;
	unsigned entries;
};

static int visit(struct ast_node **slot, void *p)
{
	struct walk *w = p;
	struct ast_node *n = *slot;
	if (!n)
		return 0;
	if ((n->kind == AST_CALL || n->kind == AST_NEW) && w->entries < CALLEES_MAX_ENTRIES && n->call.callee &&
	    n->call.callee->kind != AST_SUPER && !(n->flags & AST_F_SYNTHETIC)) {
		const struct ast_node *callee = n->call.callee;
		while (callee->kind == AST_CHAIN)
			callee = callee->unary.arg;
		int kind = n->kind == AST_NEW ? 2 : callee->kind == AST_MEMBER ? 0 : 1;
		struct buf text = {0};
		print_callee(&text, w->src, callee, 0);
		const char *key = "";
		size_t key_len = 0;
		/* where V8 puts the error: the property of a member call, the
		 * callee of another call, the `new` of a construction */
		const struct ast_pos *pos = n->kind == AST_NEW ? &n->pos : &callee->pos;
		struct ast_pos end_pos;
		if (kind == 0) {
			const struct ast_node *prop = callee->member.property;
			pos = &prop->pos;
			if ((callee->flags & AST_F_COMPUTED) && callee_end_column(w->src, prop, callee->end, &end_pos))
				pos = &end_pos; /* V8 blames `o[k]()` at its `(` */
			if (!(callee->flags & AST_F_COMPUTED) && prop->kind == AST_IDENT) {
				key = prop->ident.name.s;
				key_len = prop->ident.name.len;
			} else if (prop->kind == AST_STRING) {
				key = prop->string.value.s;
				key_len = prop->string.value.len;
			} else if (prop->kind == AST_NUMBER && prop->end > prop->pos.offset) {
				key = w->src + prop->pos.offset;
				key_len = prop->end - prop->pos.offset;
			}
			/* o.m?.() runs as f.call(o) (lower_expr.c lower_chain), so a
			 * non-callable m reaches messages.js as property 'call' */
			if ((n->flags & AST_F_OPTIONAL) && callee->member.object->kind != AST_SUPER) {
				key = "call";
				key_len = 4;
			}
		}
		if (!text.failed && text.s && strcmp(text.s, INTERMEDIATE) != 0) {
			size_t tl = text.len;
			if (tl > CALLEES_MAX_TEXT) {
				tl = CALLEES_MAX_TEXT;
				while (tl > 0 && ((unsigned char)text.s[tl] & 0xc0) == 0x80)
					tl--; /* not inside a UTF-8 sequence */
			}
			char head[64];
			snprintf(head, sizeof(head), "%s[%u,%u,%d,", w->entries ? "," : "",
			         (unsigned)(pos->line + w->prog->line_offset), (unsigned)pos->column, kind);
			puts_(&w->out, head);
			put_json_string(&w->out, key, key_len);
			puts_(&w->out, ",");
			put_json_string(&w->out, text.s, tl);
			if (tl < text.len)
				w->out.len -= 1, puts_(&w->out, "...\"");
			puts_(&w->out, "]");
			w->entries++;
		}
		free(text.s);
	}
	return lower_children(n, visit, w);
}

char *callees_collect(struct ast_program *prog, const char *src, size_t *len)
{
	struct walk w = {.prog = prog, .src = src};
	puts_(&w.out, "[");
	lower_children(prog->root, visit, &w);
	puts_(&w.out, "]");
	if (w.out.failed) {
		free(w.out.s);
		return NULL;
	}
	*len = w.out.len;
	return w.out.s;
}
