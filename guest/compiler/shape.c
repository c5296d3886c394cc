/* shape: markdown fence stripping and code-shape detection (see shape.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "shape.h"

static bool line_is_fence_open(const char *s, size_t n)
{
	static const char *const langs[] = {"",    "js",  "javascript", "ts",  "typescript",
	                                    "mjs", "cjs", "jsx",        "tsx", "node"};
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n < 3 || memcmp(s, "```", 3) != 0)
		return false;
	s += 3, n -= 3;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
		if (strlen(langs[i]) == n && strncasecmp(langs[i], s, n) == 0)
			return true;
	return false;
}

/* Finds a leading markdown fence; on success narrows [*src, *len) to its
 * content and returns the number of lines skipped. */
uint32_t shape_strip_fence(const char **src, size_t *len)
{
	const char *s = *src;
	size_t n = *len, i = 0;
	uint32_t lines = 0;
	/* skip leading blank lines */
	for (;;) {
		size_t j = i;
		while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
			j++;
		if (j < n && s[j] == '\n') {
			i = j + 1;
			lines++;
			continue;
		}
		i = j;
		break;
	}
	size_t eol = i;
	while (eol < n && s[eol] != '\n')
		eol++;
	if (eol >= n || !line_is_fence_open(s + i, eol - i))
		return 0;
	size_t start = eol + 1;
	lines++;
	/* closing fence: the last line starting with ``` */
	size_t end = n, k = start;
	while (k < n) {
		size_t le = k;
		while (le < n && s[le] != '\n')
			le++;
		size_t t = k;
		while (t < le && (s[t] == ' ' || s[t] == '\t'))
			t++;
		if (le - t >= 3 && memcmp(s + t, "```", 3) == 0)
			end = k;
		k = le + 1;
	}
	if (end == n)
		return 0; /* unterminated fence: treat as code (it will not parse) */
	*src = s + start;
	*len = end - start;
	return lines;
}

static struct ast_node *default_name(struct ast_program *prog, struct ast_pos pos)
{
	return ast_ident(prog->arena, "__jsc_default", pos);
}

/* Rewrites module syntax into plain statements; returns the expression that
 * names the default export (or NULL). */
static struct ast_node *lower_module(struct ast_program *prog)
{
	struct ast_arena *a = prog->arena;
	struct ast_list *body = &prog->root->program.body;
	struct ast_node *def = NULL;
	for (uint32_t i = 0; i < body->len; i++) {
		struct ast_node *s = body->items[i];
		if (s->kind == AST_EXPORT_NAMED) {
			if (s->export_.decl) {
				body->items[i] = s->export_.decl;
			} else {
				ast_list_remove(body, i);
				i--;
			}
		} else if (s->kind == AST_EXPORT_DEFAULT) {
			struct ast_node *d = s->export_.decl;
			if ((d->kind == AST_FUNCTION_DECL && d->fn.id) || (d->kind == AST_CLASS_DECL && d->cls.id)) {
				body->items[i] = d;
				def = ast_ident_n(
				        a, d->kind == AST_CLASS_DECL ? d->cls.id->ident.name.s : d->fn.id->ident.name.s,
				        d->kind == AST_CLASS_DECL ? d->cls.id->ident.name.len
				                                  : d->fn.id->ident.name.len,
				        s->pos);
			} else {
				if (d->kind == AST_FUNCTION_DECL)
					d->kind = AST_FUNCTION_EXPR;
				else if (d->kind == AST_CLASS_DECL)
					d->kind = AST_CLASS_EXPR;
				body->items[i] = ast_var1(a, AST_VAR_VAR, default_name(prog, s->pos), d, s->pos);
				def = default_name(prog, s->pos);
			}
		}
	}
	return def;
}

static void wrap_function_body(struct ast_program *prog, struct ast_node *ret)
{
	struct ast_arena *a = prog->arena;
	struct ast_node *root = prog->root;
	struct ast_pos pos = root->pos;
	struct ast_node *block = ast_new(a, AST_BLOCK, pos);
	block->list.items = root->program.body;
	if (ret) {
		struct ast_node *r = ast_unary(a, AST_RETURN, AST_OP_NONE, ret, ret->pos);
		r->flags |= AST_F_SYNTHETIC;
		ast_list_push(a, &block->list.items, r);
	}
	struct ast_node *fn = ast_new(a, AST_FUNCTION_EXPR, pos);
	fn->flags |= AST_F_ASYNC | AST_F_SYNTHETIC;
	if (root->flags & AST_F_STRICT)
		fn->flags |= AST_F_STRICT;
	fn->fn.body = block;
	fn->fn.uses = prog->top_uses;
	struct ast_node *call = ast_call(a, fn, pos, 0);
	memset(&root->program.body, 0, sizeof(root->program.body));
	ast_list_push(a, &root->program.body, ast_expr_stmt(a, call));
	prog->features |= AST_FEAT_ASYNC;
}

/* ES2015 completion values for a plain script's top-level statements:
 * if/loops/switch/try/with complete with undefined when their body leaves
 * no value (UpdateEmpty(..., undefined)); Duktape keeps ES5's rule and
 * carries the previous statement's value through. The script's completion
 * value is the program's result (and a function there is called), so
 * `f = function () {}; if (x) {}` must complete with undefined, not f. */
static bool is_compound(const struct ast_node *st)
{
	while (st->kind == AST_LABELED)
		st = st->labeled.body;
	switch (st->kind) {
	case AST_IF:
	case AST_FOR:
	case AST_FOR_IN:
	case AST_FOR_OF:
	case AST_WHILE:
	case AST_DO_WHILE:
	case AST_SWITCH:
	case AST_TRY:
	case AST_WITH:
	case AST_BLOCK: return true;
	default: return false;
	}
}

static void script_completion(struct ast_program *prog)
{
	struct ast_list *b = &prog->root->program.body;
	/* Only statements after the last top-level expression statement can
	 * decide the completion value, and only if something before them
	 * could have left a value. */
	uint32_t from = 0;
	bool value_before = false;
	for (uint32_t i = 0; i < b->len; i++) {
		if (b->items[i]->kind == AST_EXPR_STMT && !(b->items[i]->flags & AST_F_DIRECTIVE)) {
			from = i + 1;
			value_before = true;
		}
	}
	for (uint32_t i = 0; i < from && !value_before; i++)
		value_before = is_compound(b->items[i]);
	for (uint32_t i = from; i < b->len; i++) {
		const struct ast_node *st = b->items[i];
		if (!value_before || st->kind == AST_BLOCK) {
			value_before = value_before || is_compound(st);
			continue;
		}
		while (st->kind == AST_LABELED)
			st = st->labeled.body;
		switch (st->kind) {
		case AST_IF:
		case AST_FOR:
		case AST_FOR_IN:
		case AST_FOR_OF:
		case AST_WHILE:
		case AST_DO_WHILE:
		case AST_SWITCH:
		case AST_TRY:
		case AST_WITH: {
			struct ast_pos pos = b->items[i]->pos;
			struct ast_node *v =
			        ast_unary(prog->arena, AST_UNARY, AST_OP_VOID, ast_number(prog->arena, 0, pos), pos);
			struct ast_node *e = ast_expr_stmt(prog->arena, v);
			e->flags |= AST_F_SYNTHETIC;
			ast_list_insert(prog->arena, b, i, e);
			i++;
			break;
		}
		default: break;
		}
	}
}

int shape_apply(struct ast_program *prog, const struct parser_info *info, enum jsc_shape want)
{
	struct ast_node *root = prog->root;
	bool auto_shape = want == JSC_SHAPE_AUTO;
	if (!auto_shape) {
		if (info->top_level_return)
			return ast_error(prog, info->return_pos, "Illegal return statement");
		if (info->top_level_await)
			return ast_error(prog, info->await_pos,
			                 "await is only valid in async functions and the top level bodies of modules");
		if (info->module_syntax)
			return ast_error(prog, root->pos, "Unexpected token 'export'");
		prog->shape = AST_SHAPE_SCRIPT;
		script_completion(prog);
		return 0;
	}
	struct ast_node *def = NULL;
	if (info->module_syntax)
		def = lower_module(prog);
	if (info->top_level_return || info->top_level_await) {
		if (info->module_syntax && info->top_level_return)
			return ast_error(prog, info->return_pos, "Illegal return statement");
		wrap_function_body(prog, def);
		prog->shape = AST_SHAPE_FUNCTION_BODY;
		return 0;
	}
	if (def) {
		struct ast_node *st = ast_expr_stmt(prog->arena, def);
		st->flags |= AST_F_SYNTHETIC;
		ast_list_push(prog->arena, &root->program.body, st);
		prog->shape = AST_SHAPE_MODULE_DEFAULT;
		return 0;
	}
	struct ast_list *b = &root->program.body;
	/* A lone named function declaration (`async function run() {...}`):
	 * codemode's normalizeCode calls it, so its name becomes the completion
	 * value and the guest calls and awaits it like an arrow. Statements the
	 * TypeScript eraser left empty do not count. */
	struct ast_node *lone = NULL;
	uint32_t real = 0;
	for (uint32_t i = 0; i < b->len; i++) {
		if (b->items[i]->kind == AST_EMPTY)
			continue;
		real++;
		lone = b->items[i];
	}
	if (real == 1 && lone->kind == AST_FUNCTION_DECL && lone->fn.id) {
		struct ast_node *st = ast_expr_stmt(prog->arena, ast_ident_n(prog->arena, lone->fn.id->ident.name.s,
		                                                             lone->fn.id->ident.name.len, lone->pos));
		st->flags |= AST_F_SYNTHETIC;
		ast_list_push(prog->arena, b, st);
		prog->shape = AST_SHAPE_LONE_FUNCTION;
		return 0;
	}
	if (b->len) {
		struct ast_node *last = b->items[b->len - 1];
		if (last->kind == AST_EXPR_STMT &&
		    (last->unary.arg->kind == AST_ARROW || last->unary.arg->kind == AST_FUNCTION_EXPR)) {
			prog->shape = AST_SHAPE_ASYNC_ARROW;
			return 0;
		}
	}
	prog->shape = AST_SHAPE_SCRIPT;
	script_completion(prog);
	return 0;
}
