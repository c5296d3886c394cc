/* parser: ES2023 + TypeScript recursive-descent parser (see parser.h).
 *
 * Errors longjmp to one point in parser_parse (the arena owns every
 * allocation, so nothing leaks). Speculative parses (TypeScript arrow
 * parameters, type arguments) save the lexer, set their own jump target and
 * restore on failure; a budget bounds how much speculation a hostile input
 * can trigger. Messages follow V8's wording. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "early.h"
#include "lexer.h"
#include "parser.h"

/* Failed speculative parses allowed per compile, plus one per 16 source
 * bytes: real TypeScript needs a few per arrow function; the cap keeps
 * nested ambiguous parentheses from going exponential. */
#define PARSER_SPEC_BUDGET 256

struct label {
	struct label *up;
	struct ast_str name;
	bool loop;
};

struct ns_seen;

struct fnctx {
	struct fnctx *up;
	struct ast_node *fn; /* NULL for the program */
	bool arrow, async, gen, strict, program;
	bool super_call, super_prop, new_target; /* allowed here */
	bool class_field;                        /* in a field initializer: `arguments` is an error */
	bool in_params;                          /* parsing this function's formal parameters */
	uint32_t uses;
	struct label *labels;
	int breakable, loops;
};

struct parser {
	struct lexer lx;
	struct ast_program *prog;
	struct ast_arena *a;
	jmp_buf *fail;
	struct fnctx *fn;
	struct parser_info *info;
	uint32_t prev_end;
	int depth;
	long spec_budget;
	long scan_budget;  /* tokens paren_maybe_arrow may look ahead, in total */
	bool no_in;        /* parsing a for-init: `in` is not a binary operator */
	bool in_type_spec; /* inside a speculative parse (errors are expected) */
	int cover_count;   /* pending `{a = 1}` object initialisers */
	struct ast_pos cover_pos;
	bool module;
	/* class context for private names */
	int class_depth;
	struct ns_seen *ns_seen;    /* namespaces parsed so far (parse_namespace) */
	struct ns_seen *ns_classes; /* class declarations, for a namespace merging with one */
};

#define TOK (p->lx.tok)

__attribute__((noreturn, format(printf, 3, 4))) static void fail_at(struct parser *p, struct ast_pos pos,
                                                                    const char *fmt, ...)
{
	if (!p->prog->error.set) {
		p->prog->error.set = true;
		p->prog->error.pos = pos;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(p->prog->error.msg, sizeof(p->prog->error.msg), fmt, ap);
		va_end(ap);
	}
	longjmp(*p->fail, 1);
}

static bool is_reserved(const struct token *t)
{
	return t->type == TK_NAME && !t->escaped && t->kw != KW_NONE && t->kw <= KW_LAST_RESERVED;
}

__attribute__((noreturn)) static void unexpected(struct parser *p)
{
	const struct token *t = &TOK;
	switch (t->type) {
	case TK_EOF: fail_at(p, t->pos, "Unexpected end of input");
	case TK_NAME:
		if (is_reserved(t))
			fail_at(p, t->pos, "Unexpected token '%s'", t->str.s);
		if (p->fn->strict && t->kw >= KW_IMPLEMENTS && t->kw <= KW_LAST_STRICT)
			fail_at(p, t->pos, "Unexpected strict mode reserved word");
		fail_at(p, t->pos, "Unexpected identifier '%s'", t->str.s);
	case TK_NUMBER: fail_at(p, t->pos, "Unexpected number");
	case TK_STRING: fail_at(p, t->pos, "Unexpected string");
	case TK_TEMPLATE: fail_at(p, t->pos, "Unexpected template string");
	case TK_PRIVATE: fail_at(p, t->pos, "Unexpected identifier '#%s'", t->str.s);
	case TK_REGEXP: fail_at(p, t->pos, "Unexpected regular expression");
	case TK_AT:
		fail_at(p, t->pos,
		        "Decorators are not supported (TypeScript/ES decorators need a runtime the sandbox does not "
		        "provide)");
	default: fail_at(p, t->pos, "Unexpected token '%s'", lexer_tk_text(t->type));
	}
}

static void next(struct parser *p)
{
	p->prev_end = TOK.end;
	lexer_next(&p->lx);
}

static bool is(struct parser *p, enum tk t)
{
	return TOK.type == t;
}

static bool is_kw(struct parser *p, enum kw k)
{
	return TOK.type == TK_NAME && TOK.kw == k && !TOK.escaped;
}

static bool eat(struct parser *p, enum tk t)
{
	if (TOK.type != t)
		return false;
	next(p);
	return true;
}

static bool eat_kw(struct parser *p, enum kw k)
{
	if (!is_kw(p, k))
		return false;
	next(p);
	return true;
}

static void expect(struct parser *p, enum tk t)
{
	if (TOK.type != t)
		unexpected(p);
	next(p);
}

static void expect_kw(struct parser *p, enum kw k)
{
	if (!is_kw(p, k))
		unexpected(p);
	next(p);
}

/* Peeks the token after the current one. */
static struct token peek(struct parser *p)
{
	struct lexer save = p->lx;
	lexer_next(&p->lx);
	struct token t = p->lx.tok;
	p->lx = save;
	return t;
}

static void semicolon(struct parser *p)
{
	if (eat(p, TK_SEMI))
		return;
	if (is(p, TK_RBRACE) || is(p, TK_EOF) || TOK.nl_before)
		return;
	unexpected(p);
}

static void enter(struct parser *p)
{
	if (++p->depth > AST_MAX_DEPTH)
		fail_at(p, TOK.pos, "nesting too deep (more than %d levels)", AST_MAX_DEPTH);
}

static void leave(struct parser *p)
{
	p->depth--;
}

static struct ast_node *node(struct parser *p, enum ast_kind k, struct ast_pos pos)
{
	return ast_new(p->a, k, pos);
}

static struct ast_node *finish(struct parser *p, struct ast_node *n)
{
	n->end = p->prev_end;
	return n;
}

static void feat(struct parser *p, uint32_t f)
{
	p->prog->features |= f;
}

static void use(struct parser *p, uint32_t u)
{
	struct fnctx *c = p->fn;
	for (;;) {
		c->uses |= u;
		if (!c->arrow || !c->up)
			break;
		c = c->up;
	}
	if (c->program)
		p->prog->top_uses |= u;
}

/* Is the current token an identifier usable as a binding/reference here? */
static bool is_ident_tok(struct parser *p)
{
	const struct token *t = &TOK;
	if (t->type != TK_NAME)
		return false;
	if (t->escaped)
		return true; /* checked by check_ident */
	if (t->kw == KW_NONE || t->kw > KW_LAST_STRICT)
		return !(t->kw == KW_AWAIT && p->fn->async);
	if (t->kw <= KW_LAST_RESERVED)
		return false;
	if (t->kw == KW_YIELD)
		return !p->fn->gen && !p->fn->strict;
	return !p->fn->strict;
}

static struct ast_node *ident_from_tok(struct parser *p)
{
	struct ast_node *n = node(p, AST_IDENT, TOK.pos);
	n->ident.name = TOK.str;
	n->end = TOK.end;
	return n;
}

static struct ast_node *parse_ident(struct parser *p)
{
	if (!is_ident_tok(p)) {
		if (TOK.type == TK_NAME && TOK.kw == KW_AWAIT && p->fn->async)
			fail_at(p, TOK.pos, "Unexpected reserved word");
		unexpected(p);
	}
	if (TOK.escaped) {
		enum kw k = lexer_keyword(TOK.str.s, TOK.str.len);
		if (k != KW_NONE && (k <= KW_LAST_RESERVED || (p->fn->strict && k <= KW_LAST_STRICT) ||
		                     (k == KW_AWAIT && p->fn->async) || (k == KW_YIELD && p->fn->gen)))
			fail_at(p, TOK.pos, "Keyword must not contain escaped characters");
	}
	struct ast_node *n = ident_from_tok(p);
	next(p);
	return n;
}

/* Any IdentifierName (property names after '.', keys). */
static struct ast_node *parse_name(struct parser *p)
{
	if (TOK.type != TK_NAME)
		unexpected(p);
	struct ast_node *n = ident_from_tok(p);
	next(p);
	return n;
}

static bool str_is(struct ast_str s, const char *lit)
{
	return s.len == strlen(lit) && memcmp(s.s, lit, s.len) == 0;
}

static void check_binding_name(struct parser *p, struct ast_node *id)
{
	if (p->fn->strict && (str_is(id->ident.name, "eval") || str_is(id->ident.name, "arguments")))
		fail_at(p, id->pos, "Unexpected eval or arguments in strict mode");
	if (str_is(id->ident.name, "let") && (p->fn->strict || true))
		fail_at(p, id->pos, "let is disallowed as a lexically bound name");
}

/* ---------------------------------------------------------------- types */

static void ts_type(struct parser *p);

/* Skips a balanced (), [], {} group or a template with substitutions,
 * starting at the opener; ends after the matching closer. */
static void skip_balanced(struct parser *p)
{
	enum tk stack[AST_MAX_DEPTH];
	int sp = 0;
	for (;;) {
		enum tk t = TOK.type;
		if (t == TK_EOF)
			unexpected(p);
		if (t == TK_LPAREN || t == TK_LBRACKET || t == TK_LBRACE) {
			if (sp >= AST_MAX_DEPTH)
				fail_at(p, TOK.pos, "nesting too deep (more than %d levels)", AST_MAX_DEPTH);
			stack[sp++] = t == TK_LPAREN ? TK_RPAREN : t == TK_LBRACKET ? TK_RBRACKET : TK_RBRACE;
		} else if (t == TK_TEMPLATE && !TOK.tmpl_tail) {
			if (sp >= AST_MAX_DEPTH)
				fail_at(p, TOK.pos, "nesting too deep (more than %d levels)", AST_MAX_DEPTH);
			stack[sp++] = TK_TEMPLATE;
		} else if (t == TK_RPAREN || t == TK_RBRACKET || t == TK_RBRACE) {
			if (sp == 0)
				unexpected(p);
			if (t == TK_RBRACE && stack[sp - 1] == TK_TEMPLATE) {
				lexer_rescan_template(&p->lx);
				if (TOK.tmpl_tail)
					sp--;
			} else if (stack[sp - 1] != t) {
				unexpected(p);
			} else {
				sp--;
			}
		}
		next(p);
		if (sp == 0)
			return;
	}
}

static void expect_gt(struct parser *p)
{
	switch (TOK.type) {
	case TK_GT: next(p); return;
	case TK_SHR:
	case TK_USHR:
	case TK_GE:
	case TK_SHR_ASSIGN:
	case TK_USHR_ASSIGN: lexer_split_gt(&p->lx); return;
	default: unexpected(p);
	}
}

static void ts_type_args(struct parser *p)
{
	expect(p, TK_LT);
	enter(p);
	ts_type(p);
	while (eat(p, TK_COMMA))
		ts_type(p);
	expect_gt(p);
	leave(p);
}

static void ts_type_params(struct parser *p)
{
	expect(p, TK_LT);
	enter(p);
	do {
		if (is(p, TK_GT))
			break;
		while (TOK.type == TK_NAME && (TOK.kw == KW_CONST || str_is(TOK.str, "in") || str_is(TOK.str, "out")) &&
		       peek(p).type == TK_NAME)
			next(p);
		parse_name(p);
		if (eat_kw(p, KW_EXTENDS))
			ts_type(p);
		if (eat(p, TK_ASSIGN))
			ts_type(p);
	} while (eat(p, TK_COMMA));
	expect_gt(p);
	leave(p);
}

/* At '(' in a type: is this a function type `(...) => T`? */
static bool ts_paren_is_fn_type(struct parser *p)
{
	struct lexer save = p->lx;
	uint32_t save_end = p->prev_end;
	jmp_buf jb, *old = p->fail;
	bool result = false;
	p->fail = &jb;
	if (setjmp(jb) == 0) {
		skip_balanced(p);
		result = is(p, TK_ARROW);
	}
	p->fail = old;
	p->prog->error.set = false;
	p->lx = save;
	p->prev_end = save_end;
	return result;
}

static void ts_entity_rest(struct parser *p)
{
	while (is(p, TK_DOT)) {
		next(p);
		parse_name(p);
	}
	if (is(p, TK_LT) && !TOK.nl_before)
		ts_type_args(p);
}

static void ts_primary(struct parser *p)
{
	switch (TOK.type) {
	case TK_LPAREN:
		next(p);
		ts_type(p);
		expect(p, TK_RPAREN);
		return;
	case TK_LBRACE:
	case TK_LBRACKET: skip_balanced(p); return;
	case TK_TEMPLATE:
		if (TOK.tmpl_tail)
			next(p);
		else
			skip_balanced(p);
		return;
	case TK_STRING:
	case TK_NUMBER: next(p); return;
	case TK_MINUS:
		next(p);
		if (!is(p, TK_NUMBER))
			unexpected(p);
		next(p);
		return;
	case TK_NAME: break;
	default: unexpected(p);
	}
	if (is_kw(p, KW_TYPEOF)) {
		next(p);
		if (is_kw(p, KW_IMPORT)) {
			next(p);
			skip_balanced(p);
		} else {
			parse_name(p);
		}
		ts_entity_rest(p);
		return;
	}
	if (is_kw(p, KW_IMPORT)) {
		next(p);
		if (!is(p, TK_LPAREN))
			unexpected(p);
		skip_balanced(p);
		ts_entity_rest(p);
		return;
	}
	if (is_kw(p, KW_ASSERTS)) {
		struct token t = peek(p);
		if (t.type == TK_NAME && !t.nl_before) {
			next(p);
			next(p);
			if (is_kw(p, KW_IS) && !TOK.nl_before) {
				next(p);
				ts_type(p);
			}
			return;
		}
	}
	next(p);
	ts_entity_rest(p);
	if (is_kw(p, KW_IS) && !TOK.nl_before) {
		next(p);
		ts_type(p);
	}
}

static void ts_postfix(struct parser *p)
{
	ts_primary(p);
	while (is(p, TK_LBRACKET) && !TOK.nl_before)
		skip_balanced(p);
}

static void ts_operator(struct parser *p)
{
	if ((is_kw(p, KW_KEYOF) || is_kw(p, KW_UNIQUE) || is_kw(p, KW_READONLY))) {
		struct token t = peek(p);
		if (t.type != TK_PIPE && t.type != TK_AMP && t.type != TK_COMMA && t.type != TK_RPAREN &&
		    t.type != TK_GT && t.type != TK_SEMI && t.type != TK_ASSIGN && t.type != TK_RBRACKET &&
		    t.type != TK_EOF) {
			next(p);
			enter(p);
			ts_operator(p);
			leave(p);
			return;
		}
	}
	if (is_kw(p, KW_INFER)) {
		next(p);
		parse_name(p);
		return;
	}
	ts_postfix(p);
}

static void ts_intersection(struct parser *p)
{
	eat(p, TK_AMP);
	ts_operator(p);
	while (eat(p, TK_AMP))
		ts_operator(p);
}

static void ts_union(struct parser *p)
{
	eat(p, TK_PIPE);
	ts_intersection(p);
	while (eat(p, TK_PIPE))
		ts_intersection(p);
}

static void ts_type(struct parser *p)
{
	enter(p);
	if (is(p, TK_LT)) {
		ts_type_params(p);
		if (!is(p, TK_LPAREN))
			unexpected(p);
		skip_balanced(p);
		expect(p, TK_ARROW);
		ts_type(p);
		leave(p);
		return;
	}
	if (is(p, TK_LPAREN) && ts_paren_is_fn_type(p)) {
		skip_balanced(p);
		expect(p, TK_ARROW);
		ts_type(p);
		leave(p);
		return;
	}
	if (is_kw(p, KW_ABSTRACT) && peek(p).type == TK_NAME)
		next(p);
	if (is_kw(p, KW_NEW)) {
		next(p);
		if (is(p, TK_LT))
			ts_type_params(p);
		if (!is(p, TK_LPAREN))
			unexpected(p);
		skip_balanced(p);
		expect(p, TK_ARROW);
		ts_type(p);
		leave(p);
		return;
	}
	ts_union(p);
	if (is_kw(p, KW_EXTENDS) && !TOK.nl_before) {
		next(p);
		ts_union(p);
		expect(p, TK_QUESTION);
		ts_type(p);
		expect(p, TK_COLON);
		ts_type(p);
	}
	leave(p);
}

/* `: Type` if present. */
static bool ts_annotation(struct parser *p)
{
	if (!is(p, TK_COLON))
		return false;
	next(p);
	ts_type(p);
	return true;
}

/* Runs fn speculatively; on failure restores the lexer and returns false. */
typedef void (*spec_fn)(struct parser *p, void *ctx);
static bool speculate(struct parser *p, spec_fn fn, void *ctx)
{
	if (p->spec_budget <= 0)
		return false;
	struct lexer save = p->lx;
	uint32_t save_end = p->prev_end;
	int save_depth = p->depth, save_cover = p->cover_count;
	uint32_t save_feat = p->prog->features;
	struct fnctx *save_fn = p->fn;
	struct ns_seen *save_ns = p->ns_seen, *save_cls = p->ns_classes;
	bool save_no_in = p->no_in;
	jmp_buf jb, *old = p->fail;
	bool was_spec = p->in_type_spec;
	p->fail = &jb;
	p->in_type_spec = true;
	if (setjmp(jb) == 0) {
		fn(p, ctx);
		p->fail = old;
		p->in_type_spec = was_spec;
		return true;
	}
	p->fail = old;
	p->in_type_spec = was_spec;
	p->prog->error.set = false;
	p->lx = save;
	p->prev_end = save_end;
	p->depth = save_depth;
	p->cover_count = save_cover;
	p->prog->features = save_feat;
	p->fn = save_fn;
	p->ns_seen = save_ns;
	p->ns_classes = save_cls;
	p->no_in = save_no_in;
	p->spec_budget--;
	return false;
}

static void spec_type_args_call(struct parser *p, void *ctx)
{
	(void)ctx;
	ts_type_args(p);
	/* Only a call, a template or `?.` may follow type arguments here. */
	if (!is(p, TK_LPAREN) && !is(p, TK_TEMPLATE) && !is(p, TK_QDOT))
		fail_at(p, TOK.pos, "not type arguments");
}

/* ---------------------------------------------------------------- forward */

static struct ast_node *parse_expression(struct parser *p);
static struct ast_node *parse_assign(struct parser *p);
static struct ast_node *parse_unary(struct parser *p);
static struct ast_node *parse_lhs(struct parser *p, bool allow_call);
static struct ast_node *parse_statement(struct parser *p);
/* Where a single statement stands (not a statement list): the body of an
 * if, of a loop or with, or of a label. */
enum sub_ctx { SUB_IF, SUB_LOOP, SUB_LABEL };
static struct ast_node *sub_statement(struct parser *p, enum sub_ctx ctx);
static struct ast_node *parse_stmt_list_item(struct parser *p);
static void push_stmt(struct parser *p, struct ast_list *l, struct ast_node *s);
static struct ast_node *parse_function(struct parser *p, enum ast_kind kind, struct ast_pos start, bool is_async,
                                       bool need_name);
static struct ast_node *parse_class(struct parser *p, enum ast_kind kind, struct ast_pos start, bool need_name);
static void ns_note_class(struct parser *p, struct ast_node *id);
static struct ast_node *parse_binding_target(struct parser *p);
static struct ast_node *parse_template(struct parser *p, bool tagged);
static void parse_function_body(struct parser *p, struct ast_node *fn, struct fnctx *ctx, struct ast_list *prop_params);
static struct ast_node *parse_arrow_body(struct parser *p, struct ast_node *fn, bool is_async);

/* ---------------------------------------------------------------- patterns */

static struct ast_node *to_pattern(struct parser *p, struct ast_node *e, bool binding);

static void check_simple_target(struct parser *p, struct ast_node *e, bool binding, const char *msg)
{
	if (e->kind == AST_IDENT) {
		if (p->fn->strict && (str_is(e->ident.name, "eval") || str_is(e->ident.name, "arguments")))
			fail_at(p, e->pos, "Unexpected eval or arguments in strict mode");
		return;
	}
	if (!binding && e->kind == AST_MEMBER && !(e->flags & AST_F_OPTIONAL))
		return;
	fail_at(p, e->pos, "%s", msg);
}

static struct ast_node *to_pattern(struct parser *p, struct ast_node *e, bool binding)
{
	const char *msg =
	        binding ? "Invalid destructuring assignment target" : "Invalid destructuring assignment target";
	switch (e->kind) {
	case AST_IDENT:
	case AST_MEMBER: check_simple_target(p, e, binding, msg); return e;
	case AST_OBJECT_PATTERN:
	case AST_ARRAY_PATTERN: return e;
	case AST_ARRAY: {
		if (e->flags & AST_F_PARENS)
			fail_at(p, e->pos, "Invalid destructuring assignment target");
		e->kind = AST_ARRAY_PATTERN;
		feat(p, AST_FEAT_DESTRUCTURING);
		for (uint32_t i = 0; i < e->list.items.len; i++) {
			struct ast_node *it = e->list.items.items[i];
			if (it->kind == AST_HOLE)
				continue;
			if (it->kind == AST_SPREAD) {
				if (i + 1 != e->list.items.len || (it->flags & AST_F_PASS0))
					fail_at(p, it->pos, "Rest element must be last element");
				it->kind = AST_REST;
				it->unary.arg = to_pattern(p, it->unary.arg, binding);
				if (it->unary.arg->kind == AST_ASSIGN_PATTERN)
					fail_at(p, it->pos, "Rest element may not have a default initializer");
				continue;
			}
			e->list.items.items[i] = to_pattern(p, it, binding);
		}
		return e;
	}
	case AST_OBJECT: {
		if (e->flags & AST_F_PARENS)
			fail_at(p, e->pos, "Invalid destructuring assignment target");
		e->kind = AST_OBJECT_PATTERN;
		feat(p, AST_FEAT_DESTRUCTURING);
		for (uint32_t i = 0; i < e->list.items.len; i++) {
			struct ast_node *it = e->list.items.items[i];
			if (it->kind == AST_SPREAD) {
				if (i + 1 != e->list.items.len)
					fail_at(p, it->pos, "Rest element must be last element");
				it->kind = AST_REST;
				check_simple_target(
				        p, it->unary.arg, binding,
				        "`...` must be followed by an assignable reference in assignment contexts");
				continue;
			}
			if (it->kind != AST_PROPERTY || it->op != AST_PROP_INIT || (it->flags & AST_F_METHOD))
				fail_at(p, it->pos, "Invalid destructuring assignment target");
			if (it->prop.value->kind == AST_ASSIGN_PATTERN && (it->flags & AST_F_SHORTHAND)) {
				/* cover-initialised name `{a = 1}`: now legal */
				p->cover_count--;
				continue;
			}
			it->prop.value = to_pattern(p, it->prop.value, binding);
		}
		return e;
	}
	case AST_ASSIGN:
		if (e->op != AST_OP_ASSIGN || (e->flags & AST_F_PARENS))
			fail_at(p, e->pos, "Invalid destructuring assignment target");
		e->kind = AST_ASSIGN_PATTERN;
		e->binary.left = to_pattern(p, e->binary.left, binding);
		return e;
	case AST_ASSIGN_PATTERN: return e;
	default: fail_at(p, e->pos, "Invalid destructuring assignment target");
	}
}

static struct ast_node *parse_binding_element(struct parser *p)
{
	struct ast_node *t = parse_binding_target(p);
	if (is(p, TK_ASSIGN)) {
		struct ast_pos pos = TOK.pos;
		next(p);
		struct ast_node *d = node(p, AST_ASSIGN_PATTERN, t->pos);
		(void)pos;
		d->binary.left = t;
		d->binary.right = parse_assign(p);
		return finish(p, d);
	}
	return t;
}

static struct ast_node *parse_binding_target(struct parser *p)
{
	struct ast_pos pos = TOK.pos;
	enter(p);
	struct ast_node *n;
	if (is(p, TK_LBRACKET)) {
		feat(p, AST_FEAT_DESTRUCTURING);
		n = node(p, AST_ARRAY_PATTERN, pos);
		next(p);
		while (!is(p, TK_RBRACKET)) {
			if (is(p, TK_COMMA)) {
				ast_list_push(p->a, &n->list.items, node(p, AST_HOLE, TOK.pos));
				next(p);
				continue;
			}
			if (is(p, TK_ELLIPSIS)) {
				struct ast_node *r = node(p, AST_REST, TOK.pos);
				next(p);
				r->unary.arg = parse_binding_target(p);
				ast_list_push(p->a, &n->list.items, finish(p, r));
				if (is(p, TK_COMMA))
					fail_at(p, TOK.pos, "Rest element must be last element");
				break;
			}
			ast_list_push(p->a, &n->list.items, parse_binding_element(p));
			if (!is(p, TK_RBRACKET))
				expect(p, TK_COMMA);
		}
		expect(p, TK_RBRACKET);
	} else if (is(p, TK_LBRACE)) {
		feat(p, AST_FEAT_DESTRUCTURING);
		n = node(p, AST_OBJECT_PATTERN, pos);
		next(p);
		while (!is(p, TK_RBRACE)) {
			if (is(p, TK_ELLIPSIS)) {
				struct ast_node *r = node(p, AST_REST, TOK.pos);
				next(p);
				r->unary.arg = parse_ident(p);
				check_binding_name(p, r->unary.arg);
				ast_list_push(p->a, &n->list.items, finish(p, r));
				if (is(p, TK_COMMA))
					fail_at(p, TOK.pos, "Rest element must be last element");
				break;
			}
			struct ast_node *pr = node(p, AST_PROPERTY, TOK.pos);
			pr->op = AST_PROP_INIT;
			if (is(p, TK_LBRACKET)) {
				next(p);
				pr->flags |= AST_F_COMPUTED;
				pr->prop.key = parse_assign(p);
				expect(p, TK_RBRACKET);
			} else if (is(p, TK_STRING)) {
				pr->prop.key = ast_string(p->a, TOK.str.s, TOK.str.len, TOK.pos);
				next(p);
			} else if (is(p, TK_NUMBER)) {
				pr->prop.key = ast_number(p->a, TOK.num, TOK.pos);
				next(p);
			} else if (TOK.type == TK_NAME) {
				bool ident_ok = is_ident_tok(p);
				struct ast_node *key = parse_name(p);
				pr->prop.key = key;
				if (!is(p, TK_COLON)) {
					if (!ident_ok)
						fail_at(p, key->pos, "Unexpected token '%s'", key->ident.name.s);
					check_binding_name(p, key);
					pr->flags |= AST_F_SHORTHAND;
					struct ast_node *v =
					        ast_ident_n(p->a, key->ident.name.s, key->ident.name.len, key->pos);
					if (is(p, TK_ASSIGN)) {
						next(p);
						struct ast_node *d = node(p, AST_ASSIGN_PATTERN, key->pos);
						d->binary.left = v;
						d->binary.right = parse_assign(p);
						v = finish(p, d);
					}
					pr->prop.value = v;
					ast_list_push(p->a, &n->list.items, finish(p, pr));
					if (!is(p, TK_RBRACE))
						expect(p, TK_COMMA);
					continue;
				}
			} else {
				unexpected(p);
			}
			expect(p, TK_COLON);
			pr->prop.value = parse_binding_element(p);
			ast_list_push(p->a, &n->list.items, finish(p, pr));
			if (!is(p, TK_RBRACE))
				expect(p, TK_COMMA);
		}
		expect(p, TK_RBRACE);
	} else {
		n = parse_ident(p);
		check_binding_name(p, n);
		leave(p);
		return n;
	}
	leave(p);
	return finish(p, n);
}

/* ---------------------------------------------------------------- functions */

static void push_fn(struct parser *p, struct fnctx *c, struct ast_node *fn, bool arrow, bool is_async, bool gen)
{
	memset(c, 0, sizeof(*c));
	c->up = p->fn;
	c->fn = fn;
	c->arrow = arrow;
	c->async = is_async;
	c->gen = gen;
	c->strict = p->fn->strict;
	if (arrow) {
		c->super_call = p->fn->super_call;
		c->super_prop = p->fn->super_prop;
		c->new_target = p->fn->new_target;
		c->class_field = p->fn->class_field;
	} else {
		c->new_target = true;
	}
	p->fn = c;
}

static void pop_fn(struct parser *p, struct ast_node *fn)
{
	struct fnctx *c = p->fn;
	if (fn) {
		fn->fn.uses = c->uses;
		if (c->strict)
			fn->flags |= AST_F_STRICT;
	}
	p->fn = c->up;
}

/* One formal parameter, with TypeScript annotations; a TS parameter
 * property (`private x: T`) is recorded in props for the constructor. */
static struct ast_node *parse_param(struct parser *p, struct ast_list *props, bool *is_this)
{
	struct ast_pos pos = TOK.pos;
	bool modifier = false;
	while (TOK.type == TK_NAME && !TOK.escaped &&
	       (TOK.kw == KW_PUBLIC || TOK.kw == KW_PRIVATE || TOK.kw == KW_PROTECTED || TOK.kw == KW_READONLY ||
	        TOK.kw == KW_OVERRIDE)) {
		struct token t = peek(p);
		if (t.type != TK_NAME && t.type != TK_LBRACE && t.type != TK_LBRACKET)
			break;
		next(p);
		modifier = true;
	}
	if (modifier && !props)
		fail_at(p, pos, "A parameter property is only allowed in a constructor implementation.");
	if (is(p, TK_ELLIPSIS)) {
		struct ast_node *r = node(p, AST_REST, TOK.pos);
		next(p);
		feat(p, AST_FEAT_SPREAD);
		r->unary.arg = parse_binding_target(p);
		eat(p, TK_QUESTION);
		ts_annotation(p);
		if (is(p, TK_ASSIGN))
			fail_at(p, TOK.pos, "Rest parameter may not have a default initializer");
		return finish(p, r);
	}
	if (is_this && is_kw(p, KW_THIS)) {
		next(p);
		ts_annotation(p);
		*is_this = true;
		return NULL;
	}
	struct ast_node *t = parse_binding_target(p);
	eat(p, TK_QUESTION);
	ts_annotation(p);
	if (modifier) {
		if (t->kind != AST_IDENT)
			fail_at(p, t->pos, "A parameter property may not be declared using a binding pattern.");
		ast_list_push(p->a, props, t);
		t->flags |= AST_F_TS_PARAM_PROP;
	}
	if (is(p, TK_ASSIGN)) {
		next(p);
		feat(p, AST_FEAT_DEFAULT_PARAM);
		struct ast_node *d = node(p, AST_ASSIGN_PATTERN, t->pos);
		d->binary.left = t;
		d->binary.right = parse_assign(p);
		return finish(p, d);
	}
	return t;
}

static void parse_params(struct parser *p, struct ast_node *fn, struct ast_list *props)
{
	expect(p, TK_LPAREN);
	p->fn->in_params = true; /* no yield/await expressions in formals */
	bool first = true;
	while (!is(p, TK_RPAREN)) {
		bool is_this = false;
		struct ast_node *prm = parse_param(p, props, first ? &is_this : NULL);
		first = false;
		if (prm)
			ast_list_push(p->a, &fn->fn.params, prm);
		if (prm && prm->kind == AST_REST) {
			if (is(p, TK_COMMA))
				fail_at(p, TOK.pos, "Rest parameter must be last formal parameter");
			break;
		}
		if (!is(p, TK_RPAREN))
			expect(p, TK_COMMA);
	}
	p->fn->in_params = false;
	expect(p, TK_RPAREN);
}

static bool is_simple_params(struct ast_node *fn)
{
	for (uint32_t i = 0; i < fn->fn.params.len; i++)
		if (fn->fn.params.items[i]->kind != AST_IDENT)
			return false;
	return true;
}

/* `this.x = x;` for each TS parameter property, after super() in derived classes. */
static void insert_param_props(struct parser *p, struct ast_node *body, struct ast_list *props)
{
	if (!props || !props->len)
		return;
	uint32_t at = 0;
	for (uint32_t i = 0; i < body->list.items.len; i++) {
		struct ast_node *s = body->list.items.items[i];
		if (s->kind == AST_EXPR_STMT && (s->flags & AST_F_DIRECTIVE))
			at = i + 1;
		if (s->kind == AST_EXPR_STMT && s->unary.arg->kind == AST_CALL &&
		    s->unary.arg->call.callee->kind == AST_SUPER) {
			at = i + 1;
			break;
		}
	}
	for (uint32_t i = 0; i < props->len; i++) {
		struct ast_node *id = props->items[i];
		struct ast_node *lhs = ast_member_name(p->a, node(p, AST_THIS, id->pos), id->ident.name.s, id->pos);
		struct ast_node *rhs = ast_ident_n(p->a, id->ident.name.s, id->ident.name.len, id->pos);
		rhs->flags |= AST_F_SYNTHETIC; /* at the parameter's position, but read after binding (no TDZ) */
		struct ast_node *st = ast_expr_stmt(p->a, ast_assign(p->a, lhs, rhs, id->pos));
		st->flags |= AST_F_SYNTHETIC | AST_F_TS_PARAM_PROP; /* lower_class puts field inits after it */
		ast_list_insert(p->a, &body->list.items, at + i, st);
	}
}

static void parse_directives_and_body(struct parser *p, struct ast_list *out, bool fn_body, struct ast_node *fn)
{
	bool prologue = true;
	/* a legacy octal escape in an earlier directive: "use strict" later in
	 * the same prologue makes it an error too */
	bool octal_before = false;
	struct ast_pos octal_pos = {0};
	while (!is(p, TK_RBRACE) && !(is(p, TK_EOF) && !fn_body)) {
		if (prologue && is(p, TK_STRING)) {
			struct token t = TOK;
			struct token nx = peek(p);
			bool directive =
			        nx.type == TK_SEMI || nx.type == TK_RBRACE || nx.type == TK_EOF || nx.nl_before;
			if (directive) {
				if (!t.escaped && str_is(t.str, "use strict")) {
					if (fn && !is_simple_params(fn))
						fail_at(p, t.pos,
						        "Illegal 'use strict' directive in function with non-simple "
						        "parameter list");
					if (octal_before)
						fail_at(p, octal_pos,
						        "Octal escape sequences are not allowed in strict mode.");
					p->fn->strict = true;
					p->lx.strict = true;
				}
				if (t.legacy_octal && !octal_before) {
					octal_before = true;
					octal_pos = t.pos;
				}
				if (t.legacy_octal && p->fn->strict)
					fail_at(p, t.pos, "Octal escape sequences are not allowed in strict mode.");
				struct ast_node *s = parse_statement(p);
				/* An escaped directive ('use\x20strict') is not one: keep it
				 * a plain expression so the printer cannot turn it into one. */
				if (s->kind == AST_EXPR_STMT && s->unary.arg->kind == AST_STRING && !t.escaped)
					s->flags |= AST_F_DIRECTIVE;
				ast_list_push(p->a, out, s);
				continue;
			}
		}
		prologue = false;
		push_stmt(p, out, parse_stmt_list_item(p));
	}
}

static void parse_function_body(struct parser *p, struct ast_node *fn, struct fnctx *ctx, struct ast_list *props)
{
	(void)ctx;
	struct ast_node *body = node(p, AST_BLOCK, TOK.pos);
	expect(p, TK_LBRACE);
	bool was_strict = p->lx.strict;
	parse_directives_and_body(p, &body->list.items, true, fn);
	p->lx.strict = was_strict;
	expect(p, TK_RBRACE);
	insert_param_props(p, body, props);
	fn->fn.body = finish(p, body);
}

/* After `function` (and `*`): name, type params, params, return type, body.
 * TypeScript overload signatures (no body) return NULL. */
static struct ast_node *parse_function(struct parser *p, enum ast_kind kind, struct ast_pos start, bool is_async,
                                       bool need_name)
{
	enter(p);
	struct ast_node *fn = node(p, kind, start);
	bool gen = eat(p, TK_STAR);
	if (is_async)
		fn->flags |= AST_F_ASYNC, feat(p, AST_FEAT_ASYNC);
	if (gen)
		fn->flags |= AST_F_GENERATOR, feat(p, AST_FEAT_GENERATOR);
	if (TOK.type == TK_NAME && !is(p, TK_LPAREN)) {
		/* A function expression's own name follows its own async/generator rules. */
		if (kind == AST_FUNCTION_EXPR && ((gen && is_kw(p, KW_YIELD)) || (is_async && is_kw(p, KW_AWAIT))))
			unexpected(p);
		fn->fn.id = parse_ident(p);
		check_binding_name(p, fn->fn.id);
	} else if (need_name) {
		unexpected(p);
	}
	struct fnctx c;
	push_fn(p, &c, fn, false, is_async, gen);
	if (is(p, TK_LT))
		ts_type_params(p);
	parse_params(p, fn, NULL);
	ts_annotation(p);
	if (kind == AST_FUNCTION_DECL && !is(p, TK_LBRACE)) {
		/* TS overload / declare signature */
		semicolon(p);
		pop_fn(p, NULL);
		leave(p);
		return NULL;
	}
	parse_function_body(p, fn, &c, NULL);
	pop_fn(p, fn);
	leave(p);
	return finish(p, fn);
}

/* Method after its key: params and body; value is a FUNCTION_EXPR. */
static struct ast_node *parse_method_fn(struct parser *p, struct ast_pos pos, bool is_async, bool gen, bool is_ctor,
                                        bool derived, struct ast_list *props, bool allow_no_body)
{
	enter(p);
	struct ast_node *fn = node(p, AST_FUNCTION_EXPR, pos);
	if (is_async)
		fn->flags |= AST_F_ASYNC, feat(p, AST_FEAT_ASYNC);
	if (gen)
		fn->flags |= AST_F_GENERATOR, feat(p, AST_FEAT_GENERATOR);
	struct fnctx c;
	push_fn(p, &c, fn, false, is_async, gen);
	c.super_prop = true;
	c.super_call = is_ctor && derived;
	if (is(p, TK_LT))
		ts_type_params(p);
	parse_params(p, fn, is_ctor ? props : NULL);
	ts_annotation(p);
	if (allow_no_body && !is(p, TK_LBRACE)) {
		semicolon(p);
		pop_fn(p, NULL);
		leave(p);
		return NULL;
	}
	parse_function_body(p, fn, &c, props);
	pop_fn(p, fn);
	leave(p);
	return finish(p, fn);
}

static struct ast_node *parse_arrow_body(struct parser *p, struct ast_node *fn, bool is_async)
{
	/* p->fn is already the arrow's context */
	if (TOK.nl_before && is(p, TK_ARROW))
		unexpected(p);
	expect(p, TK_ARROW);
	feat(p, AST_FEAT_ARROW);
	if (is_async)
		fn->flags |= AST_F_ASYNC, feat(p, AST_FEAT_ASYNC);
	if (is(p, TK_LBRACE)) {
		parse_function_body(p, fn, p->fn, NULL);
	} else {
		bool save_no_in = p->no_in;
		fn->fn.body = parse_assign(p);
		p->no_in = save_no_in;
		fn->flags |= AST_F_EXPR_BODY;
	}
	pop_fn(p, fn);
	return finish(p, fn);
}

struct arrow_spec {
	struct ast_node *fn;
	bool is_async;
	struct fnctx ctx; /* lives in the caller's frame while the body is parsed */
};

/* Speculative: `<T>(params): Ret =>` ... up to and including the arrow. */
static void spec_arrow_params(struct parser *p, void *vctx)
{
	struct arrow_spec *as = vctx;
	struct ast_node *fn = as->fn;
	push_fn(p, &as->ctx, fn, true, as->is_async, false);
	fn->fn.params.len = 0;
	if (is(p, TK_LT))
		ts_type_params(p);
	parse_params(p, fn, NULL);
	ts_annotation(p);
	if (!is(p, TK_ARROW) || TOK.nl_before) {
		pop_fn(p, NULL);
		fail_at(p, TOK.pos, "not an arrow");
	}
	/* keep the context pushed: the caller parses the body */
}

/* Cheap pre-check before speculating on '(' : does the matching ')' come
 * followed by '=>' or ':'? Gives "maybe" when tokens are ambiguous. */
static bool paren_maybe_arrow(struct parser *p)
{
	struct lexer save = p->lx;
	uint32_t save_end = p->prev_end;
	jmp_buf jb, *old = p->fail;
	bool result = true;
	p->fail = &jb;
	if (setjmp(jb) == 0) {
		int depth = 0;
		for (;;) {
			enum tk t = TOK.type;
			if (t == TK_LPAREN || t == TK_LBRACKET || t == TK_LBRACE)
				depth++;
			else if (t == TK_RPAREN || t == TK_RBRACKET || t == TK_RBRACE)
				depth--;
			else if (t == TK_EOF || t == TK_SLASH || t == TK_SLASH_ASSIGN ||
			         (t == TK_TEMPLATE && !TOK.tmpl_tail))
				break; /* ambiguous without the parser: maybe */
			if (--p->scan_budget < 0)
				break; /* out of look-ahead budget: maybe */
			next(p);
			if (depth == 0) {
				result = (is(p, TK_ARROW) && !TOK.nl_before) || is(p, TK_COLON);
				break;
			}
		}
	}
	p->fail = old;
	p->prog->error.set = false;
	p->lx = save;
	p->prev_end = save_end;
	return result;
}

/* Converts a parenthesised expression list (cover grammar) into params. */
static void cover_to_params(struct parser *p, struct ast_node *fn, struct ast_list *items)
{
	for (uint32_t i = 0; i < items->len; i++) {
		struct ast_node *it = items->items[i];
		if (it->kind == AST_SPREAD) {
			if (i + 1 != items->len)
				fail_at(p, it->pos, "Rest parameter must be last formal parameter");
			it->kind = AST_REST;
			it->unary.arg = to_pattern(p, it->unary.arg, true);
			ast_list_push(p->a, &fn->fn.params, it);
			continue;
		}
		if (it->flags & AST_F_PARENS)
			fail_at(p, it->pos, "Invalid destructuring assignment target");
		struct ast_node *pat = to_pattern(p, it, true);
		if (pat->kind == AST_MEMBER)
			fail_at(p, pat->pos, "Invalid destructuring assignment target");
		if (pat->kind == AST_IDENT)
			check_binding_name(p, pat);
		if (pat->kind == AST_ASSIGN_PATTERN)
			feat(p, AST_FEAT_DEFAULT_PARAM);
		ast_list_push(p->a, &fn->fn.params, pat);
	}
}

/* ---------------------------------------------------------------- expressions */

static struct ast_node *parse_template(struct parser *p, bool tagged)
{
	struct ast_node *t = node(p, AST_TEMPLATE, TOK.pos);
	feat(p, AST_FEAT_TEMPLATE);
	enter(p);
	for (;;) {
		if (!is(p, TK_TEMPLATE))
			unexpected(p);
		struct ast_node *q = node(p, AST_TEMPLATE_ELEMENT, TOK.pos);
		q->quasi.cooked = TOK.str;
		q->quasi.raw = TOK.raw;
		if (!TOK.str.s && !tagged)
			fail_at(p, TOK.pos, "Invalid escape sequence in template literal");
		ast_list_push(p->a, &t->tmpl.quasis, q);
		bool tail = TOK.tmpl_tail;
		q->end = TOK.end;
		if (tail) {
			next(p);
			break;
		}
		next(p);
		ast_list_push(p->a, &t->tmpl.exprs, parse_expression(p));
		if (!is(p, TK_RBRACE))
			unexpected(p);
		lexer_rescan_template(&p->lx);
	}
	leave(p);
	return finish(p, t);
}

static struct ast_node *parse_object_literal(struct parser *p);
static struct ast_node *parse_array_literal(struct parser *p);
static struct ast_node *parse_paren_or_arrow(struct parser *p, bool is_async, struct ast_pos start);

static struct ast_node *make_arrow_1(struct parser *p, struct ast_node *param, struct ast_pos start, bool is_async)
{
	struct ast_node *fn = node(p, AST_ARROW, start);
	check_binding_name(p, param);
	ast_list_push(p->a, &fn->fn.params, param);
	struct fnctx c;
	push_fn(p, &c, fn, true, is_async, false);
	return parse_arrow_body(p, fn, is_async);
}

static struct ast_node *parse_primary(struct parser *p)
{
	struct ast_pos pos = TOK.pos;
	struct ast_node *n;
	switch (TOK.type) {
	case TK_NUMBER:
		if (TOK.legacy_octal && p->fn->strict)
			fail_at(p, pos, "Octal literals are not allowed in strict mode.");
		n = ast_number(p->a, TOK.num, pos);
		next(p);
		return finish(p, n);
	case TK_STRING:
		if (TOK.legacy_octal && p->fn->strict)
			fail_at(p, pos, "Octal escape sequences are not allowed in strict mode.");
		n = node(p, AST_STRING, pos);
		n->string.value = TOK.str;
		next(p);
		return finish(p, n);
	case TK_TEMPLATE: return parse_template(p, false);
	case TK_SLASH:
	case TK_SLASH_ASSIGN:
		lexer_rescan_regexp(&p->lx);
		n = node(p, AST_REGEXP, pos);
		n->regexp.pattern = TOK.str;
		n->regexp.flags = TOK.raw;
		next(p);
		return finish(p, n);
	case TK_LPAREN: return parse_paren_or_arrow(p, false, pos);
	case TK_LBRACKET: return parse_array_literal(p);
	case TK_LBRACE: return parse_object_literal(p);
	case TK_LT: {
		/* TS: generic arrow `<T>(x: T) => x` or type assertion `<T>expr`. */
		struct ast_node *fn = node(p, AST_ARROW, pos);
		struct arrow_spec as = {fn, false};
		if (speculate(p, spec_arrow_params, &as))
			return parse_arrow_body(p, fn, false);
		ts_type_args(p);
		return parse_unary(p);
	}
	case TK_PRIVATE: {
		/* `#x in obj` */
		n = node(p, AST_PRIVATE_NAME, pos);
		n->ident.name = TOK.str;
		next(p);
		if (!is_kw(p, KW_IN))
			unexpected(p);
		feat(p, AST_FEAT_PRIVATE);
		return finish(p, n);
	}
	case TK_NAME: break;
	default: unexpected(p);
	}
	if (!TOK.escaped) {
		switch (TOK.kw) {
		case KW_THIS:
			next(p);
			use(p, AST_USES_THIS);
			return finish(p, node(p, AST_THIS, pos));
		case KW_NULL: next(p); return finish(p, node(p, AST_NULL, pos));
		case KW_TRUE: next(p); return finish(p, node(p, AST_TRUE, pos));
		case KW_FALSE: next(p); return finish(p, node(p, AST_FALSE, pos));
		case KW_FUNCTION: next(p); return parse_function(p, AST_FUNCTION_EXPR, pos, false, false);
		case KW_CLASS: next(p); return parse_class(p, AST_CLASS_EXPR, pos, false);
		case KW_NEW: break; /* handled in parse_lhs */
		case KW_SUPER:
			next(p);
			if (is(p, TK_LPAREN)) {
				if (!p->fn->super_call)
					fail_at(p, pos, "'super' keyword unexpected here");
				use(p, AST_USES_SUPER_CALL);
			} else if (is(p, TK_DOT) || is(p, TK_LBRACKET)) {
				if (!p->fn->super_prop)
					fail_at(p, pos, "'super' keyword unexpected here");
				use(p, AST_USES_SUPER_PROP);
			} else {
				fail_at(p, pos, "'super' keyword unexpected here");
			}
			return finish(p, node(p, AST_SUPER, pos));
		case KW_IMPORT: {
			next(p);
			if (is(p, TK_DOT)) {
				next(p);
				if (!is_kw(p, KW_META))
					unexpected(p);
				fail_at(p, pos, "import.meta is not available in the sandbox");
			}
			if (is(p, TK_LPAREN))
				fail_at(p, pos, "import() is not available in the sandbox");
			unexpected(p);
		}
		case KW_ASYNC: {
			struct token nx = peek(p);
			if (nx.nl_before)
				break;
			if (nx.type == TK_NAME && nx.kw == KW_FUNCTION && !nx.escaped) {
				next(p);
				next(p);
				return parse_function(p, AST_FUNCTION_EXPR, pos, true, false);
			}
			if (nx.type == TK_NAME && !(nx.kw != KW_NONE && nx.kw <= KW_LAST_RESERVED)) {
				/* async x => ... */
				next(p);
				struct ast_node *prm = parse_ident(p);
				if (!is(p, TK_ARROW) || TOK.nl_before)
					unexpected(p);
				return make_arrow_1(p, prm, pos, true);
			}
			if (nx.type == TK_LPAREN || nx.type == TK_LT) {
				next(p);
				return parse_paren_or_arrow(p, true, pos);
			}
			break;
		}
		default: break;
		}
	}
	if (TOK.kw == KW_NEW && !TOK.escaped)
		unexpected(p);
	/* `await x` inside a non-async function: V8's message. */
	if (is_kw(p, KW_AWAIT) && !p->fn->async) {
		struct token nx = peek(p);
		if (!nx.nl_before && (nx.type == TK_NAME || nx.type == TK_NUMBER || nx.type == TK_STRING))
			fail_at(p, pos, "await is only valid in async functions and the top level bodies of modules");
	}
	n = parse_ident(p);
	if (p->fn->class_field && str_is(n->ident.name, "arguments"))
		fail_at(p, pos, "'arguments' is not allowed in class field initializer or static initialization block");
	if (str_is(n->ident.name, "arguments"))
		use(p, AST_USES_ARGUMENTS);
	if (is(p, TK_ARROW) && !TOK.nl_before)
		return make_arrow_1(p, n, pos, false);
	return n;
}

static struct ast_node *parse_paren_or_arrow(struct parser *p, bool is_async, struct ast_pos start)
{
	/* Try TypeScript-aware arrow parameters first when plausible. */
	if (is(p, TK_LT) || paren_maybe_arrow(p)) {
		struct ast_node *fn = node(p, AST_ARROW, start);
		struct arrow_spec as = {fn, is_async};
		if (speculate(p, spec_arrow_params, &as))
			return parse_arrow_body(p, fn, is_async);
		if (is(p, TK_LT))
			unexpected(p);
	}
	/* Cover grammar: parenthesised expression (or async call args). */
	enter(p);
	struct ast_pos lp = TOK.pos;
	expect(p, TK_LPAREN);
	struct ast_list items = {0};
	bool trailing_comma = false, has_spread = false;
	bool save_no_in = p->no_in;
	p->no_in = false;
	while (!is(p, TK_RPAREN)) {
		if (is(p, TK_ELLIPSIS)) {
			struct ast_node *s = node(p, AST_SPREAD, TOK.pos);
			next(p);
			s->unary.arg = is_async ? parse_assign(p) : parse_binding_target(p);
			ast_list_push(p->a, &items, finish(p, s));
			has_spread = true;
		} else {
			ast_list_push(p->a, &items, parse_assign(p));
		}
		if (is(p, TK_RPAREN))
			break;
		expect(p, TK_COMMA);
		if (is(p, TK_RPAREN))
			trailing_comma = true;
	}
	expect(p, TK_RPAREN);
	p->no_in = save_no_in;
	leave(p);
	if (is(p, TK_ARROW) && !TOK.nl_before) {
		struct ast_node *fn = node(p, AST_ARROW, start);
		struct fnctx c;
		cover_to_params(p, fn, &items);
		push_fn(p, &c, fn, true, is_async, false);
		return parse_arrow_body(p, fn, is_async);
	}
	if (is_async) {
		/* a call of something named async */
		struct ast_node *callee = ast_ident(p->a, "async", start);
		struct ast_node *call = node(p, AST_CALL, start);
		call->call.callee = callee;
		call->call.args = items;
		for (uint32_t i = 0; i < items.len; i++)
			if (items.items[i]->kind == AST_SPREAD)
				feat(p, AST_FEAT_SPREAD);
		return finish(p, call);
	}
	if (items.len == 0 || trailing_comma || has_spread) {
		if (items.len == 0)
			fail_at(p, TOK.pos, is(p, TK_EOF) ? "Unexpected end of input" : "Unexpected token ')'");
		unexpected(p);
	}
	struct ast_node *e;
	if (items.len == 1) {
		e = items.items[0];
	} else {
		e = node(p, AST_SEQUENCE, lp);
		e->list.items = items;
		finish(p, e);
	}
	e->flags |= AST_F_PARENS;
	return e;
}

static struct ast_node *parse_array_literal(struct parser *p)
{
	struct ast_node *n = node(p, AST_ARRAY, TOK.pos);
	enter(p);
	next(p);
	bool save_no_in = p->no_in;
	p->no_in = false;
	while (!is(p, TK_RBRACKET)) {
		if (is(p, TK_COMMA)) {
			ast_list_push(p->a, &n->list.items, node(p, AST_HOLE, TOK.pos));
			next(p);
			continue;
		}
		struct ast_node *e;
		if (is(p, TK_ELLIPSIS)) {
			e = node(p, AST_SPREAD, TOK.pos);
			next(p);
			feat(p, AST_FEAT_SPREAD);
			e->unary.arg = parse_assign(p);
			finish(p, e);
		} else {
			e = parse_assign(p);
		}
		ast_list_push(p->a, &n->list.items, e);
		if (!is(p, TK_RBRACKET)) {
			expect(p, TK_COMMA);
			/* a trailing comma after a spread makes it invalid as a rest */
			if (e->kind == AST_SPREAD)
				e->flags |= AST_F_PASS0;
		}
	}
	next(p);
	p->no_in = save_no_in;
	leave(p);
	return finish(p, n);
}

/* Property key: identifier name, string, number, computed or #private. */
static struct ast_node *parse_prop_key(struct parser *p, struct ast_node *prop, bool allow_private)
{
	switch (TOK.type) {
	case TK_LBRACKET: {
		next(p);
		prop->flags |= AST_F_COMPUTED;
		feat(p, AST_FEAT_OBJECT_EXT);
		bool save_no_in = p->no_in;
		p->no_in = false;
		struct ast_node *k = parse_assign(p);
		p->no_in = save_no_in;
		expect(p, TK_RBRACKET);
		return k;
	}
	case TK_STRING: {
		struct ast_node *k = node(p, AST_STRING, TOK.pos);
		k->string.value = TOK.str;
		next(p);
		return finish(p, k);
	}
	case TK_NUMBER: {
		struct ast_node *k = ast_number(p->a, TOK.num, TOK.pos);
		next(p);
		return finish(p, k);
	}
	case TK_PRIVATE: {
		if (!allow_private)
			unexpected(p);
		struct ast_node *k = node(p, AST_PRIVATE_NAME, TOK.pos);
		k->ident.name = TOK.str;
		if (str_is(TOK.str, "constructor"))
			fail_at(p, TOK.pos, "Classes may not have a private field named '#constructor'");
		feat(p, AST_FEAT_PRIVATE);
		next(p);
		return finish(p, k);
	}
	case TK_NAME: return parse_name(p);
	default: unexpected(p);
	}
}

static bool key_is(struct ast_node *prop, struct ast_node *key, const char *name)
{
	if (prop->flags & AST_F_COMPUTED)
		return false;
	if (key->kind == AST_IDENT)
		return str_is(key->ident.name, name);
	if (key->kind == AST_STRING)
		return str_is(key->string.value, name);
	return false;
}

static struct ast_node *parse_object_literal(struct parser *p)
{
	struct ast_node *n = node(p, AST_OBJECT, TOK.pos);
	enter(p);
	next(p);
	bool save_no_in = p->no_in;
	p->no_in = false;
	bool has_proto = false;
	while (!is(p, TK_RBRACE)) {
		if (is(p, TK_ELLIPSIS)) {
			struct ast_node *s = node(p, AST_SPREAD, TOK.pos);
			next(p);
			feat(p, AST_FEAT_SPREAD);
			s->unary.arg = parse_assign(p);
			ast_list_push(p->a, &n->list.items, finish(p, s));
			if (!is(p, TK_RBRACE))
				expect(p, TK_COMMA);
			continue;
		}
		struct ast_node *pr = node(p, AST_PROPERTY, TOK.pos);
		pr->op = AST_PROP_INIT;
		bool is_async = false, gen = false;
		int accessor = 0;
		if (TOK.type == TK_NAME && !TOK.escaped &&
		    (TOK.kw == KW_ASYNC || TOK.kw == KW_GET || TOK.kw == KW_SET)) {
			struct token nx = peek(p);
			bool modifier = nx.type != TK_COMMA && nx.type != TK_COLON && nx.type != TK_LPAREN &&
			                nx.type != TK_RBRACE && nx.type != TK_ASSIGN && nx.type != TK_LT &&
			                !(TOK.kw == KW_ASYNC && nx.nl_before);
			if (modifier) {
				if (TOK.kw == KW_ASYNC)
					is_async = true;
				else
					accessor = TOK.kw == KW_GET ? 1 : 2;
				next(p);
			}
		}
		if (is(p, TK_STAR)) {
			if (accessor)
				unexpected(p);
			next(p);
			gen = true;
		}
		bool ident_ok = is_ident_tok(p);
		struct token keytok = TOK;
		pr->prop.key = parse_prop_key(p, pr, false);
		if (accessor || is_async || gen || is(p, TK_LPAREN) || is(p, TK_LT)) {
			feat(p, AST_FEAT_OBJECT_EXT);
			if (accessor) {
				pr->op = accessor == 1 ? AST_PROP_GET : AST_PROP_SET;
				feat(p, 0);
			} else {
				pr->flags |= AST_F_METHOD;
			}
			pr->prop.value = parse_method_fn(p, pr->pos, is_async, gen, false, false, NULL, false);
			struct ast_node *fn = pr->prop.value;
			if (accessor == 1 && fn->fn.params.len != 0)
				fail_at(p, pr->pos, "Getter must not have any formal parameters.");
			if (accessor == 2 && (fn->fn.params.len != 1 || fn->fn.params.items[0]->kind == AST_REST))
				fail_at(p, pr->pos, "Setter must have exactly one formal parameter.");
		} else if (is(p, TK_COLON)) {
			next(p);
			pr->prop.value = parse_assign(p);
			if (key_is(pr, pr->prop.key, "__proto__")) {
				if (has_proto)
					fail_at(p, pr->pos,
					        "Duplicate __proto__ fields are not allowed in object literals");
				has_proto = true;
				/* Duktape's literal defines an own "__proto__" instead:
				 * lowered (lower_expr.c). In a pattern (the literal
				 * reinterpreted as an assignment target) the flag is
				 * ignored: there `__proto__: t` reads the property. */
				pr->flags |= AST_F_PROTO_SET;
				feat(p, AST_FEAT_OBJECT_EXT);
			}
		} else if (keytok.type == TK_NAME && !(pr->flags & AST_F_COMPUTED)) {
			/* shorthand */
			if (!ident_ok)
				fail_at(p, keytok.pos, "Unexpected token '%s'", keytok.str.s);
			if (keytok.kw == KW_AWAIT && p->fn->async)
				fail_at(p, keytok.pos, "Unexpected reserved word");
			feat(p, AST_FEAT_OBJECT_EXT);
			pr->flags |= AST_F_SHORTHAND;
			struct ast_node *v = ast_ident_n(p->a, keytok.str.s, keytok.str.len, keytok.pos);
			if (str_is(keytok.str, "arguments"))
				use(p, AST_USES_ARGUMENTS);
			if (is(p, TK_ASSIGN)) {
				/* cover-initialised name: valid only if this becomes a pattern */
				next(p);
				struct ast_node *d = node(p, AST_ASSIGN_PATTERN, keytok.pos);
				d->binary.left = v;
				d->binary.right = parse_assign(p);
				v = finish(p, d);
				if (p->cover_count++ == 0)
					p->cover_pos = keytok.pos;
			}
			pr->prop.value = v;
		} else {
			unexpected(p);
		}
		ast_list_push(p->a, &n->list.items, finish(p, pr));
		if (!is(p, TK_RBRACE))
			expect(p, TK_COMMA);
	}
	next(p);
	p->no_in = save_no_in;
	leave(p);
	return finish(p, n);
}

static void parse_args(struct parser *p, struct ast_list *args)
{
	expect(p, TK_LPAREN);
	bool save_no_in = p->no_in;
	p->no_in = false;
	while (!is(p, TK_RPAREN)) {
		if (is(p, TK_ELLIPSIS)) {
			struct ast_node *s = node(p, AST_SPREAD, TOK.pos);
			next(p);
			feat(p, AST_FEAT_SPREAD);
			s->unary.arg = parse_assign(p);
			ast_list_push(p->a, args, finish(p, s));
		} else {
			ast_list_push(p->a, args, parse_assign(p));
		}
		if (!is(p, TK_RPAREN))
			expect(p, TK_COMMA);
	}
	expect(p, TK_RPAREN);
	p->no_in = save_no_in;
}

/* Member/call chain. allow_call = false for `new` callee. */
static struct ast_node *parse_lhs(struct parser *p, bool allow_call)
{
	struct ast_pos pos = TOK.pos;
	struct ast_node *e;
	int saved_depth = p->depth;
	enter(p);
	if (is_kw(p, KW_NEW)) {
		next(p);
		if (is(p, TK_DOT)) {
			next(p);
			if (!is_kw(p, KW_TARGET))
				unexpected(p);
			if (!p->fn->new_target && !p->fn->program)
				fail_at(p, pos, "new.target expression is not allowed here");
			if (p->fn->program && !p->fn->new_target)
				fail_at(p, pos, "new.target expression is not allowed here");
			next(p);
			e = node(p, AST_META_PROPERTY, pos);
			e->op = AST_META_NEW_TARGET;
			use(p, AST_USES_NEW_TARGET);
			feat(p, AST_FEAT_NEW_TARGET);
			finish(p, e);
		} else {
			if (is_kw(p, KW_IMPORT))
				fail_at(p, TOK.pos, "Cannot use new with import");
			struct ast_node *callee = parse_lhs(p, false);
			if (callee->kind == AST_CHAIN)
				fail_at(p, callee->pos, "Invalid optional chain from new expression");
			e = node(p, AST_NEW, pos);
			e->call.callee = callee;
			if (is(p, TK_LT) && speculate(p, spec_type_args_call, NULL))
				(void)0;
			if (is(p, TK_LPAREN))
				parse_args(p, &e->call.args);
			finish(p, e);
		}
	} else {
		e = parse_primary(p);
		if (e->kind == AST_ARROW && !(e->flags & AST_F_PARENS)) {
			p->depth = saved_depth;
			return e;
		}
	}
	bool chain = false;
	for (;;) {
		struct ast_pos lp = TOK.pos;
		if (is(p, TK_DOT)) {
			next(p);
			struct ast_node *m = node(p, AST_MEMBER, e->pos);
			m->member.object = e;
			if (is(p, TK_PRIVATE)) {
				m->member.property = node(p, AST_PRIVATE_NAME, TOK.pos);
				m->member.property->ident.name = TOK.str;
				feat(p, AST_FEAT_PRIVATE);
				next(p);
			} else {
				m->member.property = parse_name(p);
			}
			e = finish(p, m);
		} else if (is(p, TK_QDOT)) {
			if (!allow_call)
				fail_at(p, lp, "Invalid optional chain from new expression");
			next(p);
			chain = true;
			feat(p, AST_FEAT_OPTIONAL_CHAIN);
			if (is(p, TK_LT)) {
				ts_type_args(p);
			}
			if (is(p, TK_LPAREN)) {
				struct ast_node *c = node(p, AST_CALL, e->pos);
				c->flags |= AST_F_OPTIONAL;
				c->call.callee = e;
				parse_args(p, &c->call.args);
				e = finish(p, c);
			} else if (is(p, TK_LBRACKET)) {
				next(p);
				struct ast_node *m = node(p, AST_MEMBER, e->pos);
				m->flags |= AST_F_OPTIONAL | AST_F_COMPUTED;
				m->member.object = e;
				bool save_no_in = p->no_in;
				p->no_in = false;
				m->member.property = parse_expression(p);
				p->no_in = save_no_in;
				expect(p, TK_RBRACKET);
				e = finish(p, m);
			} else if (is(p, TK_TEMPLATE)) {
				fail_at(p, TOK.pos, "Invalid tagged template on optional chain");
			} else {
				struct ast_node *m = node(p, AST_MEMBER, e->pos);
				m->flags |= AST_F_OPTIONAL;
				m->member.object = e;
				if (is(p, TK_PRIVATE)) {
					m->member.property = node(p, AST_PRIVATE_NAME, TOK.pos);
					m->member.property->ident.name = TOK.str;
					next(p);
				} else {
					m->member.property = parse_name(p);
				}
				e = finish(p, m);
			}
		} else if (is(p, TK_LBRACKET)) {
			next(p);
			struct ast_node *m = node(p, AST_MEMBER, e->pos);
			m->flags |= AST_F_COMPUTED;
			m->member.object = e;
			bool save_no_in = p->no_in;
			p->no_in = false;
			m->member.property = parse_expression(p);
			p->no_in = save_no_in;
			expect(p, TK_RBRACKET);
			e = finish(p, m);
		} else if (is(p, TK_TEMPLATE)) {
			if (chain)
				fail_at(p, TOK.pos, "Invalid tagged template on optional chain");
			struct ast_node *t = node(p, AST_TAGGED_TEMPLATE, e->pos);
			feat(p, AST_FEAT_TAGGED_TEMPLATE);
			t->tagged.tag = e;
			t->tagged.quasi = parse_template(p, true);
			e = finish(p, t);
		} else if (is(p, TK_LPAREN) && allow_call) {
			struct ast_node *c = node(p, AST_CALL, e->pos);
			c->call.callee = e;
			parse_args(p, &c->call.args);
			if (e->kind == AST_IDENT && str_is(e->ident.name, "eval"))
				use(p, AST_USES_EVAL);
			e = finish(p, c);
		} else if (is(p, TK_BANG) && !TOK.nl_before) {
			/* TS non-null assertion `x!` (never valid JS here) */
			next(p);
			continue;
		} else if (is(p, TK_LT) && !TOK.nl_before && allow_call && speculate(p, spec_type_args_call, NULL)) {
			continue; /* f<T>(x): type arguments erased, the call follows */
		} else {
			break;
		}
		enter(p); /* every wrapping level counts toward the tree height */
	}
	p->depth = saved_depth;
	if (chain) {
		struct ast_node *c = node(p, AST_CHAIN, e->pos);
		c->unary.arg = e;
		c->end = e->end;
		e = c;
	}
	return e;
}

static struct ast_node *parse_update(struct parser *p)
{
	struct ast_pos pos = TOK.pos;
	if (is(p, TK_INC) || is(p, TK_DEC)) {
		enum ast_op op = is(p, TK_INC) ? AST_OP_INC : AST_OP_DEC;
		next(p);
		enter(p);
		struct ast_node *arg = parse_unary(p);
		leave(p);
		if (arg->flags & AST_F_PARENS && arg->kind != AST_IDENT && arg->kind != AST_MEMBER)
			fail_at(p, arg->pos, "Invalid left-hand side expression in prefix operation");
		if (arg->kind != AST_IDENT && arg->kind != AST_MEMBER)
			fail_at(p, arg->pos, "Invalid left-hand side expression in prefix operation");
		check_simple_target(p, arg, false, "Invalid left-hand side expression in prefix operation");
		struct ast_node *u = ast_unary(p->a, AST_UPDATE, op, arg, pos);
		u->flags |= AST_F_PREFIX;
		return finish(p, u);
	}
	struct ast_node *e = parse_lhs(p, true);
	if ((is(p, TK_INC) || is(p, TK_DEC)) && !TOK.nl_before) {
		if (e->kind != AST_IDENT && e->kind != AST_MEMBER)
			fail_at(p, e->pos, "Invalid left-hand side expression in postfix operation");
		check_simple_target(p, e, false, "Invalid left-hand side expression in postfix operation");
		enum ast_op op = is(p, TK_INC) ? AST_OP_INC : AST_OP_DEC;
		next(p);
		return finish(p, ast_unary(p->a, AST_UPDATE, op, e, e->pos));
	}
	return e;
}

static struct ast_node *parse_unary(struct parser *p)
{
	struct ast_pos pos = TOK.pos;
	enum ast_op op = AST_OP_NONE;
	switch (TOK.type) {
	case TK_MINUS: op = AST_OP_NEG; break;
	case TK_PLUS: op = AST_OP_POS; break;
	case TK_BANG: op = AST_OP_NOT; break;
	case TK_TILDE: op = AST_OP_BITNOT; break;
	case TK_NAME:
		if (TOK.escaped)
			break;
		if (TOK.kw == KW_TYPEOF)
			op = AST_OP_TYPEOF;
		else if (TOK.kw == KW_VOID)
			op = AST_OP_VOID;
		else if (TOK.kw == KW_DELETE)
			op = AST_OP_DELETE;
		else if (TOK.kw == KW_AWAIT && p->fn->async) {
			if (p->fn->class_field)
				fail_at(p, pos,
				        "await is only valid in async functions and the top level bodies of modules");
			if (p->fn->in_params)
				fail_at(p, pos, "Illegal await-expression in formal parameters of async function");
			next(p);
			enter(p);
			struct ast_node *arg = parse_unary(p);
			leave(p);
			use(p, AST_USES_AWAIT);
			feat(p, AST_FEAT_ASYNC);
			if (p->fn->program && p->info && !p->info->top_level_await) {
				p->info->top_level_await = true;
				p->info->await_pos = pos;
			}
			return finish(p, ast_unary(p->a, AST_AWAIT, AST_OP_NONE, arg, pos));
		}
		break;
	case TK_LT: {
		/* TS type assertion `<T>x` (generic arrows are handled in primary) */
		break;
	}
	default: break;
	}
	if (op == AST_OP_NONE)
		return parse_update(p);
	next(p);
	enter(p);
	struct ast_node *arg = parse_unary(p);
	leave(p);
	if (op == AST_OP_DELETE && p->fn->strict && arg->kind == AST_IDENT)
		fail_at(p, pos, "Delete of an unqualified identifier in strict mode.");
	if (op == AST_OP_DELETE && arg->kind == AST_MEMBER && arg->member.property->kind == AST_PRIVATE_NAME)
		fail_at(p, pos, "Private fields can not be deleted");
	if (is(p, TK_STARSTAR))
		fail_at(p, TOK.pos,
		        "Unary operator used immediately before exponentiation expression. Parenthesis must be used to "
		        "disambiguate operator precedence");
	return finish(p, ast_unary(p->a, AST_UNARY, op, arg, pos));
}

/* Binary precedence (higher binds tighter); 0 = not a binary operator. */
static int binary_prec(struct parser *p, enum ast_op *op, enum ast_kind *kind)
{
	*kind = AST_BINARY;
	switch (TOK.type) {
	case TK_NULLISH:
		*op = AST_OP_NULLISH;
		*kind = AST_LOGICAL;
		return 1;
	case TK_OR:
		*op = AST_OP_OR;
		*kind = AST_LOGICAL;
		return 2;
	case TK_AND:
		*op = AST_OP_AND;
		*kind = AST_LOGICAL;
		return 3;
	case TK_PIPE: *op = AST_OP_BITOR; return 4;
	case TK_CARET: *op = AST_OP_BITXOR; return 5;
	case TK_AMP: *op = AST_OP_BITAND; return 6;
	case TK_EQ: *op = AST_OP_EQ; return 7;
	case TK_NE: *op = AST_OP_NE; return 7;
	case TK_SEQ: *op = AST_OP_SEQ; return 7;
	case TK_SNE: *op = AST_OP_SNE; return 7;
	case TK_LT: *op = AST_OP_LT; return 8;
	case TK_GT: *op = AST_OP_GT; return 8;
	case TK_LE: *op = AST_OP_LE; return 8;
	case TK_GE: *op = AST_OP_GE; return 8;
	case TK_NAME:
		if (TOK.escaped)
			return 0;
		if (TOK.kw == KW_INSTANCEOF) {
			*op = AST_OP_INSTANCEOF;
			return 8;
		}
		if (TOK.kw == KW_IN && !p->no_in) {
			*op = AST_OP_IN;
			return 8;
		}
		if ((TOK.kw == KW_AS || TOK.kw == KW_SATISFIES) && !TOK.nl_before) {
			*op = AST_OP_NONE;
			return 8;
		}
		return 0;
	case TK_SHL: *op = AST_OP_SHL; return 9;
	case TK_SHR: *op = AST_OP_SHR; return 9;
	case TK_USHR: *op = AST_OP_USHR; return 9;
	case TK_PLUS: *op = AST_OP_ADD; return 10;
	case TK_MINUS: *op = AST_OP_SUB; return 10;
	case TK_STAR: *op = AST_OP_MUL; return 11;
	case TK_SLASH: *op = AST_OP_DIV; return 11;
	case TK_PERCENT: *op = AST_OP_MOD; return 11;
	case TK_STARSTAR: *op = AST_OP_EXP; return 12;
	default: return 0;
	}
}

/* Precedence climbing; `**` is right-associative; `??` may not mix with
 * `||`/`&&` without parentheses. */
static struct ast_node *parse_binary(struct parser *p, int min_prec)
{
	struct ast_node *left;
	if (is(p, TK_PRIVATE)) {
		left = parse_primary(p); /* #x in o */
	} else {
		left = parse_unary(p);
	}
	int saved_depth = p->depth;
	for (;;) {
		enum ast_op op;
		enum ast_kind kind;
		int prec = binary_prec(p, &op, &kind);
		if (prec == 0 || prec < min_prec)
			break;
		if (left->kind == AST_PRIVATE_NAME && op != AST_OP_IN)
			unexpected(p);
		struct ast_pos opos = TOK.pos;
		if (op == AST_OP_NONE) {
			/* `x as T` / `x satisfies T`: erase */
			next(p);
			if (is_kw(p, KW_CONST))
				next(p);
			else
				ts_type(p);
			continue;
		}
		next(p);
		enter(p);
		struct ast_node *right;
		if (op == AST_OP_EXP) {
			if (left->kind == AST_UNARY && !(left->flags & AST_F_PARENS))
				fail_at(p, opos,
				        "Unary operator used immediately before exponentiation expression. Parenthesis "
				        "must be used to disambiguate operator precedence");
			right = parse_binary(p, prec); /* right-assoc */
			feat(p, AST_FEAT_EXPONENT);
		} else if (op == AST_OP_NULLISH) {
			/* `a ?? b || c`: stop before || / && so the mix is reported at
			 * the operator V8 names */
			right = parse_binary(p, 4);
		} else {
			right = parse_binary(p, prec + 1);
		}
		if (kind == AST_LOGICAL) {
			bool l_mix = left->kind == AST_LOGICAL && !(left->flags & AST_F_PARENS) &&
			             ((op == AST_OP_NULLISH) != (left->op == AST_OP_NULLISH));
			bool r_mix = right->kind == AST_LOGICAL && !(right->flags & AST_F_PARENS) &&
			             ((op == AST_OP_NULLISH) != (right->op == AST_OP_NULLISH));
			if (l_mix || r_mix)
				fail_at(p, opos, "Unexpected token '%s'", ast_op_text(op));
			if (op == AST_OP_NULLISH)
				feat(p, AST_FEAT_NULLISH);
		}
		struct ast_node *b = ast_binary(p->a, kind, op, left, right, left->pos);
		left = finish(p, b);
	}
	/* `a ?? b || c`: the loop above stops at '||' (lower) only when min
	 * prec allows; catch the mixed case at this level too. */
	if (left->kind == AST_LOGICAL && !(left->flags & AST_F_PARENS) && min_prec <= 1) {
		if (left->op == AST_OP_NULLISH && (is(p, TK_OR) || is(p, TK_AND)))
			unexpected(p);
	}
	p->depth = saved_depth;
	return left;
}

static struct ast_node *parse_conditional(struct parser *p)
{
	struct ast_node *test = parse_binary(p, 1);
	if (!is(p, TK_QUESTION))
		return test;
	next(p);
	enter(p);
	struct ast_node *c = node(p, AST_CONDITIONAL, test->pos);
	c->cond.test = test;
	bool save_no_in = p->no_in;
	p->no_in = false;
	c->cond.cons = parse_assign(p);
	p->no_in = save_no_in;
	expect(p, TK_COLON);
	c->cond.alt = parse_assign(p);
	leave(p);
	return finish(p, c);
}

static enum ast_op assign_op(enum tk t)
{
	switch (t) {
	case TK_ASSIGN: return AST_OP_ASSIGN;
	case TK_PLUS_ASSIGN: return AST_OP_ADD_ASSIGN;
	case TK_MINUS_ASSIGN: return AST_OP_SUB_ASSIGN;
	case TK_STAR_ASSIGN: return AST_OP_MUL_ASSIGN;
	case TK_SLASH_ASSIGN: return AST_OP_DIV_ASSIGN;
	case TK_PERCENT_ASSIGN: return AST_OP_MOD_ASSIGN;
	case TK_STARSTAR_ASSIGN: return AST_OP_EXP_ASSIGN;
	case TK_SHL_ASSIGN: return AST_OP_SHL_ASSIGN;
	case TK_SHR_ASSIGN: return AST_OP_SHR_ASSIGN;
	case TK_USHR_ASSIGN: return AST_OP_USHR_ASSIGN;
	case TK_AMP_ASSIGN: return AST_OP_BITAND_ASSIGN;
	case TK_PIPE_ASSIGN: return AST_OP_BITOR_ASSIGN;
	case TK_CARET_ASSIGN: return AST_OP_BITXOR_ASSIGN;
	case TK_AND_ASSIGN: return AST_OP_AND_ASSIGN;
	case TK_OR_ASSIGN: return AST_OP_OR_ASSIGN;
	case TK_NULLISH_ASSIGN: return AST_OP_NULLISH_ASSIGN;
	default: return AST_OP_NONE;
	}
}

static struct ast_node *parse_yield(struct parser *p)
{
	struct ast_pos pos = TOK.pos;
	next(p);
	struct ast_node *y = node(p, AST_YIELD, pos);
	use(p, AST_USES_YIELD);
	if (p->fn->class_field || p->fn->in_params)
		fail_at(p, pos, "Yield expression not allowed in formal parameter");
	if (TOK.nl_before)
		return finish(p, y);
	if (eat(p, TK_STAR)) {
		y->flags |= AST_F_DELEGATE;
		y->unary.arg = parse_assign(p);
		return finish(p, y);
	}
	switch (TOK.type) {
	case TK_RPAREN:
	case TK_RBRACKET:
	case TK_RBRACE:
	case TK_COMMA:
	case TK_SEMI:
	case TK_COLON:
	case TK_EOF: return finish(p, y);
	default:
		if (is_kw(p, KW_IN))
			return finish(p, y);
		y->unary.arg = parse_assign(p);
		return finish(p, y);
	}
}

static struct ast_node *parse_assign(struct parser *p)
{
	enter(p);
	if (is_kw(p, KW_YIELD) && p->fn->gen) {
		struct ast_node *y = parse_yield(p);
		leave(p);
		return y;
	}
	struct ast_node *left = parse_conditional(p);
	enum ast_op op = assign_op(TOK.type);
	if (op == AST_OP_NONE) {
		leave(p);
		return left;
	}
	struct ast_pos opos = TOK.pos;
	if (op == AST_OP_ASSIGN && (left->kind == AST_OBJECT || left->kind == AST_ARRAY) &&
	    !(left->flags & AST_F_PARENS)) {
		left = to_pattern(p, left, false);
	} else if (left->kind != AST_IDENT && left->kind != AST_MEMBER) {
		(void)opos;
		fail_at(p, left->pos, "Invalid left-hand side in assignment");
	} else {
		check_simple_target(p, left, false, "Invalid left-hand side in assignment");
	}
	if (op >= AST_OP_AND_ASSIGN)
		feat(p, AST_FEAT_LOGICAL_ASSIGN);
	if (op == AST_OP_EXP_ASSIGN)
		feat(p, AST_FEAT_EXPONENT);
	next(p);
	struct ast_node *right = parse_assign(p);
	leave(p);
	return finish(p, ast_binary(p->a, AST_ASSIGN, op, left, right, left->pos));
}

static struct ast_node *parse_expression(struct parser *p)
{
	struct ast_node *e = parse_assign(p);
	if (!is(p, TK_COMMA))
		return e;
	struct ast_node *s = node(p, AST_SEQUENCE, e->pos);
	ast_list_push(p->a, &s->list.items, e);
	while (eat(p, TK_COMMA))
		ast_list_push(p->a, &s->list.items, parse_assign(p));
	return finish(p, s);
}

/* ---------------------------------------------------------------- classes */

static bool is_class_member_end(enum tk t)
{
	return t == TK_LPAREN || t == TK_ASSIGN || t == TK_SEMI || t == TK_RBRACE || t == TK_COLON ||
	       t == TK_QUESTION || t == TK_BANG || t == TK_LT;
}

static struct ast_node *parse_class(struct parser *p, enum ast_kind kind, struct ast_pos start, bool need_name)
{
	enter(p);
	feat(p, AST_FEAT_CLASS);
	struct ast_node *c = node(p, kind, start);
	/* class code is always strict */
	bool was_strict = p->fn->strict, was_lx = p->lx.strict;
	p->fn->strict = true;
	p->lx.strict = true;
	if (TOK.type == TK_NAME && !is_kw(p, KW_EXTENDS) && !is_kw(p, KW_IMPLEMENTS)) {
		c->cls.id = parse_ident(p);
		check_binding_name(p, c->cls.id);
	} else if (need_name) {
		unexpected(p);
	}
	if (is(p, TK_LT))
		ts_type_params(p);
	if (eat_kw(p, KW_EXTENDS)) {
		c->flags |= AST_F_DERIVED;
		c->cls.super_class = parse_lhs(p, true);
		if (is(p, TK_LT))
			ts_type_args(p);
	}
	if (eat_kw(p, KW_IMPLEMENTS)) {
		do {
			ts_type(p);
		} while (eat(p, TK_COMMA));
	}
	expect(p, TK_LBRACE);
	p->class_depth++;
	bool has_ctor = false;
	while (!is(p, TK_RBRACE)) {
		if (eat(p, TK_SEMI))
			continue;
		if (is(p, TK_AT))
			unexpected(p);
		struct ast_pos mpos = TOK.pos;
		bool is_static = false, is_async = false, gen = false, declare = false, abstract = false;
		int accessor = 0;
		/* modifiers: each is a modifier only if a member name follows */
		for (;;) {
			if (TOK.type != TK_NAME || TOK.escaped)
				break;
			enum kw k = TOK.kw;
			if (k != KW_STATIC && k != KW_PUBLIC && k != KW_PRIVATE && k != KW_PROTECTED &&
			    k != KW_READONLY && k != KW_ABSTRACT && k != KW_OVERRIDE && k != KW_DECLARE &&
			    k != KW_ACCESSOR)
				break;
			struct token nx = peek(p);
			if (is_class_member_end(nx.type))
				break;
			if (k == KW_STATIC && nx.type == TK_LBRACE) {
				/* static block */
				next(p);
				struct ast_node *sb = node(p, AST_STATIC_BLOCK, mpos);
				feat(p, AST_FEAT_CLASS_FIELDS);
				struct fnctx fc;
				push_fn(p, &fc, NULL, false, false, false);
				fc.super_prop = true;
				fc.class_field = true;
				fc.uses = 0;
				next(p);
				while (!is(p, TK_RBRACE)) {
					push_stmt(p, &sb->list.items, parse_stmt_list_item(p));
				}
				next(p);
				pop_fn(p, NULL);
				ast_list_push(p->a, &c->cls.body, finish(p, sb));
				goto next_member;
			}
			if (k == KW_ACCESSOR)
				fail_at(p, TOK.pos, "'accessor' class members are not supported");
			if (k == KW_STATIC)
				is_static = true;
			if (k == KW_DECLARE)
				declare = true;
			if (k == KW_ABSTRACT)
				abstract = true;
			next(p);
		}
		if (TOK.type == TK_NAME && !TOK.escaped &&
		    (TOK.kw == KW_ASYNC || TOK.kw == KW_GET || TOK.kw == KW_SET)) {
			struct token nx = peek(p);
			if (!is_class_member_end(nx.type) && !(TOK.kw == KW_ASYNC && nx.nl_before)) {
				if (TOK.kw == KW_ASYNC)
					is_async = true;
				else
					accessor = TOK.kw == KW_GET ? 1 : 2;
				next(p);
			}
		}
		if (eat(p, TK_STAR))
			gen = true;
		/* TS index signature `[key: string]: T;` */
		if (is(p, TK_LBRACKET)) {
			struct token nx = peek(p);
			if (nx.type == TK_NAME) {
				struct lexer save = p->lx;
				uint32_t se = p->prev_end;
				next(p);
				next(p);
				bool idx = is(p, TK_COLON);
				p->lx = save;
				p->prev_end = se;
				if (idx) {
					skip_balanced(p);
					ts_annotation(p);
					semicolon(p);
					goto next_member;
				}
			}
		}
		struct ast_node *m = node(p, AST_METHOD, mpos);
		if (is_static)
			m->flags |= AST_F_STATIC;
		struct token keytok = TOK;
		m->prop.key = parse_prop_key(p, m, true);
		bool is_ctor = !is_static && keytok.type == TK_NAME && key_is(m, m->prop.key, "constructor");
		if (keytok.type == TK_STRING && !is_static && key_is(m, m->prop.key, "constructor"))
			is_ctor = true;
		eat(p, TK_QUESTION); /* optional member */
		if (is(p, TK_LPAREN) || is(p, TK_LT)) {
			m->op = accessor == 1 ? AST_METHOD_GET : accessor == 2 ? AST_METHOD_SET : AST_METHOD_METHOD;
			if (is_ctor) {
				if (accessor || gen || is_async)
					fail_at(p, mpos, "Class constructor may not be a%s",
					        accessor == 1   ? " getter"
					        : accessor == 2 ? " setter"
					        : gen           ? " generator"
					                        : "n async method");
				m->op = AST_METHOD_CONSTRUCTOR;
			}
			if (is_static && key_is(m, m->prop.key, "prototype"))
				fail_at(p, mpos, "Classes may not have a static property named 'prototype'");
			struct ast_list props = {0};
			m->prop.value = parse_method_fn(p, mpos, is_async, gen, is_ctor,
			                                (c->flags & AST_F_DERIVED) != 0, is_ctor ? &props : NULL, true);
			if (!m->prop.value)
				goto next_member; /* overload signature or abstract method */
			if (declare)
				goto next_member;
			if (is_ctor) {
				if (has_ctor)
					fail_at(p, mpos, "A class may only have one constructor");
				has_ctor = true;
			}
			struct ast_node *fn = m->prop.value;
			if (accessor == 1 && fn->fn.params.len != 0)
				fail_at(p, mpos, "Getter must not have any formal parameters.");
			if (accessor == 2 && fn->fn.params.len != 1)
				fail_at(p, mpos, "Setter must have exactly one formal parameter.");
			ast_list_push(p->a, &c->cls.body, finish(p, m));
		} else {
			/* field */
			if (accessor || is_async || gen)
				unexpected(p);
			if (is_ctor || key_is(m, m->prop.key, "constructor"))
				fail_at(p, mpos, "Classes may not have a field named 'constructor'");
			if (is_static && key_is(m, m->prop.key, "prototype"))
				fail_at(p, mpos, "Classes may not have a static property named 'prototype'");
			m->kind = AST_FIELD;
			eat(p, TK_BANG);
			ts_annotation(p);
			if (is(p, TK_ASSIGN)) {
				next(p);
				struct fnctx fc;
				push_fn(p, &fc, NULL, false, false, false);
				fc.super_prop = true;
				fc.class_field = true;
				fc.new_target = true;
				m->prop.value = parse_assign(p);
				/* `this` inside an initializer refers to the instance: report to
				 * nobody (the initializer is its own function scope). */
				pop_fn(p, NULL);
			}
			semicolon(p);
			if (declare || abstract)
				goto next_member;
			feat(p, AST_FEAT_CLASS_FIELDS);
			ast_list_push(p->a, &c->cls.body, finish(p, m));
		}
	next_member:;
	}
	next(p);
	p->class_depth--;
	p->fn->strict = was_strict;
	p->lx.strict = was_lx;
	leave(p);
	if (kind == AST_CLASS_DECL && c->cls.id)
		ns_note_class(p, c->cls.id);
	return finish(p, c);
}

/* ---------------------------------------------------------------- statements */

static struct ast_node *parse_var_decl(struct parser *p, enum ast_op kind, bool in_for)
{
	struct ast_node *v = node(p, AST_VAR_DECL, TOK.pos);
	v->op = (uint16_t)kind;
	if (kind != AST_VAR_VAR)
		feat(p, AST_FEAT_LET_CONST);
	next(p);
	do {
		struct ast_node *d = node(p, AST_DECLARATOR, TOK.pos);
		d->declarator.id = parse_binding_target(p);
		if (kind != AST_VAR_VAR && d->declarator.id->kind == AST_IDENT &&
		    str_is(d->declarator.id->ident.name, "let"))
			fail_at(p, d->pos, "let is disallowed as a lexically bound name");
		eat(p, TK_BANG); /* TS definite assignment `let x!: T` */
		ts_annotation(p);
		if (eat(p, TK_ASSIGN)) {
			d->declarator.init = parse_assign(p);
		} else if (!in_for || !(is_kw(p, KW_IN) || is_kw(p, KW_OF))) {
			if (kind == AST_VAR_CONST)
				fail_at(p, TOK.pos.offset > d->pos.offset ? d->pos : TOK.pos,
				        "Missing initializer in const declaration");
			if (d->declarator.id->kind != AST_IDENT)
				fail_at(p, d->pos, "Missing initializer in destructuring declaration");
		}
		ast_list_push(p->a, &v->var.decls, finish(p, d));
	} while (eat(p, TK_COMMA));
	return finish(p, v);
}

static bool let_is_decl(struct parser *p)
{
	if (!is_kw(p, KW_LET))
		return false;
	struct token nx = peek(p);
	if (nx.type == TK_LBRACKET || nx.type == TK_LBRACE)
		return true;
	if (nx.type == TK_NAME) {
		if (nx.kw == KW_IN || nx.kw == KW_INSTANCEOF)
			return false;
		if (nx.kw == KW_OF)
			return false;
		return !nx.nl_before || true;
	}
	return false;
}

static struct ast_node *parse_block(struct parser *p)
{
	struct ast_node *b = node(p, AST_BLOCK, TOK.pos);
	expect(p, TK_LBRACE);
	while (!is(p, TK_RBRACE)) {
		if (is(p, TK_EOF))
			unexpected(p);
		push_stmt(p, &b->list.items, parse_stmt_list_item(p));
	}
	next(p);
	return finish(p, b);
}

static struct ast_node *parse_for(struct parser *p, struct ast_pos pos)
{
	next(p);
	bool is_await = false;
	if (is_kw(p, KW_AWAIT)) {
		if (!p->fn->async)
			fail_at(p, TOK.pos, "Unexpected reserved word");
		next(p);
		is_await = true;
		use(p, AST_USES_AWAIT);
		feat(p, AST_FEAT_ASYNC);
		if (p->fn->program && p->info && !p->info->top_level_await) {
			p->info->top_level_await = true;
			p->info->await_pos = pos;
		}
	}
	expect(p, TK_LPAREN);
	struct ast_node *init = NULL;
	bool save_no_in = p->no_in;
	p->no_in = true;
	if (is(p, TK_SEMI)) {
		/* empty init */
	} else if (is_kw(p, KW_VAR)) {
		init = parse_var_decl(p, AST_VAR_VAR, true);
	} else if (is_kw(p, KW_CONST)) {
		init = parse_var_decl(p, AST_VAR_CONST, true);
	} else if (let_is_decl(p)) {
		init = parse_var_decl(p, AST_VAR_LET, true);
	} else {
		bool starts_let = is_kw(p, KW_LET);
		bool starts_async = is_kw(p, KW_ASYNC) && !TOK.escaped;
		init = parse_expression(p);
		if (is_kw(p, KW_OF)) {
			if (starts_let)
				fail_at(p, init->pos, "The left-hand side of a for-of loop may not be 'let'.");
			if (starts_async && init->kind == AST_IDENT && !is_await)
				fail_at(p, init->pos, "The left-hand side of a for-of loop may not be 'async'.");
		}
	}
	p->no_in = save_no_in;
	if (init && (is_kw(p, KW_IN) || is_kw(p, KW_OF))) {
		bool of = is_kw(p, KW_OF);
		if (is_await && !of)
			unexpected(p);
		if (init->kind == AST_VAR_DECL) {
			if (init->var.decls.len != 1)
				fail_at(p, init->pos, "Invalid left-hand side in %s loop: Must have a single binding.",
				        of ? "for-of" : "for-in");
			struct ast_node *d = init->var.decls.items[0];
			if (d->declarator.init &&
			    (of || p->fn->strict || init->op != AST_VAR_VAR || d->declarator.id->kind != AST_IDENT))
				fail_at(p, init->pos, "%s loop variable declaration may not have an initializer.",
				        of ? "for-of" : "for-in");
		} else {
			if (init->kind == AST_OBJECT || init->kind == AST_ARRAY)
				init = to_pattern(p, init, false);
			else if (init->kind != AST_IDENT && init->kind != AST_MEMBER)
				fail_at(p, init->pos, "Invalid left-hand side in %s loop", of ? "for-of" : "for-in");
		}
		struct ast_node *f = node(p, of ? AST_FOR_OF : AST_FOR_IN, pos);
		if (of)
			feat(p, AST_FEAT_FOR_OF);
		if (is_await)
			f->flags |= AST_F_AWAIT;
		next(p);
		f->for_in.left = init;
		f->for_in.right = of ? parse_assign(p) : parse_expression(p);
		expect(p, TK_RPAREN);
		p->fn->loops++;
		p->fn->breakable++;
		f->for_in.body = sub_statement(p, SUB_LOOP);
		p->fn->loops--;
		p->fn->breakable--;
		return finish(p, f);
	}
	if (is_await)
		unexpected(p);
	if (init && init->kind == AST_VAR_DECL) {
		for (uint32_t i = 0; i < init->var.decls.len; i++) {
			struct ast_node *d = init->var.decls.items[i];
			if (!d->declarator.init && (init->op == AST_VAR_CONST))
				fail_at(p, d->pos, "Missing initializer in const declaration");
			if (!d->declarator.init && d->declarator.id->kind != AST_IDENT)
				fail_at(p, d->pos, "Missing initializer in destructuring declaration");
		}
	}
	struct ast_node *f = node(p, AST_FOR, pos);
	f->for_.init = init;
	expect(p, TK_SEMI);
	if (!is(p, TK_SEMI))
		f->for_.test = parse_expression(p);
	expect(p, TK_SEMI);
	if (!is(p, TK_RPAREN))
		f->for_.update = parse_expression(p);
	expect(p, TK_RPAREN);
	p->fn->loops++;
	p->fn->breakable++;
	f->for_.body = sub_statement(p, SUB_LOOP);
	p->fn->loops--;
	p->fn->breakable--;
	return finish(p, f);
}

/* TS `enum E { A, B = 5, C = "c" }` as tsc emits it:
 *   var E; (function (E) { E[E["A"] = 0] = "A"; ... })(E || (E = {})); */
struct enum_ctx {
	struct parser *p;
	struct ast_node *e_id;
	struct ast_list *names;
};

static int enum_rewrite_refs(struct ast_node **slot, void *vctx)
{
	struct enum_ctx *ec = vctx;
	struct ast_node *n = *slot;
	if (n->kind == AST_IDENT) {
		for (uint32_t i = 0; i < ec->names->len; i++) {
			struct ast_node *nm = ec->names->items[i];
			if (nm->string.value.len == n->ident.name.len &&
			    memcmp(nm->string.value.s, n->ident.name.s, n->ident.name.len) == 0) {
				*slot = ast_member_computed(ec->p->a, ast_clone(ec->p->a, ec->e_id),
				                            ast_clone(ec->p->a, nm), n->pos);
				return 0;
			}
		}
		return 0;
	}
	if (ast_is_function(n->kind) || n->kind == AST_CLASS_EXPR)
		return 0;
	if (n->kind == AST_MEMBER && !(n->flags & AST_F_COMPUTED))
		return enum_rewrite_refs(&n->member.object, vctx);
	if (n->kind == AST_PROPERTY) {
		if (n->flags & AST_F_COMPUTED)
			enum_rewrite_refs(&n->prop.key, vctx);
		return enum_rewrite_refs(&n->prop.value, vctx);
	}
	return ast_for_each_child(n, enum_rewrite_refs, vctx);
}

static struct ast_node *parse_enum(struct parser *p, struct ast_pos pos, bool declare, struct ast_list *out)
{
	next(p); /* enum */
	struct ast_node *id = parse_ident(p);
	if (declare) {
		skip_balanced(p);
		return NULL;
	}
	struct ast_arena *a = p->a;
	struct ast_node *body = node(p, AST_BLOCK, pos);
	struct ast_list names = {0};
	struct enum_ctx ec = {p, id, &names};
	expect(p, TK_LBRACE);
	double next_val = 0;
	bool next_known = true;
	struct ast_node *prev_name = NULL;
	while (!is(p, TK_RBRACE)) {
		struct ast_pos mp = TOK.pos;
		struct ast_node *name;
		if (is(p, TK_STRING)) {
			name = ast_string(a, TOK.str.s, TOK.str.len, mp);
			next(p);
		} else if (TOK.type == TK_NAME) {
			name = ast_string(a, TOK.str.s, TOK.str.len, mp);
			next(p);
		} else if (is(p, TK_LBRACKET)) {
			fail_at(p, mp, "Computed property names are not allowed in enums.");
		} else {
			unexpected(p);
		}
		struct ast_node *val;
		bool is_string = false;
		if (eat(p, TK_ASSIGN)) {
			val = parse_assign(p);
			enum_rewrite_refs(&val, &ec);
			if (val->kind == AST_NUMBER) {
				next_val = val->number.value + 1;
				next_known = true;
			} else if (val->kind == AST_UNARY && val->op == AST_OP_NEG &&
			           val->unary.arg->kind == AST_NUMBER) {
				next_val = -val->unary.arg->number.value + 1;
				next_known = true;
			} else if (val->kind == AST_STRING || val->kind == AST_TEMPLATE) {
				is_string = true;
				next_known = false;
			} else {
				next_known = false;
			}
		} else if (next_known) {
			val = ast_number(a, next_val, mp);
			next_val += 1;
		} else if (prev_name) {
			val = ast_binary(a, AST_BINARY, AST_OP_ADD,
			                 ast_member_computed(a, ast_clone(a, id), ast_clone(a, prev_name), mp),
			                 ast_number(a, 1, mp), mp);
		} else {
			val = ast_number(a, 0, mp);
		}
		/* E["A"] = val, reverse-mapped unless the value is a string */
		struct ast_node *inner = ast_assign(a, ast_member_computed(a, ast_clone(a, id), name, mp), val, mp);
		struct ast_node *st;
		if (is_string)
			st = ast_expr_stmt(a, inner);
		else
			st = ast_expr_stmt(a, ast_assign(a, ast_member_computed(a, ast_clone(a, id), inner, mp),
			                                 ast_clone(a, name), mp));
		ast_list_push(a, &body->list.items, st);
		ast_list_push(a, &names, name);
		prev_name = name;
		if (!is(p, TK_RBRACE))
			expect(p, TK_COMMA);
	}
	next(p);
	finish(p, body);
	struct ast_node *fn = node(p, AST_FUNCTION_EXPR, pos);
	fn->flags |= AST_F_SYNTHETIC;
	ast_list_push(a, &fn->fn.params, ast_clone(a, id));
	fn->fn.body = body;
	/* E || (E = {}) */
	struct ast_node *obj = node(p, AST_OBJECT, pos);
	struct ast_node *arg =
	        ast_binary(a, AST_LOGICAL, AST_OP_OR, ast_clone(a, id), ast_assign(a, ast_clone(a, id), obj, pos), pos);
	struct ast_node *call = ast_call(a, fn, pos, 1, arg);
	ast_list_push(a, out, ast_var1(a, AST_VAR_VAR, ast_clone(a, id), NULL, pos));
	ast_list_push(a, out, ast_expr_stmt(a, call));
	return NULL;
}

/* TS `namespace N { ... }` as tsc emits it:
 *   var N; (function (N) { function f() {} N.f = f; ... })(N || (N = {}));
 * a nested one exported into its parent P as
 *   var M; (function (M) { ... })(M = P.M || (P.M = {}));
 * and `namespace A.B {}` as A holding an exported B. An exported function,
 * class, enum or const stays a local of the function and is copied onto N
 * right after its declaration; code inside reads the local where tsc reads
 * N.x, the same value unless something assigns N.x from outside. Exported
 * let and var, which tsc turns into live properties of N, are refused
 * rather than copied. A later block of the same namespace sees what earlier
 * blocks exported (tsc resolves those names to N.x) through locals read
 * from N when the block starts. */
struct ns_seen {
	struct ns_seen *next;
	struct ast_str path;       /* "A.B" */
	struct ast_list names;     /* AST_STRING per exported name, in order */
	const struct ast_node *fn; /* for a class: the function it is declared in */
};

/* A namespace merging with a class of its name (tsc's static-helper idiom)
 * must not declare `var N`: the class binding is the namespace object. */
static void ns_note_class(struct parser *p, struct ast_node *id)
{
	struct ns_seen *s = ast_alloc(p->a, sizeof(*s));
	memset(s, 0, sizeof(*s));
	s->path = id->ident.name;
	s->fn = p->fn->fn ? p->fn->fn : (const struct ast_node *)p->prog;
	s->next = p->ns_classes;
	p->ns_classes = s;
}

static bool ns_is_class(struct parser *p, struct ast_str name)
{
	const struct ast_node *fn = p->fn->fn ? p->fn->fn : (const struct ast_node *)p->prog;
	for (struct ns_seen *s = p->ns_classes; s; s = s->next)
		if (s->fn == fn && s->path.len == name.len && memcmp(s->path.s, name.s, name.len) == 0)
			return true;
	return false;
}

static bool ns_has(const struct ast_list *l, struct ast_str name)
{
	for (uint32_t i = 0; i < l->len; i++) {
		const struct ast_str *s = &l->items[i]->string.value;
		if (s->len == name.len && memcmp(s->s, name.s, name.len) == 0)
			return true;
	}
	return false;
}

static struct ns_seen *ns_record(struct parser *p, struct ast_str path)
{
	for (struct ns_seen *s = p->ns_seen; s; s = s->next)
		if (s->path.len == path.len && memcmp(s->path.s, path.s, path.len) == 0)
			return s;
	struct ns_seen *s = ast_alloc(p->a, sizeof(*s));
	memset(s, 0, sizeof(*s));
	s->path = path;
	s->next = p->ns_seen;
	p->ns_seen = s;
	return s;
}

/* The names a namespace-body statement declares at its top: function,
 * class, and each declarator of a var/let/const (an enum's or a nested
 * namespace's `var`). *pattern is set for a destructuring declarator. */
static void ns_declared(struct parser *p, struct ast_node *st, struct ast_list *names, bool *pattern)
{
	struct ast_node *id = NULL;
	if (st->kind == AST_FUNCTION_DECL)
		id = st->fn.id;
	else if (st->kind == AST_CLASS_DECL)
		id = st->cls.id;
	if (id) {
		ast_list_push(p->a, names, ast_string(p->a, id->ident.name.s, id->ident.name.len, id->pos));
		return;
	}
	if (st->kind != AST_VAR_DECL)
		return;
	for (uint32_t i = 0; i < st->var.decls.len; i++) {
		struct ast_node *d = st->var.decls.items[i]->declarator.id;
		if (d->kind == AST_IDENT)
			ast_list_push(p->a, names, ast_string(p->a, d->ident.name.s, d->ident.name.len, d->pos));
		else
			*pattern = true;
	}
}

static struct ast_node *parse_namespace(struct parser *p, struct ast_pos pos, struct ast_node *parent,
                                        struct ast_str parent_path, struct ast_list *out);

/* One item of a namespace body: a statement, or `export` and a
 * declaration, followed by `N.x = x` for each name it exports. */
static void parse_ns_item(struct parser *p, struct ast_node *ns, struct ast_str path, struct ns_seen *seen,
                          struct ast_list *declared, struct ast_list *out)
{
	struct ast_arena *a = p->a;
	struct ast_pos pos = TOK.pos;
	bool exported = false;
	if (TOK.type == TK_NAME && !TOK.escaped && TOK.kw == KW_EXPORT) {
		next(p);
		exported = true;
		if (is_kw(p, KW_LET) || is_kw(p, KW_VAR))
			fail_at(p, pos,
			        "'export %s' in a namespace is not supported (tsc makes it a live property of "
			        "the namespace); use const, or a function that returns the value",
			        TOK.str.s);
		if (TOK.type != TK_NAME || is_kw(p, KW_DEFAULT) || is_kw(p, KW_IMPORT))
			fail_at(p, pos, "This export form is not supported in a namespace");
	}
	struct ast_list items = {0};
	if ((is_kw(p, KW_NAMESPACE) || is_kw(p, KW_MODULE)) && peek(p).type == TK_NAME && !peek(p).nl_before) {
		next(p);
		struct ast_node *id = parse_namespace(p, pos, exported ? ns : NULL, path, &items);
		struct ast_node *name = ast_string(a, id->ident.name.s, id->ident.name.len, id->pos);
		if (exported && !ns_has(&seen->names, name->string.value))
			ast_list_push(a, &seen->names, name);
		exported = false; /* the call's argument already sets ns.M */
	} else {
		push_stmt(p, &items, parse_stmt_list_item(p));
	}
	struct ast_list names = {0};
	bool pattern = false;
	for (uint32_t i = 0; i < items.len; i++) {
		ns_declared(p, items.items[i], &names, &pattern);
		ast_list_push(a, out, items.items[i]);
	}
	for (uint32_t i = 0; i < names.len; i++)
		ast_list_push(a, declared, names.items[i]);
	if (!exported)
		return;
	if (pattern)
		fail_at(p, pos, "A destructuring export in a namespace is not supported");
	for (uint32_t i = 0; i < names.len; i++) {
		struct ast_node *n = names.items[i];
		struct ast_node *local = ast_ident_n(a, n->string.value.s, n->string.value.len, n->pos);
		local->flags |= AST_F_SYNTHETIC; /* after its declaration, though at its position */
		ast_list_push(
		        a, out,
		        ast_expr_stmt(a, ast_assign(a, ast_member_name(a, ast_clone(a, ns), n->string.value.s, n->pos),
		                                    local, n->pos)));
		if (!ns_has(&seen->names, n->string.value))
			ast_list_push(a, &seen->names, n);
	}
}

/* After `namespace` (or `module`): the name, the body, and into out the
 * `var N;` and the call; returns N. parent is the enclosing namespace's
 * parameter when this one is exported into it. */
static struct ast_node *parse_namespace(struct parser *p, struct ast_pos pos, struct ast_node *parent,
                                        struct ast_str parent_path, struct ast_list *out)
{
	struct ast_arena *a = p->a;
	struct ast_node *id = parse_ident(p);
	struct ast_str name = id->ident.name;
	struct ast_str path = name;
	if (parent_path.len) {
		char *buf = ast_alloc(a, parent_path.len + name.len + 2);
		memcpy(buf, parent_path.s, parent_path.len);
		buf[parent_path.len] = '.';
		memcpy(buf + parent_path.len + 1, name.s, name.len);
		buf[parent_path.len + 1 + name.len] = '\0';
		path = (struct ast_str){buf, parent_path.len + name.len + 1};
	}
	struct ns_seen *seen = ns_record(p, path);
	uint32_t earlier = seen->names.len;
	struct ast_node *fn = node(p, AST_FUNCTION_EXPR, pos);
	fn->flags |= AST_F_SYNTHETIC;
	ast_list_push(a, &fn->fn.params, ast_clone(a, id));
	struct fnctx c;
	push_fn(p, &c, fn, false, false, false);
	struct ast_node *body = node(p, AST_BLOCK, TOK.pos);
	struct ast_list items = {0}, declared = {0};
	if (eat(p, TK_DOT)) {
		struct ast_pos ipos = TOK.pos;
		struct ast_node *iid = parse_namespace(p, ipos, id, path, &items);
		struct ast_str iname = iid->ident.name;
		if (!ns_has(&seen->names, iname))
			ast_list_push(a, &seen->names, ast_string(a, iname.s, iname.len, iid->pos));
		ast_list_push(a, &declared, ast_string(a, iname.s, iname.len, iid->pos));
	} else {
		expect(p, TK_LBRACE);
		while (!is(p, TK_RBRACE)) {
			if (is(p, TK_EOF))
				unexpected(p);
			parse_ns_item(p, id, path, seen, &declared, &items);
		}
		next(p);
	}
	pop_fn(p, fn);
	for (uint32_t i = 0; i < earlier; i++) {
		struct ast_node *n = seen->names.items[i];
		if (ns_has(&declared, n->string.value))
			continue;
		struct ast_node *from = ast_member_name(a, ast_clone(a, id), n->string.value.s, n->pos);
		ast_list_push(a, &body->list.items,
		              ast_var1(a, AST_VAR_VAR, ast_ident_n(a, n->string.value.s, n->string.value.len, n->pos),
		                       from, n->pos));
	}
	for (uint32_t i = 0; i < items.len; i++)
		ast_list_push(a, &body->list.items, items.items[i]);
	finish(p, body);
	fn->fn.body = body;
	finish(p, fn);
	/* N || (N = {}), or N = P.N || (P.N = {}) */
	struct ast_node *obj = node(p, AST_OBJECT, pos);
	struct ast_node *arg;
	if (parent) {
		struct ast_node *holder = ast_member_name(a, ast_clone(a, parent), name.s, pos);
		arg = ast_binary(a, AST_LOGICAL, AST_OP_OR, holder,
		                 ast_assign(a, ast_member_name(a, ast_clone(a, parent), name.s, pos), obj, pos), pos);
		arg = ast_assign(a, ast_clone(a, id), arg, pos);
	} else {
		arg = ast_binary(a, AST_LOGICAL, AST_OP_OR, ast_clone(a, id), ast_assign(a, ast_clone(a, id), obj, pos),
		                 pos);
	}
	if (parent || !ns_is_class(p, name))
		ast_list_push(a, out, ast_var1(a, AST_VAR_VAR, ast_clone(a, id), NULL, pos));
	ast_list_push(a, out, ast_expr_stmt(a, ast_call(a, fn, pos, 1, arg)));
	return id;
}

/* TypeScript-only declarations: returns true if one was consumed (and
 * erased, or for enums appended to out). */
static bool parse_ts_declaration(struct parser *p, struct ast_list *out, bool *produced)
{
	if (TOK.type != TK_NAME || TOK.escaped)
		return false;
	struct ast_pos pos = TOK.pos;
	struct token nx;
	/* `interface in x` is an expression: a declaration needs a name next
	 * (declare/const/abstract check their own next word). */
	if (TOK.kw == KW_INTERFACE || TOK.kw == KW_TYPE || TOK.kw == KW_NAMESPACE || TOK.kw == KW_MODULE) {
		nx = peek(p);
		if (nx.type == TK_NAME && nx.kw != KW_NONE && nx.kw <= KW_LAST_RESERVED)
			return false;
	}
	if (TOK.kw == KW_DECLARE) {
		nx = peek(p);
		if (nx.type != TK_NAME || nx.nl_before)
			return false;
		switch (nx.kw) {
		case KW_VAR:
		case KW_LET:
		case KW_CONST:
		case KW_FUNCTION:
		case KW_CLASS:
		case KW_ENUM:
		case KW_NAMESPACE:
		case KW_MODULE:
		case KW_GLOBAL:
		case KW_ABSTRACT:
		case KW_INTERFACE:
		case KW_TYPE:
		case KW_ASYNC: break;
		default: return false;
		}
	}
	switch (TOK.kw) {
	case KW_INTERFACE:
		nx = peek(p);
		if (nx.type != TK_NAME || nx.nl_before)
			return false;
		next(p);
		next(p);
		if (is(p, TK_LT))
			ts_type_params(p);
		if (eat_kw(p, KW_EXTENDS)) {
			do {
				ts_type(p);
			} while (eat(p, TK_COMMA));
		}
		if (!is(p, TK_LBRACE))
			unexpected(p);
		skip_balanced(p);
		return true;
	case KW_TYPE:
		nx = peek(p);
		if (nx.type != TK_NAME || nx.nl_before)
			return false;
		next(p);
		next(p);
		if (is(p, TK_LT))
			ts_type_params(p);
		expect(p, TK_ASSIGN);
		ts_type(p);
		semicolon(p);
		return true;
	case KW_ENUM:
		parse_enum(p, pos, false, out);
		*produced = true;
		return true;
	case KW_CONST:
		nx = peek(p);
		if (nx.type == TK_NAME && nx.kw == KW_ENUM) {
			next(p);
			parse_enum(p, pos, false, out);
			*produced = true;
			return true;
		}
		return false;
	case KW_DECLARE: {
		nx = peek(p);
		if (nx.type != TK_NAME || nx.nl_before)
			return false;
		next(p);
		/* Erase the whole declaration: parse it and drop the result. */
		if (is_kw(p, KW_NAMESPACE) || is_kw(p, KW_MODULE) || is_kw(p, KW_GLOBAL)) {
			next(p);
			if (is(p, TK_STRING) || TOK.type == TK_NAME)
				next(p);
			while (eat(p, TK_DOT))
				parse_name(p);
			if (is(p, TK_LBRACE))
				skip_balanced(p);
			else
				semicolon(p);
			return true;
		}
		if (is_kw(p, KW_ENUM) || (is_kw(p, KW_CONST) && peek(p).kw == KW_ENUM)) {
			if (is_kw(p, KW_CONST))
				next(p);
			parse_enum(p, pos, true, out);
			return true;
		}
		if (is_kw(p, KW_VAR) || is_kw(p, KW_LET) || is_kw(p, KW_CONST)) {
			next(p);
			do {
				parse_binding_target(p);
				ts_annotation(p);
			} while (eat(p, TK_COMMA));
			semicolon(p);
			return true;
		}
		if (is_kw(p, KW_FUNCTION)) {
			next(p);
			struct ast_node *f = parse_function(p, AST_FUNCTION_DECL, pos, false, true);
			(void)f;
			return true;
		}
		struct ast_list tmp = {0};
		bool prod = false;
		if (parse_ts_declaration(p, &tmp, &prod))
			return true;
		if (is_kw(p, KW_CLASS) || is_kw(p, KW_ABSTRACT)) {
			if (is_kw(p, KW_ABSTRACT))
				next(p);
			next(p);
			parse_class(p, AST_CLASS_DECL, pos, true);
			return true;
		}
		unexpected(p);
	}
	case KW_NAMESPACE:
	case KW_MODULE:
		nx = peek(p);
		if ((nx.type != TK_NAME && nx.type != TK_STRING) || nx.nl_before)
			return false;
		if (nx.type == TK_STRING)
			fail_at(p, pos, "TypeScript ambient modules are not supported ('%s \"...\"')", TOK.str.s);
		next(p);
		parse_namespace(p, pos, NULL, (struct ast_str){"", 0}, out);
		*produced = true;
		return true;
	case KW_ABSTRACT:
		nx = peek(p);
		if (nx.type != TK_NAME || nx.kw != KW_CLASS || nx.nl_before)
			return false;
		next(p);
		next(p);
		ast_list_push(p->a, out, parse_class(p, AST_CLASS_DECL, pos, true));
		*produced = true;
		return true;
	default: return false;
	}
}

static struct ast_node *wrap_list(struct parser *p, struct ast_list *l, struct ast_pos pos)
{
	if (l->len == 1)
		return l->items[0];
	/* Several statements where one is expected (an enum in a block):
	 * blocks keep var semantics, which is what tsc relies on. */
	struct ast_node *b = node(p, AST_BLOCK, pos);
	b->list.items = *l;
	b->flags |= AST_F_SYNTHETIC; /* push_stmt splices it into a statement list */
	return b;
}

/* Appends a statement-list item; a synthetic block from wrap_list is
 * spliced so an enum's `var E; (function (E) {...})(...)` stays at its level. */
static void push_stmt(struct parser *p, struct ast_list *l, struct ast_node *s)
{
	if (!s)
		return;
	if (s->kind == AST_BLOCK && (s->flags & AST_F_SYNTHETIC)) {
		for (uint32_t i = 0; i < s->list.items.len; i++)
			ast_list_push(p->a, l, s->list.items.items[i]);
		return;
	}
	ast_list_push(p->a, l, s);
}

static struct ast_node *parse_import(struct parser *p, struct ast_pos pos)
{
	next(p); /* import */
	if (is_kw(p, KW_TYPE)) {
		struct token nx = peek(p);
		if (nx.type == TK_LBRACE || nx.type == TK_STAR || (nx.type == TK_NAME && nx.kw != KW_FROM)) {
			/* import type ... from '...'; erased */
			while (!is(p, TK_SEMI) && !is(p, TK_EOF) && !(is(p, TK_STRING) && p->prev_end && false)) {
				if (is(p, TK_STRING)) {
					next(p);
					break;
				}
				if (is(p, TK_LBRACE)) {
					skip_balanced(p);
					continue;
				}
				next(p);
			}
			semicolon(p);
			return NULL;
		}
	}
	if (is(p, TK_LBRACE)) {
		/* all-type specifier lists are erased */
		struct lexer save = p->lx;
		uint32_t se = p->prev_end;
		next(p);
		bool all_type = true, any = false;
		while (!is(p, TK_RBRACE) && !is(p, TK_EOF)) {
			any = true;
			if (!is_kw(p, KW_TYPE))
				all_type = false;
			while (!is(p, TK_COMMA) && !is(p, TK_RBRACE) && !is(p, TK_EOF))
				next(p);
			eat(p, TK_COMMA);
		}
		if (all_type && any) {
			next(p);
			expect_kw(p, KW_FROM);
			expect(p, TK_STRING);
			semicolon(p);
			return NULL;
		}
		p->lx = save;
		p->prev_end = se;
	}
	fail_at(p, pos,
	        "import is not available in the sandbox (tools are passed to the program; only `import type` is "
	        "allowed)");
}

static struct ast_node *parse_export(struct parser *p, struct ast_pos pos, struct ast_list *out)
{
	next(p); /* export */
	p->info->module_syntax = true;
	feat(p, AST_FEAT_MODULE);
	if (is_kw(p, KW_DEFAULT)) {
		next(p);
		struct ast_node *e = node(p, AST_EXPORT_DEFAULT, pos);
		if (p->info->has_export_default)
			fail_at(p, pos, "Duplicate export of 'default'");
		p->info->has_export_default = true;
		struct ast_pos dpos = TOK.pos;
		if (is_kw(p, KW_FUNCTION)) {
			next(p);
			e->export_.decl = parse_function(p, AST_FUNCTION_DECL, dpos, false, false);
		} else if (is_kw(p, KW_ASYNC) && peek(p).kw == KW_FUNCTION && !peek(p).nl_before) {
			next(p);
			next(p);
			e->export_.decl = parse_function(p, AST_FUNCTION_DECL, dpos, true, false);
		} else if (is_kw(p, KW_CLASS)) {
			next(p);
			e->export_.decl = parse_class(p, AST_CLASS_DECL, dpos, false);
		} else if (is_kw(p, KW_ABSTRACT) && peek(p).kw == KW_CLASS) {
			next(p);
			next(p);
			e->export_.decl = parse_class(p, AST_CLASS_DECL, dpos, false);
		} else if (is_kw(p, KW_INTERFACE)) {
			struct ast_list tmp = {0};
			bool prod;
			parse_ts_declaration(p, &tmp, &prod);
			p->info->has_export_default = false;
			return NULL;
		} else {
			e->export_.decl = parse_assign(p);
			semicolon(p);
		}
		if (!e->export_.decl) /* overload signature */
			return NULL;
		return finish(p, e);
	}
	if (is(p, TK_STAR)) {
		fail_at(p, pos, "export * from is not available in the sandbox");
	}
	if (is_kw(p, KW_TYPE) && peek(p).type == TK_LBRACE) {
		next(p);
		skip_balanced(p);
		if (eat_kw(p, KW_FROM))
			expect(p, TK_STRING);
		semicolon(p);
		return NULL;
	}
	if (is(p, TK_LBRACE)) {
		struct ast_node *e = node(p, AST_EXPORT_NAMED, pos);
		next(p);
		while (!is(p, TK_RBRACE)) {
			bool type_only = false;
			if (is_kw(p, KW_TYPE) && peek(p).type == TK_NAME && peek(p).kw != KW_AS) {
				next(p);
				type_only = true;
			}
			struct ast_node *s = node(p, AST_EXPORT_SPECIFIER, TOK.pos);
			s->spec.local =
			        is(p, TK_STRING) ? ast_string(p->a, TOK.str.s, TOK.str.len, TOK.pos) : parse_name(p);
			if (is(p, TK_STRING))
				next(p);
			if (eat_kw(p, KW_AS)) {
				if (is(p, TK_STRING)) {
					s->spec.other = ast_string(p->a, TOK.str.s, TOK.str.len, TOK.pos);
					next(p);
				} else {
					s->spec.other = parse_name(p);
				}
			}
			if (!type_only)
				ast_list_push(p->a, &e->export_.specifiers, finish(p, s));
			if (!is(p, TK_RBRACE))
				expect(p, TK_COMMA);
		}
		next(p);
		if (eat_kw(p, KW_FROM))
			fail_at(p, pos, "export ... from is not available in the sandbox");
		semicolon(p);
		return finish(p, e);
	}
	if (is(p, TK_ASSIGN))
		fail_at(p, pos, "'export =' is not supported; use export default");
	/* export <declaration> */
	struct ast_node *e = node(p, AST_EXPORT_NAMED, pos);
	struct ast_list tmp = {0};
	bool produced = false;
	if (parse_ts_declaration(p, &tmp, &produced)) {
		for (uint32_t i = 0; i < tmp.len; i++)
			ast_list_push(p->a, out, tmp.items[i]);
		return NULL;
	}
	struct ast_pos dpos = TOK.pos;
	if (is_kw(p, KW_VAR))
		e->export_.decl = parse_var_decl(p, AST_VAR_VAR, false), semicolon(p);
	else if (is_kw(p, KW_LET))
		e->export_.decl = parse_var_decl(p, AST_VAR_LET, false), semicolon(p);
	else if (is_kw(p, KW_CONST))
		e->export_.decl = parse_var_decl(p, AST_VAR_CONST, false), semicolon(p);
	else if (is_kw(p, KW_FUNCTION)) {
		next(p);
		e->export_.decl = parse_function(p, AST_FUNCTION_DECL, dpos, false, true);
	} else if (is_kw(p, KW_ASYNC) && peek(p).kw == KW_FUNCTION) {
		next(p);
		next(p);
		e->export_.decl = parse_function(p, AST_FUNCTION_DECL, dpos, true, true);
	} else if (is_kw(p, KW_CLASS)) {
		next(p);
		e->export_.decl = parse_class(p, AST_CLASS_DECL, dpos, true);
	} else {
		unexpected(p);
	}
	if (!e->export_.decl)
		return NULL;
	return finish(p, e);
}

/* Statement list item: declarations allowed. May return NULL (erased TS). */
static struct ast_node *parse_stmt_list_item(struct parser *p)
{
	struct ast_pos pos = TOK.pos;
	if (TOK.type == TK_NAME && !TOK.escaped) {
		switch (TOK.kw) {
		case KW_FUNCTION: {
			next(p);
			enter(p);
			struct ast_node *f = parse_function(p, AST_FUNCTION_DECL, pos, false, true);
			leave(p);
			return f;
		}
		case KW_CLASS: next(p); return parse_class(p, AST_CLASS_DECL, pos, true);
		case KW_CONST: {
			struct token nx = peek(p);
			if (nx.type == TK_NAME && nx.kw == KW_ENUM)
				break;
			struct ast_node *v = parse_var_decl(p, AST_VAR_CONST, false);
			semicolon(p);
			return v;
		}
		case KW_LET:
			if (let_is_decl(p)) {
				struct ast_node *v = parse_var_decl(p, AST_VAR_LET, false);
				semicolon(p);
				return v;
			}
			break;
		case KW_ASYNC: {
			struct token nx = peek(p);
			if (nx.type == TK_NAME && nx.kw == KW_FUNCTION && !nx.nl_before && !nx.escaped) {
				next(p);
				next(p);
				return parse_function(p, AST_FUNCTION_DECL, pos, true, true);
			}
			break;
		}
		case KW_IMPORT: {
			struct token nx = peek(p);
			if (nx.type == TK_LPAREN || nx.type == TK_DOT)
				break;
			if (!p->fn->program || p->fn->fn)
				unexpected(p);
			p->info->module_syntax = true;
			return parse_import(p, pos);
		}
		case KW_EXPORT: {
			if (!p->fn->program || p->depth > 1)
				unexpected(p);
			struct ast_list extra = {0};
			struct ast_node *e = parse_export(p, pos, &extra);
			if (extra.len) {
				if (e)
					ast_list_push(p->a, &extra, e);
				return wrap_list(p, &extra, pos);
			}
			return e;
		}
		default: break;
		}
		struct ast_list out = {0};
		bool produced = false;
		if (parse_ts_declaration(p, &out, &produced))
			return out.len ? wrap_list(p, &out, pos) : NULL;
	}
	if (is(p, TK_AT))
		unexpected(p);
	return parse_statement(p);
}

static struct ast_node *parse_statement_inner(struct parser *p);

static struct ast_node *parse_statement(struct parser *p)
{
	enter(p);
	int cover_before = p->cover_count;
	struct ast_node *s = parse_statement_inner(p);
	if (p->cover_count > cover_before)
		fail_at(p, p->cover_pos, "Invalid shorthand property initializer");
	leave(p);
	return s;
}

static bool is_labelled_function(const struct ast_node *n)
{
	while (n && n->kind == AST_LABELED)
		n = n->labeled.body;
	return n && n->kind == AST_FUNCTION_DECL;
}

static struct ast_node *sub_statement(struct parser *p, enum sub_ctx ctx)
{
	/* Declarations are not statements; sloppy code allows a plain function
	 * as an if body or after a label (Annex B.3.2, B.3.4), nothing else. */
	if (TOK.type == TK_NAME && !TOK.escaped) {
		if (TOK.kw == KW_CLASS || (TOK.kw == KW_CONST) ||
		    (TOK.kw == KW_LET && let_is_decl(p) && peek(p).type != TK_LBRACKET))
			fail_at(p, TOK.pos,
			        TOK.kw == KW_CLASS ? "Unexpected token 'class'"
			                           : "Lexical declaration cannot appear in a single-statement context");
		if (TOK.kw == KW_LET && peek(p).type == TK_LBRACKET)
			fail_at(p, TOK.pos, "Lexical declaration cannot appear in a single-statement context");
		if (TOK.kw == KW_ASYNC) {
			struct token nx = peek(p);
			if (nx.type == TK_NAME && nx.kw == KW_FUNCTION && !nx.escaped && !nx.nl_before)
				fail_at(p, TOK.pos,
				        "Async functions can only be declared at the top level or inside a block.");
		}
		if (TOK.kw == KW_FUNCTION) {
			if (p->fn->strict)
				fail_at(p, TOK.pos,
				        "In strict mode code, functions can only be declared at top level or inside a "
				        "block.");
			if (ctx == SUB_LOOP)
				fail_at(p, TOK.pos, "Unexpected token 'function'");
			if (peek(p).type == TK_STAR)
				fail_at(p, TOK.pos,
				        "Generators can only be declared at the top level or inside a block.");
			feat(p, AST_FEAT_LABELED_BLOCK_FN);
		}
	}
	if (TOK.type == TK_NAME && TOK.kw == KW_FUNCTION && !TOK.escaped) {
		struct ast_pos pos = TOK.pos;
		next(p);
		return parse_function(p, AST_FUNCTION_DECL, pos, false, true);
	}
	struct ast_pos pos = TOK.pos;
	struct ast_node *n = parse_statement(p);
	if (ctx != SUB_LABEL && is_labelled_function(n))
		fail_at(p, pos, "Labelled function declaration not allowed as the body of a control flow structure");
	return n;
}

static struct ast_node *parse_statement_inner(struct parser *p)
{
	struct ast_pos pos = TOK.pos;
	struct ast_node *n;
	switch (TOK.type) {
	case TK_LBRACE: return parse_block(p);
	case TK_SEMI: next(p); return finish(p, node(p, AST_EMPTY, pos));
	case TK_NAME: break;
	default: goto expression;
	}
	if (TOK.escaped)
		goto labelled; /* an escaped name is never a keyword */
	switch (TOK.kw) {
	case KW_VAR:
		n = parse_var_decl(p, AST_VAR_VAR, false);
		semicolon(p);
		return finish(p, n);
	case KW_IF:
		next(p);
		n = node(p, AST_IF, pos);
		expect(p, TK_LPAREN);
		n->cond.test = parse_expression(p);
		expect(p, TK_RPAREN);
		n->cond.cons = sub_statement(p, SUB_IF);
		if (eat_kw(p, KW_ELSE))
			n->cond.alt = sub_statement(p, SUB_IF);
		return finish(p, n);
	case KW_FOR: return parse_for(p, pos);
	case KW_WHILE:
		next(p);
		n = node(p, AST_WHILE, pos);
		expect(p, TK_LPAREN);
		n->loop.test = parse_expression(p);
		expect(p, TK_RPAREN);
		p->fn->loops++;
		p->fn->breakable++;
		n->loop.body = sub_statement(p, SUB_LOOP);
		p->fn->loops--;
		p->fn->breakable--;
		return finish(p, n);
	case KW_DO:
		next(p);
		n = node(p, AST_DO_WHILE, pos);
		p->fn->loops++;
		p->fn->breakable++;
		n->loop.body = sub_statement(p, SUB_LOOP);
		p->fn->loops--;
		p->fn->breakable--;
		expect_kw(p, KW_WHILE);
		expect(p, TK_LPAREN);
		n->loop.test = parse_expression(p);
		expect(p, TK_RPAREN);
		eat(p, TK_SEMI); /* ASI always applies after do-while */
		return finish(p, n);
	case KW_RETURN:
		if (p->fn->program) {
			if (p->fn->class_field || !p->info)
				fail_at(p, pos, "Illegal return statement");
			if (!p->info->top_level_return)
				p->info->return_pos = pos;
			p->info->top_level_return = true;
		} else if (!p->fn->fn) {
			fail_at(p, pos, "Illegal return statement");
		}
		next(p);
		n = node(p, AST_RETURN, pos);
		if (!is(p, TK_SEMI) && !is(p, TK_RBRACE) && !is(p, TK_EOF) && !TOK.nl_before)
			n->unary.arg = parse_expression(p);
		semicolon(p);
		return finish(p, n);
	case KW_BREAK:
	case KW_CONTINUE: {
		bool brk = TOK.kw == KW_BREAK;
		next(p);
		n = node(p, brk ? AST_BREAK : AST_CONTINUE, pos);
		if (TOK.type == TK_NAME && !TOK.nl_before && !is_reserved(&TOK)) {
			n->jump.label = parse_ident(p);
			struct label *l = p->fn->labels;
			while (l && !(l->name.len == n->jump.label->ident.name.len &&
			              memcmp(l->name.s, n->jump.label->ident.name.s, l->name.len) == 0))
				l = l->up;
			if (!l)
				fail_at(p, n->jump.label->pos, "Undefined label '%s'", n->jump.label->ident.name.s);
			if (!brk && !l->loop)
				fail_at(p, n->jump.label->pos,
				        "Illegal continue statement: '%s' does not denote an iteration statement",
				        n->jump.label->ident.name.s);
		} else if (brk ? p->fn->breakable == 0 : p->fn->loops == 0) {
			fail_at(p, pos,
			        brk ? "Illegal break statement"
			            : "Illegal continue statement: no surrounding iteration statement");
		}
		semicolon(p);
		return finish(p, n);
	}
	case KW_THROW:
		next(p);
		if (TOK.nl_before)
			fail_at(p, TOK.pos, "Illegal newline after throw");
		n = node(p, AST_THROW, pos);
		n->unary.arg = parse_expression(p);
		semicolon(p);
		return finish(p, n);
	case KW_TRY: {
		next(p);
		n = node(p, AST_TRY, pos);
		n->try_.block = parse_block(p);
		if (is_kw(p, KW_CATCH)) {
			struct ast_node *c = node(p, AST_CATCH, TOK.pos);
			next(p);
			if (eat(p, TK_LPAREN)) {
				c->catch_.param = parse_binding_target(p);
				ts_annotation(p);
				expect(p, TK_RPAREN);
			} else {
				feat(p, AST_FEAT_OPTIONAL_CATCH);
			}
			c->catch_.body = parse_block(p);
			n->try_.handler = finish(p, c);
		}
		if (eat_kw(p, KW_FINALLY))
			n->try_.finalizer = parse_block(p);
		if (!n->try_.handler && !n->try_.finalizer)
			fail_at(p, TOK.pos, "Missing catch or finally after try");
		return finish(p, n);
	}
	case KW_SWITCH: {
		next(p);
		n = node(p, AST_SWITCH, pos);
		expect(p, TK_LPAREN);
		n->switch_.disc = parse_expression(p);
		expect(p, TK_RPAREN);
		expect(p, TK_LBRACE);
		bool has_default = false;
		p->fn->breakable++;
		while (!is(p, TK_RBRACE)) {
			struct ast_node *c = node(p, AST_CASE, TOK.pos);
			if (eat_kw(p, KW_CASE)) {
				c->case_.test = parse_expression(p);
			} else if (is_kw(p, KW_DEFAULT)) {
				if (has_default)
					fail_at(p, TOK.pos, "More than one default clause in switch statement");
				has_default = true;
				next(p);
			} else {
				unexpected(p);
			}
			expect(p, TK_COLON);
			while (!is(p, TK_RBRACE) && !is_kw(p, KW_CASE) && !is_kw(p, KW_DEFAULT)) {
				if (is(p, TK_EOF))
					unexpected(p);
				push_stmt(p, &c->case_.body, parse_stmt_list_item(p));
			}
			ast_list_push(p->a, &n->switch_.cases, finish(p, c));
		}
		p->fn->breakable--;
		next(p);
		return finish(p, n);
	}
	case KW_DEBUGGER:
		next(p);
		semicolon(p);
		return finish(p, node(p, AST_DEBUGGER, pos));
	case KW_WITH:
		if (p->fn->strict)
			fail_at(p, pos, "Strict mode code may not include a with statement");
		next(p);
		feat(p, AST_FEAT_WITH);
		n = node(p, AST_WITH, pos);
		expect(p, TK_LPAREN);
		n->with.object = parse_expression(p);
		expect(p, TK_RPAREN);
		n->with.body = sub_statement(p, SUB_LOOP);
		return finish(p, n);
	case KW_ENUM: break;
	case KW_IMPORT: {
		struct token nx = peek(p);
		if (nx.type != TK_LPAREN && nx.type != TK_DOT)
			fail_at(p, pos, "Cannot use import statement outside a module");
		break;
	}
	case KW_EXPORT: unexpected(p);
	default: break;
	}
labelled:
	if (is_ident_tok(p)) {
		struct token nx = peek(p);
		if (nx.type == TK_COLON) {
			struct ast_node *label = parse_ident(p);
			next(p);
			for (struct label *l = p->fn->labels; l; l = l->up)
				if (l->name.len == label->ident.name.len &&
				    memcmp(l->name.s, label->ident.name.s, l->name.len) == 0)
					fail_at(p, label->pos, "Label '%s' has already been declared",
					        label->ident.name.s);
			struct label lab = {p->fn->labels, label->ident.name, false};
			lab.loop = is_kw(p, KW_FOR) || is_kw(p, KW_WHILE) || is_kw(p, KW_DO);
			p->fn->labels = &lab;
			p->fn->breakable++;
			n = node(p, AST_LABELED, pos);
			n->labeled.label = label;
			if (is_kw(p, KW_FUNCTION)) {
				if (p->fn->strict)
					fail_at(p, TOK.pos,
					        "In strict mode code, functions can only be declared at top level or "
					        "inside a block.");
			}
			n->labeled.body = sub_statement(p, SUB_LABEL);
			p->fn->breakable--;
			p->fn->labels = lab.up;
			return finish(p, n);
		}
	}
expression:
	n = node(p, AST_EXPR_STMT, pos);
	n->unary.arg = parse_expression(p);
	semicolon(p);
	return finish(p, n);
}

/* ---------------------------------------------------------------- program */

static int parse_once(struct ast_program *prog, const char *src, size_t len, struct parser_info *info, bool strict)
{
	struct parser ps;
	struct parser *p = &ps;
	memset(p, 0, sizeof(*p));
	jmp_buf jb;
	p->prog = prog;
	p->a = prog->arena;
	p->fail = &jb;
	p->info = info;
	p->spec_budget = PARSER_SPEC_BUDGET + (long)(len / 16);
	/* Look-ahead over nested parentheses would be quadratic; a linear
	 * budget keeps hostile nesting cheap (past it, we simply speculate). */
	p->scan_budget = 4096 + 4 * (long)len;
	struct fnctx top;
	memset(&top, 0, sizeof(top));
	top.program = true;
	top.async = true; /* top-level await: see parser.h */
	top.strict = strict;
	p->fn = &top;
	jmp_buf *old_fail = prog->arena->fail;
	prog->arena->fail = &jb;
	if (setjmp(jb) != 0) {
		prog->arena->fail = old_fail;
		if (!prog->error.set) {
			prog->error.set = true;
			snprintf(prog->error.msg, sizeof(prog->error.msg),
			         "program too large to compile (memory limit)");
			return -E2BIG;
		}
		return -EINVAL;
	}
	lexer_init(&p->lx, src, len, prog, &jb);
	p->lx.strict = strict;
	lexer_next(&p->lx);
	struct ast_node *root = node(p, AST_PROGRAM, TOK.pos);
	if (strict)
		root->flags |= AST_F_STRICT;
	parse_directives_and_body(p, &root->program.body, false, NULL);
	if (!is(p, TK_EOF))
		unexpected(p);
	if (top.strict)
		root->flags |= AST_F_STRICT;
	if (info->module_syntax)
		root->flags |= AST_F_MODULE;
	root->end = (uint32_t)len;
	prog->root = root;
	prog->arena->fail = old_fail;
	return 0;
}

int parser_parse(struct ast_program *prog, const char *src, size_t len, struct parser_info *info)
{
	if (len > UINT32_MAX / 2) {
		snprintf(prog->error.msg, sizeof(prog->error.msg), "program too large");
		prog->error.set = true;
		return -E2BIG;
	}
	memset(info, 0, sizeof(*info));
	prog->src = src;
	prog->src_len = len;
	prog->features = 0;
	prog->top_uses = 0;
	int r = parse_once(prog, src, len, info, false);
	if (r == 0 && info->module_syntax && !(prog->root->flags & AST_F_STRICT)) {
		/* Module code is strict: parse again so strict-only errors surface. */
		struct parser_info info2;
		memset(&info2, 0, sizeof(info2));
		prog->features = 0;
		prog->top_uses = 0;
		r = parse_once(prog, src, len, &info2, true);
		if (r == 0)
			*info = info2;
	}
	if (r == 0)
		r = early_check(prog);
	return r;
}
