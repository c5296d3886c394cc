/* lower_pattern: destructuring (declarations, assignments, parameters,
 * catch), default and rest parameters, array/call/new spread, and for-of
 * (also `for await`, with __cc.asyncIter) as plain loops over rt/iter.js wrappers:
 *   for (x of e) S  =>  var $i = __cc.iter(e, "e"), $v;
 *                       try { while (($v = $i.step()) !== $i) { x = $v; S } }
 *                       catch ($e) { $i.fail($e); } finally { $i.close(); }
 * No user code moves into a callback or accessor, so await/yield inside
 * stays yield-safe. Runs in: guest (compiler). Input: tree from untrusted
 * source, after the scope pass (only `var` declarations remain). */
#include <errno.h>
#include <string.h>

#include "lower.h"

struct st {
	struct lower_ctx *c;
};

/* A destructuring expands to an ordered list of `target = value` steps,
 * emitted as declarators (declarations) or a comma sequence (assignments). */
struct steps {
	struct ast_list out; /* ASSIGN nodes, or DECLARATORs when decl */
	bool decl;
	/* The temporary holding an assignment's right side when that is an
	 * array literal without spread (a fresh array), or NULL. */
	const char *fresh;
};

static struct ast_node *void0(struct lower_ctx *c, struct ast_pos pos)
{
	return ast_unary(c->a, AST_UNARY, AST_OP_VOID, ast_number(c->a, 0, pos), pos);
}

static struct ast_node *str(struct lower_ctx *c, const char *s, struct ast_pos pos)
{
	return ast_string(c->a, s, strlen(s), pos);
}

static void emit(struct lower_ctx *c, struct steps *st, struct ast_node *target, struct ast_node *value)
{
	if (st->decl && target->kind == AST_IDENT) {
		struct ast_node *d = ast_new(c->a, AST_DECLARATOR, target->pos);
		d->declarator.id = target;
		d->declarator.init = value;
		ast_list_push(c->a, &st->out, d);
	} else {
		ast_list_push(c->a, &st->out, ast_assign(c->a, target, value, target->pos));
	}
}

/* A temporary holding value, evaluated now (as a step). */
static const char *hold(struct lower_ctx *c, struct steps *st, struct ast_node *value)
{
	const char *t = lower_tmp(c, NULL, value->pos);
	ast_list_push(c->a, &st->out, ast_assign(c->a, lower_id(c, t, value->pos), value, value->pos));
	return t;
}

/* Where a pattern's value comes from, for V8's TypeError when that value
 * is null or undefined. V8 says "Cannot destructure ..." only where its
 * CallPrinter finds the pattern as the target of an assignment: a
 * declaration, an assignment, a parameter, a for-of or catch head, or a
 * nested pattern with a default (`{a: {b} = x}`), naming the assigned
 * value's source text. A property load of a pattern nested without a
 * default fails as a plain load ("Cannot read properties of undefined
 * (reading 'b')"), except where V8 checks the value before any load (an
 * empty or computed-first object pattern, an array pattern's iterator):
 * directly inside a top pattern's property that check is found at the
 * property and words the top's message with the property's key. */
enum dwhere {
	D_TOP,       /* the target of an assignment */
	D_PARAM,     /* a parameter (V8 has no text: it names the value, 'object null') */
	D_UNDER_TOP, /* the value of a property of a D_TOP/D_PARAM object pattern */
	D_NESTED,    /* anywhere deeper, or in an array pattern */
};

struct dctx {
	enum dwhere at;
	const char *src;            /* D_TOP, D_UNDER_TOP: V8's text for the top value, or NULL */
	const struct ast_node *key; /* D_UNDER_TOP: that property's key when V8 names it, or NULL */
};

/* V8's text for a parameter whose default is a pattern's value: the
 * CallPrinter prints the desugared `p === undefined ? d : p`. */
#define V8_PARAM_DEFAULT_TEXT "(intermediate value)(intermediate value)(intermediate value)"

static int destructure(struct lower_ctx *c, struct steps *st, struct ast_node *target, struct ast_node *value,
                       const struct dctx *d);

/* `target = value` where target may carry a default (ASSIGN_PATTERN); a
 * default makes the pattern an assignment's target again for V8. */
static int bind_one(struct lower_ctx *c, struct steps *st, struct ast_node *target, struct ast_node *value,
                    const struct dctx *d)
{
	if (target->kind == AST_ASSIGN_PATTERN) {
		struct ast_pos pos = target->pos;
		struct dctx top = {.at = D_TOP};
		top.src = d->at == D_PARAM ? V8_PARAM_DEFAULT_TEXT : lower_src_text(c, target->binary.right);
		const char *t = hold(c, st, value);
		value = ast_conditional(
		        c->a, ast_binary(c->a, AST_BINARY, AST_OP_SEQ, lower_id(c, t, pos), void0(c, pos), pos),
		        target->binary.right, lower_id(c, t, pos), pos);
		return destructure(c, st, target->binary.left, value, &top);
	}
	return destructure(c, st, target, value, d);
}

/* ---- array patterns over arrays ----
 * `[a, b] = x` steps an iterator: a wrapper, a call per element and a
 * close. Where x is an array with the intrinsic iterator (__cc.darr says,
 * at run time) each step is instead read in place:
 *   $x = x, $i = __cc.darr($x, "x"),
 *   a = $i === null ? (0 < $x.length ? $x[0] : void 0) : __cc.next($i), ...
 *   $i === null || $i.close()
 * which reads `length` and the element in the order the array iterator
 * (rt/iter.js ArrIt) reads them. What differs is only that an exhausted
 * iterator stays exhausted where the inline test would look at `length`
 * again; so the form is used only where nothing can run between two
 * steps that could reach $x: every element a plain name (or a hole, or a
 * last rest of a name), and either
 *  - a declaration in a function of a program without `with` (the names
 *    are the function's own bindings: no setter runs), or
 *  - x an array literal without spread: a setter a target may run cannot
 *    reach the fresh array (member targets are allowed there). */
static bool fast_array_pattern(struct lower_ctx *c, struct steps *st, struct ast_node *target, struct ast_node *value)
{
	bool fresh = st->fresh && value->kind == AST_IDENT && !strcmp(value->ident.name.s, st->fresh);
	bool own = st->decl && c->fn->node->kind != AST_PROGRAM && !(c->prog->features & AST_FEAT_WITH);
	if (!fresh && !own)
		return false;
	struct ast_list *items = &target->list.items;
	for (uint32_t i = 0; i < items->len; i++) {
		struct ast_node *e = items->items[i];
		if (e->kind == AST_REST && i + 1 == items->len)
			e = e->unary.arg;
		if (e->kind == AST_HOLE || e->kind == AST_IDENT || (fresh && e->kind == AST_MEMBER))
			continue;
		return false;
	}
	return true;
}

/* `$i === null`: the elements are read in place. */
static struct ast_node *in_place(struct lower_ctx *c, const char *it, struct ast_pos pos)
{
	return ast_binary(c->a, AST_BINARY, AST_OP_SEQ, lower_id(c, it, pos), ast_new(c->a, AST_NULL, pos), pos);
}

static void destructure_array_fast(struct lower_ctx *c, struct steps *st, struct ast_node *target,
                                   struct ast_node *value)
{
	struct ast_pos pos = target->pos;
	const char *src = lower_src_text(c, value);
	/* A temporary already holds it (for-of's value, an assignment's). */
	const char *x =
	        value->kind == AST_IDENT && (value->flags & AST_F_SYNTHETIC) ? value->ident.name.s : hold(c, st, value);
	const char *it = hold(c, st,
	                      ast_call(c->a, lower_rt(c, "darr", pos), pos, 2, lower_id(c, x, pos),
	                               src ? str(c, src, pos) : void0(c, pos)));
	struct ast_list *items = &target->list.items;
	bool rest = false;
	for (uint32_t i = 0; i < items->len; i++) {
		struct ast_node *e = items->items[i];
		struct ast_node *inplace = in_place(c, it, pos);
		struct ast_node *n = ast_number(c->a, (double)i, pos);
		if (e->kind == AST_REST) {
			struct ast_node *from =
			        ast_call(c->a, lower_rt(c, "restFrom", pos), pos, 2, lower_id(c, x, pos), n);
			struct ast_node *gen = ast_call(c->a, lower_rt(c, "rest", pos), pos, 1, lower_id(c, it, pos));
			emit(c, st, e->unary.arg, ast_conditional(c->a, inplace, from, gen, pos));
			rest = true;
			break;
		}
		struct ast_node *len = ast_member_name(c->a, lower_id(c, x, pos), "length", pos);
		struct ast_node *read = ast_conditional(
		        c->a, ast_binary(c->a, AST_BINARY, AST_OP_LT, n, len, pos),
		        ast_member_computed(c->a, lower_id(c, x, pos), ast_number(c->a, (double)i, pos), pos),
		        void0(c, pos), pos);
		struct ast_node *step =
		        ast_conditional(c->a, inplace, read,
		                        ast_call(c->a, lower_rt(c, "next", pos), pos, 1, lower_id(c, it, pos)), pos);
		if (e->kind == AST_HOLE)
			ast_list_push(c->a, &st->out, step);
		else
			emit(c, st, e, step);
	}
	if (!rest) {
		struct ast_node *close =
		        ast_call(c->a, ast_member_name(c->a, lower_id(c, it, pos), "close", pos), pos, 0);
		ast_list_push(c->a, &st->out,
		              ast_binary(c->a, AST_LOGICAL, AST_OP_OR, in_place(c, it, pos), close, pos));
	}
}

/* The key V8 names for a property of a top pattern, when the check of a
 * nested pattern fails (its IsPropertyName: a name or a string that is no
 * array index, also as a computed literal), or NULL. */
static const struct ast_node *v8_named_key(const struct ast_node *p)
{
	const struct ast_node *k = p->prop.key;
	if (k->kind == AST_IDENT && !(p->flags & AST_F_COMPUTED))
		return k;
	if (k->kind != AST_STRING)
		return NULL;
	const char *v = k->string.value.s;
	size_t n = strlen(v);
	bool index = n > 0 && n <= 10 && (v[0] != '0' || n == 1) && strspn(v, "0123456789") == n &&
	             (n < 10 || strcmp(v, "4294967295") < 0);
	return index ? NULL : k;
}

/* V8's text for the destructured value (a string), or undefined: rt's
 * dobj then names the value itself. */
static struct ast_node *dctx_src(struct lower_ctx *c, const struct dctx *d, struct ast_pos pos)
{
	return d->src ? str(c, d->src, pos) : void0(c, pos);
}

static struct ast_node *key_text(struct lower_ctx *c, const struct ast_node *k, struct ast_pos pos)
{
	if (k->kind == AST_IDENT)
		return str(c, k->ident.name.s, pos);
	return ast_clone(c->a, (struct ast_node *)k); /* a string, or a number rt turns into its key */
}

/* __cc.dobj(value, src, key): value, or V8's TypeError if it is null or
 * undefined; NULL when nothing need be checked (the first load fails as
 * V8's does). */
static struct ast_node *object_check(struct lower_ctx *c, struct ast_node *target, struct ast_node *value,
                                     const struct dctx *d)
{
	struct ast_pos pos = target->pos;
	struct ast_list *items = &target->list.items;
	struct ast_node *p0 = items->len ? items->items[0] : NULL;
	bool rest_first = p0 && p0->kind == AST_REST;
	const struct ast_node *first = NULL;
	if (p0 && p0->kind == AST_PROPERTY && !(p0->flags & AST_F_COMPUTED)) {
		struct ast_node *k = p0->prop.key;
		if (k->kind == AST_IDENT || k->kind == AST_STRING || k->kind == AST_NUMBER)
			first = k;
	}
	struct ast_node *src = NULL, *key = NULL;
	switch (d->at) {
	case D_TOP:
	case D_PARAM:
		src = dctx_src(c, d, pos);
		key = first ? key_text(c, first, pos) : void0(c, pos);
		break;
	case D_UNDER_TOP:
	case D_NESTED:
		if (first)
			return NULL;
		/* V8 copies a first rest without a check of its own */
		if (d->at == D_UNDER_TOP && !rest_first) {
			src = dctx_src(c, d, pos);
			key = d->key ? key_text(c, d->key, pos) : void0(c, pos);
		} else {
			src = ast_new(c->a, AST_NULL, pos);
			key = void0(c, pos);
		}
		break;
	}
	return ast_call(c->a, lower_rt(c, "dobj", pos), pos, 3, value, src, key);
}

static int destructure(struct lower_ctx *c, struct steps *st, struct ast_node *target, struct ast_node *value,
                       const struct dctx *d)
{
	struct ast_pos pos = target->pos;
	int r = 0;
	struct dctx nested = {.at = D_NESTED};

	if (target->kind == AST_OBJECT_PATTERN) {
		struct ast_list *items = &target->list.items;
		struct ast_node *chk = object_check(c, target, value, d);
		const char *o = hold(c, st, chk ? chk : value);
		struct ast_node *keys = NULL;
		for (uint32_t i = 0; i < items->len && !r; i++) {
			struct ast_node *p = items->items[i];
			if (p->kind == AST_REST) {
				struct ast_node *rest =
				        ast_call(c->a, lower_rt(c, "orest", pos), pos, 2, lower_id(c, o, pos),
				                 keys ? keys : ast_new(c->a, AST_ARRAY, pos));
				r = destructure(c, st, p->unary.arg, rest, &nested);
				break;
			}
			struct dctx under = nested;
			if (d->at == D_TOP || d->at == D_PARAM)
				under = (struct dctx){.at = D_UNDER_TOP, .src = d->src, .key = v8_named_key(p)};
			struct ast_node *key = p->prop.key, *get;
			if (p->flags & AST_F_COMPUTED) {
				const char *k = hold(c, st, ast_call(c->a, lower_rt(c, "key", pos), pos, 1, key));
				get = ast_member_computed(c->a, lower_id(c, o, pos), lower_id(c, k, pos), p->pos);
				key = lower_id(c, k, pos);
			} else if (key->kind == AST_IDENT) {
				get = ast_member_name(c->a, lower_id(c, o, pos), key->ident.name.s, p->pos);
				key = str(c, key->ident.name.s, pos);
			} else {
				get = ast_member_computed(c->a, lower_id(c, o, pos), ast_clone(c->a, key), p->pos);
			}
			if (i + 1 < items->len && items->items[items->len - 1]->kind == AST_REST) {
				if (!keys)
					keys = ast_new(c->a, AST_ARRAY, pos);
				ast_list_push(c->a, &keys->list.items, key);
			}
			r = bind_one(c, st, p->prop.value, get, &under);
		}
		return r;
	}
	/* V8 loads the iterator of an array pattern under a top pattern's
	 * property as that property's destructuring */
	if (target->kind == AST_ARRAY_PATTERN && d->at == D_UNDER_TOP)
		value = ast_call(c->a, lower_rt(c, "dobj", pos), pos, 3, value, dctx_src(c, d, pos),
		                 str(c, "Symbol(Symbol.iterator)", pos));
	if (target->kind == AST_ARRAY_PATTERN && fast_array_pattern(c, st, target, value)) {
		destructure_array_fast(c, st, target, value);
		return 0;
	}
	if (target->kind == AST_ARRAY_PATTERN) {
		struct ast_list *items = &target->list.items;
		const char *src = lower_src_text(c, value);
		const char *it = hold(c, st,
		                      ast_call(c->a, lower_rt(c, "iter", pos), pos, 2, value,
		                               src ? str(c, src, pos) : void0(c, pos)));
		bool rest = false;
		for (uint32_t i = 0; i < items->len && !r; i++) {
			struct ast_node *e = items->items[i];
			if (e->kind == AST_REST) {
				r = destructure(c, st, e->unary.arg,
				                ast_call(c->a, lower_rt(c, "rest", pos), pos, 1, lower_id(c, it, pos)),
				                &nested);
				rest = true;
				break;
			}
			struct ast_node *next = ast_call(c->a, lower_rt(c, "next", pos), pos, 1, lower_id(c, it, pos));
			if (e->kind == AST_HOLE)
				ast_list_push(c->a, &st->out, next);
			else
				r = bind_one(c, st, e, next, &nested);
		}
		if (!rest) /* IteratorClose when the pattern did not exhaust it */
			ast_list_push(
			        c->a, &st->out,
			        ast_call(c->a, ast_member_name(c->a, lower_id(c, it, pos), "close", pos), pos, 0));
		return r;
	}
	if (target->kind == AST_ASSIGN_PATTERN)
		return bind_one(c, st, target, value, d);
	if (target->kind == AST_IDENT || target->kind == AST_MEMBER) {
		emit(c, st, target, value);
		return 0;
	}
	return ast_error(c->prog, pos, "Invalid destructuring assignment target");
}

static bool is_pattern(const struct ast_node *n)
{
	return n->kind == AST_OBJECT_PATTERN || n->kind == AST_ARRAY_PATTERN || n->kind == AST_ASSIGN_PATTERN;
}

/* How far back unhoist looks: the temporaries of one declaration were
 * just created, so they sit at the end of the function's list; the bound
 * keeps the search constant-time on hostile input. */
#define PATTERN_UNHOIST_WINDOW 64

/* A temporary that becomes a declarator of the declaration itself need not
 * also be in the function's hoisted `var` list (no `var t; ... var t = v`). */
static void unhoist(struct lower_ctx *c, const char *name)
{
	struct ast_list *l = &c->fn->decls;
	for (uint32_t k = 0; k < l->len && k < PATTERN_UNHOIST_WINDOW; k++) {
		uint32_t i = l->len - 1 - k;
		struct ast_node *d = l->items[i];
		if (!d->declarator.init && !strcmp(d->declarator.id->ident.name.s, name)) {
			ast_list_remove(l, i);
			return;
		}
	}
}

/* Steps of a declaration as declarators: non-DECLARATOR steps (temporaries,
 * close calls) become declarators of a throwaway temporary. */
static void steps_to_decls(struct lower_ctx *c, struct steps *st, struct ast_list *out)
{
	for (uint32_t i = 0; i < st->out.len; i++) {
		struct ast_node *s = st->out.items[i];
		if (s->kind == AST_DECLARATOR) {
			ast_list_push(c->a, out, s);
			continue;
		}
		struct ast_node *d = ast_new(c->a, AST_DECLARATOR, s->pos);
		if (s->kind == AST_ASSIGN && s->op == AST_OP_ASSIGN && s->binary.left->kind == AST_IDENT) {
			d->declarator.id = s->binary.left;
			d->declarator.init = s->binary.right;
			if (s->binary.left->flags & AST_F_SYNTHETIC)
				unhoist(c, s->binary.left->ident.name.s);
		} else {
			d->declarator.id = ast_tmp_name(c->prog, "_t", s->pos);
			d->declarator.init = s;
		}
		ast_list_push(c->a, out, d);
	}
}

static struct ast_node *steps_to_seq(struct lower_ctx *c, struct steps *st, struct ast_node *result, struct ast_pos pos)
{
	struct ast_node *seq = ast_new(c->a, AST_SEQUENCE, pos);
	seq->list.items = st->out;
	if (result)
		ast_list_push(c->a, &seq->list.items, result);
	seq->flags |= AST_F_PARENS;
	if (seq->list.items.len == 1)
		return seq->list.items.items[0];
	return seq;
}

static int lower_var(struct lower_ctx *c, struct ast_node *v)
{
	struct ast_list out = {0};
	bool any = false;
	for (uint32_t i = 0; i < v->var.decls.len; i++)
		if (is_pattern(v->var.decls.items[i]->declarator.id))
			any = true;
	if (!any)
		return 0;
	for (uint32_t i = 0; i < v->var.decls.len; i++) {
		struct ast_node *d = v->var.decls.items[i];
		if (!is_pattern(d->declarator.id)) {
			ast_list_push(c->a, &out, d);
			continue;
		}
		if (!d->declarator.init)
			return ast_error(c->prog, d->pos, "Missing initializer in destructuring declaration");
		struct steps st = {.decl = true};
		struct dctx top = {.at = D_TOP, .src = lower_src_text(c, d->declarator.init)};
		int r = destructure(c, &st, d->declarator.id, d->declarator.init, &top);
		if (r)
			return r;
		steps_to_decls(c, &st, &out);
	}
	v->var.decls = out;
	return 0;
}

/* ---- parameters ---- */

static bool simple_params(const struct ast_node *fn)
{
	for (uint32_t i = 0; i < fn->fn.params.len; i++)
		if (fn->fn.params.items[i]->kind != AST_IDENT)
			return false;
	return true;
}

/* Keeps identifier parameters before the first default/rest (so .length
 * matches V8), names patterns there with temporaries, and reads the rest
 * from `arguments` in a `var` prologue. */
static int lower_params(struct lower_ctx *c, struct ast_node *fn)
{
	struct ast_list keep = {0};
	struct steps st = {.decl = true};
	const struct dctx param = {.at = D_PARAM};
	bool cut = false;
	int r = 0;
	lower_block_body(c, fn);
	for (uint32_t i = 0; i < fn->fn.params.len && !r; i++) {
		struct ast_node *p = fn->fn.params.items[i];
		struct ast_pos pos = p->pos;
		if (p->kind == AST_ASSIGN_PATTERN || p->kind == AST_REST)
			cut = true;
		if (p->kind == AST_REST) {
			struct ast_node *rest = ast_call(c->a, lower_rt(c, "restArgs", pos), pos, 2,
			                                 lower_id(c, "arguments", pos), ast_number(c->a, i, pos));
			r = destructure(c, &st, p->unary.arg, rest, &param);
			break;
		}
		if (!cut) {
			if (p->kind == AST_IDENT) {
				ast_list_push(c->a, &keep, p);
				continue;
			}
			struct ast_node *t = ast_tmp_name(c->prog, "_p", pos);
			ast_list_push(c->a, &keep, t);
			r = destructure(c, &st, p, lower_id(c, t->ident.name.s, pos), &param);
			continue;
		}
		struct ast_node *arg =
		        ast_member_computed(c->a, lower_id(c, "arguments", pos), ast_number(c->a, i, pos), pos);
		r = bind_one(c, &st, p, arg, &param);
	}
	if (r)
		return r;
	fn->fn.params = keep;
	struct ast_node *v = ast_new(c->a, AST_VAR_DECL, fn->pos);
	v->op = AST_VAR_VAR;
	v->flags |= LOWER_F_PARAMS;
	steps_to_decls(c, &st, &v->var.decls);
	if (v->var.decls.len) {
		struct ast_list *body = &fn->fn.body->list.items;
		uint32_t at = 0;
		while (at < body->len && body->items[at]->kind == AST_EXPR_STMT &&
		       (body->items[at]->flags & AST_F_DIRECTIVE))
			at++;
		ast_list_insert(c->a, body, at, v);
	}
	fn->fn.uses |= AST_USES_ARGUMENTS;
	return 0;
}

/* ---- spread ---- */

static bool has_spread(const struct ast_list *l)
{
	for (uint32_t i = 0; i < l->len; i++)
		if (l->items[i]->kind == AST_SPREAD)
			return true;
	return false;
}

/* [a, ...b, c] => __cc.cat([a], __cc.toArr(b, "b"), [c]); [...b] alone,
 * the copy and dedupe idiom ([...new Set(xs)]), => __cc.spreadOne(b, "b"),
 * one pass into a fresh array. */
static struct ast_node *spread_array(struct lower_ctx *c, struct ast_list *l, struct ast_pos pos)
{
	if (l->len == 1 && l->items[0]->kind == AST_SPREAD) {
		struct ast_node *e = l->items[0];
		const char *src = lower_src_text(c, e->unary.arg);
		return ast_call(c->a, lower_rt(c, "spreadOne", e->pos), e->pos, 2, e->unary.arg,
		                src ? str(c, src, e->pos) : void0(c, e->pos));
	}
	struct ast_node *call = ast_call(c->a, lower_rt(c, "cat", pos), pos, 0);
	struct ast_node *seg = NULL;
	for (uint32_t i = 0; i < l->len; i++) {
		struct ast_node *e = l->items[i];
		if (e->kind == AST_SPREAD) {
			if (seg)
				ast_list_push(c->a, &call->call.args, seg);
			seg = NULL;
			const char *src = lower_src_text(c, e->unary.arg);
			ast_list_push(c->a, &call->call.args,
			              ast_call(c->a, lower_rt(c, "toArr", e->pos), e->pos, 2, e->unary.arg,
			                       src ? str(c, src, e->pos) : void0(c, e->pos)));
			continue;
		}
		if (!seg)
			seg = ast_new(c->a, AST_ARRAY, e->pos);
		ast_list_push(c->a, &seg->list.items, e->kind == AST_HOLE ? void0(c, e->pos) : e);
	}
	if (seg)
		ast_list_push(c->a, &call->call.args, seg);
	return call;
}

static int spread_call(struct lower_ctx *c, struct ast_node **slot)
{
	struct ast_node *n = *slot;
	struct ast_pos pos = n->pos;
	struct ast_node *args = spread_array(c, &n->call.args, pos);
	if (n->kind == AST_NEW) {
		*slot = ast_call(c->a, lower_rt(c, "construct", pos), pos, 2, n->call.callee, args);
		return 0;
	}
	struct ast_node *callee = n->call.callee, *self;
	if (callee->kind == AST_MEMBER && callee->member.object->kind == AST_SUPER)
		return ast_error(c->prog, pos, "spread in a super method call is not supported");
	if (callee->kind == AST_MEMBER) {
		/* o.m(...a) => (t = o).m.apply(t, ...): o evaluated once, before args */
		if (lower_is_simple(callee->member.object)) {
			self = ast_clone(c->a, callee->member.object);
		} else {
			const char *t = lower_tmp(c, NULL, pos);
			callee->member.object = ast_assign(c->a, lower_id(c, t, pos), callee->member.object, pos);
			callee->member.object->flags |= AST_F_PARENS;
			self = lower_id(c, t, pos);
		}
	} else {
		self = void0(c, pos);
	}
	*slot = ast_call(c->a, ast_member_name(c->a, callee, "apply", pos), pos, 2, self, args);
	return 0;
}

/* ---- for-of ---- */

static struct ast_node *block_of(struct lower_ctx *c, struct ast_node *s)
{
	if (s->kind == AST_BLOCK)
		return s;
	struct ast_node *b = ast_new(c->a, AST_BLOCK, s->pos);
	ast_list_push(c->a, &b->list.items, s);
	return b;
}

static int for_of(struct lower_ctx *c, struct ast_node **slot)
{
	struct ast_node *n = *slot;
	struct ast_pos pos = n->pos;
	bool is_await = n->flags & AST_F_AWAIT;
	const char *src = lower_src_text(c, n->for_in.right);
	const char *it = lower_tmp(c, NULL, pos);
	struct ast_node *get = ast_assign(c->a, lower_id(c, it, pos),
	                                  ast_call(c->a, lower_rt(c, is_await ? "asyncIter" : "iter", pos), pos, 2,
	                                           n->for_in.right, src ? str(c, src, pos) : void0(c, pos)),
	                                  pos);
	const char *v = lower_tmp(c, NULL, pos);
	const char *e = ast_tmp_name(c->prog, "_e", pos)->ident.name.s;

	/* per-iteration binding of the loop variable */
	struct steps st = {.decl = false};
	struct ast_node *left = n->for_in.left, *bind;
	int r;
	if (left->kind == AST_VAR_DECL) {
		struct ast_node *d = left->var.decls.items[0];
		st.decl = true;
		/* V8 names the value of a for-of head by its temporary */
		struct dctx top = {.at = D_TOP, .src = ".for"};
		r = destructure(c, &st, d->declarator.id, lower_id(c, v, pos), &top);
		if (r)
			return r;
		bind = ast_new(c->a, AST_VAR_DECL, pos);
		bind->op = AST_VAR_VAR;
		steps_to_decls(c, &st, &bind->var.decls);
	} else {
		/* an assignment head is no declaration's target for V8 */
		struct dctx nested = {.at = D_NESTED};
		r = destructure(c, &st, left, lower_id(c, v, pos), &nested);
		if (r)
			return r;
		bind = ast_expr_stmt(c->a, steps_to_seq(c, &st, NULL, pos));
	}
	struct ast_node *body = block_of(c, n->for_in.body);
	ast_list_insert(c->a, &body->list.items, 0, bind);

	/* ($v = $i.step()) !== $i; for await, rt's async wrapper awaits inside
	 * step/fail/close itself (rt helpers are ES code called from the
	 * coroutine body, so they may yield it: probes.md §1(d)) */
	struct ast_node *step = ast_call(c->a, ast_member_name(c->a, lower_id(c, it, pos), "step", pos), pos, 0);
	struct ast_node *asg = ast_assign(c->a, lower_id(c, v, pos), step, pos);
	asg->flags |= AST_F_PARENS;
	struct ast_node *loop = ast_new(c->a, AST_WHILE, pos);
	loop->loop.test = ast_binary(c->a, AST_BINARY, AST_OP_SNE, asg, lower_id(c, it, pos), pos);
	loop->loop.body = body;

	struct ast_node *tryb = ast_new(c->a, AST_BLOCK, pos);
	ast_list_push(c->a, &tryb->list.items, loop);
	struct ast_node *h = ast_new(c->a, AST_CATCH, pos);
	h->catch_.param = lower_id(c, e, pos);
	h->catch_.body = ast_new(c->a, AST_BLOCK, pos);
	struct ast_node *fail =
	        ast_call(c->a, ast_member_name(c->a, lower_id(c, it, pos), "fail", pos), pos, 1, lower_id(c, e, pos));
	ast_list_push(c->a, &h->catch_.body->list.items, ast_expr_stmt(c->a, fail));
	struct ast_node *fin = ast_new(c->a, AST_BLOCK, pos);
	struct ast_node *close = ast_call(c->a, ast_member_name(c->a, lower_id(c, it, pos), "close", pos), pos, 0);
	ast_list_push(c->a, &fin->list.items, ast_expr_stmt(c->a, close));
	struct ast_node *t = ast_new(c->a, AST_TRY, pos);
	t->flags |= AST_F_SYNTHETIC; /* lower_strbuild: no program code in its catch or finally */
	t->try_.block = tryb;
	t->try_.handler = h;
	t->try_.finalizer = fin;
	struct ast_node *outer = ast_new(c->a, AST_BLOCK, pos);
	ast_list_push(c->a, &outer->list.items, ast_expr_stmt(c->a, get));
	ast_list_push(c->a, &outer->list.items, t);
	outer->aux = t; /* for a label on the for-of: see visit */
	*slot = outer;
	return 0;
}

static int visit(struct ast_node **slot, void *p)
{
	struct st *s = p;
	struct lower_ctx *c = s->c;
	struct ast_node *n = *slot;
	int r;

	if (++c->depth > 4 * AST_MAX_DEPTH)
		return ast_error(c->prog, n->pos, "nesting too deep");

	if (n->kind == AST_FUNCTION_DECL || n->kind == AST_FUNCTION_EXPR || n->kind == AST_ARROW) {
		struct lower_fn f;
		lower_fn_enter(c, &f, n);
		r = lower_children(n, visit, s);
		if (!r && !simple_params(n))
			r = lower_params(c, n);
		lower_fn_leave(c, &f);
		c->depth--;
		return r;
	}
	if ((n->kind == AST_FOR_OF || n->kind == AST_FOR_IN) && n->for_in.left->kind == AST_VAR_DECL)
		n->for_in.left->flags |= LOWER_F_FORHEAD;
	r = lower_children(n, visit, s);
	if (r) {
		c->depth--;
		return r;
	}
	switch (n->kind) {
	case AST_VAR_DECL:
		if (!(n->flags & LOWER_F_FORHEAD))
			r = lower_var(c, n);
		break;
	case AST_ASSIGN:
		if (n->op == AST_OP_ASSIGN && is_pattern(n->binary.left)) {
			struct steps st = {.decl = false};
			const char *t = lower_tmp(c, NULL, n->pos);
			struct ast_node *v = n->binary.right;
			struct dctx top = {.at = D_TOP, .src = lower_src_text(c, v)};
			bool fresh = v->kind == AST_ARRAY;
			for (uint32_t i = 0; fresh && i < v->list.items.len; i++)
				fresh = v->list.items.items[i]->kind != AST_SPREAD;
			st.fresh = fresh ? t : NULL;
			ast_list_push(c->a, &st.out, ast_assign(c->a, lower_id(c, t, n->pos), n->binary.right, n->pos));
			r = destructure(c, &st, n->binary.left, lower_id(c, t, n->pos), &top);
			if (!r)
				*slot = steps_to_seq(c, &st, lower_id(c, t, n->pos), n->pos);
		}
		break;
	case AST_CATCH:
		if (n->catch_.param && n->catch_.param->kind != AST_IDENT) {
			struct steps st = {.decl = true};
			const char *t = ast_tmp_name(c->prog, "_e", n->pos)->ident.name.s;
			struct dctx top = {.at = D_TOP, .src = ".catch"};
			r = destructure(c, &st, n->catch_.param, lower_id(c, t, n->pos), &top);
			if (!r) {
				struct ast_node *v = ast_new(c->a, AST_VAR_DECL, n->pos);
				v->op = AST_VAR_VAR;
				steps_to_decls(c, &st, &v->var.decls);
				ast_list_insert(c->a, &n->catch_.body->list.items, 0, v);
				n->catch_.param = lower_id(c, t, n->pos);
			}
		}
		break;
	case AST_FOR_IN:
		if (n->for_in.left->kind == AST_VAR_DECL &&
		    is_pattern(n->for_in.left->var.decls.items[0]->declarator.id))
			r = ast_error(c->prog, n->pos, "destructuring in for-in is not supported");
		else if (is_pattern(n->for_in.left))
			r = ast_error(c->prog, n->pos, "destructuring in for-in is not supported");
		break;
	case AST_FOR_OF: r = for_of(c, slot); break;
	case AST_LABELED: {
		/* `l: for (x of e)` lowered to { $i = ..; try { while .. } }: the
		 * label must stay on the loop for `continue l` */
		struct ast_node *b = n->labeled.body;
		if (b->kind == AST_BLOCK && b->aux && ((struct ast_node *)b->aux)->kind == AST_TRY) {
			struct ast_node *t = b->aux;
			struct ast_node **loop = &t->try_.block->list.items.items[0];
			n->labeled.body = *loop;
			*loop = n;
			b->aux = NULL;
			*slot = b;
		}
		break;
	}
	case AST_ARRAY:
		if (has_spread(&n->list.items))
			*slot = spread_array(c, &n->list.items, n->pos);
		break;
	case AST_CALL:
	case AST_NEW:
		if (has_spread(&n->call.args)) {
			if (n->call.callee->kind == AST_SUPER)
				r = ast_error(c->prog, n->pos, "spread in super() is not supported");
			else
				r = spread_call(c, slot);
		}
		break;
	default: break;
	}
	c->depth--;
	return r;
}

int lower_pass_pattern(struct lower_ctx *c)
{
	uint32_t want = AST_FEAT_DESTRUCTURING | AST_FEAT_SPREAD | AST_FEAT_DEFAULT_PARAM | AST_FEAT_FOR_OF;
	if (!(c->prog->features & want))
		return 0;
	struct st s = {c};
	struct lower_fn f;
	lower_fn_enter(c, &f, c->prog->root);
	int r = lower_children(c->prog->root, visit, &s);
	lower_fn_leave(c, &f);
	return r < 0 ? r : 0;
}
