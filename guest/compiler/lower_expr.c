/* lower_expr: expression-level ES2015+ syntax to ES5.1: optional chains,
 * `??`, `||=` `&&=` `??=`, template literals (tagged ones with a per-site
 * cached frozen strings array) and object spread.
 * Runs in: guest (compiler). Input: tree from untrusted source. `**` and
 * object literal shorthand/computed keys/methods/accessors are native in
 * Duktape 2.7 (probes.md §1(g)) and left alone. */
#include <errno.h>
#include <string.h>

#include "lower.h"

struct st {
	struct lower_ctx *c;
	struct lower_fn *top; /* program scope, for per-site template caches */
};

static struct ast_node *void0(struct lower_ctx *c, struct ast_pos pos)
{
	return ast_unary(c->a, AST_UNARY, AST_OP_VOID, ast_number(c->a, 0, pos), pos);
}

/* Evaluate e once: returns an expression to use first (maybe `t = e`) and
 * sets *again to an expression for later uses. */
static struct ast_node *once(struct lower_ctx *c, struct ast_node *e, struct ast_node **again)
{
	if (lower_is_simple(e)) {
		*again = ast_clone(c->a, e);
		return e;
	}
	const char *t = lower_tmp(c, NULL, e->pos);
	*again = lower_id(c, t, e->pos);
	return ast_assign(c->a, lower_id(c, t, e->pos), e, e->pos);
}

/* ---- optional chains ---- */

/* The slot of the optional link nearest the base of the spine, or NULL. */
static struct ast_node **innermost_optional(struct ast_node **slot)
{
	struct ast_node **found = NULL;
	for (;;) {
		struct ast_node *n = *slot;
		if (n->kind == AST_MEMBER) {
			if (n->flags & AST_F_OPTIONAL)
				found = slot;
			slot = &n->member.object;
		} else if (n->kind == AST_CALL) {
			if (n->flags & AST_F_OPTIONAL)
				found = slot;
			slot = &n->call.callee;
		} else {
			return found;
		}
	}
}

/* e is the inside of a CHAIN. Returns the ES5 expression; on_null is the
 * value when the chain short-circuits (void 0, or true for delete). */
static struct ast_node *lower_chain(struct lower_ctx *c, struct ast_node **root, bool is_delete)
{
	struct ast_node **lslot = innermost_optional(root);
	if (!lslot)
		return *root;
	struct ast_node *link = *lslot;
	struct ast_pos pos = link->pos;
	struct ast_node *test, *again;
	link->flags &= ~AST_F_OPTIONAL;
	if (link->kind == AST_MEMBER) {
		test = once(c, link->member.object, &again);
		link->member.object = again;
	} else {
		struct ast_node *callee = link->call.callee;
		if (callee->kind == AST_MEMBER && callee->member.object->kind != AST_SUPER) {
			/* o.m?.(): keep o as this: (f = (t = o).m) == null ? .. : f.call(t, ..) */
			struct ast_node *obj_again;
			callee->member.object = once(c, callee->member.object, &obj_again);
			const char *f = lower_tmp(c, NULL, pos);
			test = ast_assign(c->a, lower_id(c, f, pos), callee, pos);
			link->call.callee = ast_member_name(c->a, lower_id(c, f, pos), "call", pos);
			ast_list_insert(c->a, &link->call.args, 0, obj_again);
		} else {
			test = once(c, callee, &again);
			link->call.callee = again;
		}
	}
	struct ast_node *rest = lower_chain(c, root, is_delete);
	struct ast_node *isnull = ast_binary(c->a, AST_BINARY, AST_OP_EQ, test, ast_new(c->a, AST_NULL, pos), pos);
	return ast_conditional(c->a, isnull, is_delete ? ast_new(c->a, AST_TRUE, pos) : void0(c, pos), rest, pos);
}

/* ---- ?? and logical assignment ---- */

static struct ast_node *nullish(struct lower_ctx *c, struct ast_node *l, struct ast_node *r, struct ast_pos pos)
{
	struct ast_node *again;
	struct ast_node *first = once(c, l, &again);
	struct ast_node *t = ast_binary(c->a, AST_BINARY, AST_OP_NE, first, ast_new(c->a, AST_NULL, pos), pos);
	return ast_conditional(c->a, t, again, r, pos);
}

static struct ast_node *logical_assign(struct lower_ctx *c, struct ast_node *n)
{
	struct ast_pos pos = n->pos;
	struct ast_node *target = n->binary.left, *read, *write;
	if (target->kind == AST_IDENT) {
		read = target;
		write = ast_clone(c->a, target);
	} else if (target->kind == AST_MEMBER) {
		struct ast_node *obj_again, *key_again = NULL;
		struct ast_node *obj = target->member.object->kind == AST_SUPER
		                               ? target->member.object
		                               : once(c, target->member.object, &obj_again);
		if (target->member.object->kind == AST_SUPER)
			obj_again = ast_clone(c->a, obj);
		struct ast_node *key = target->member.property;
		if (target->flags & AST_F_COMPUTED)
			key = once(c, key, &key_again);
		read = ast_new(c->a, AST_MEMBER, pos);
		read->flags = target->flags & AST_F_COMPUTED;
		read->member.object = obj;
		read->member.property = key;
		write = ast_new(c->a, AST_MEMBER, pos);
		write->flags = target->flags & AST_F_COMPUTED;
		write->member.object = obj_again;
		write->member.property = key_again ? key_again : ast_clone(c->a, key);
	} else {
		return NULL;
	}
	struct ast_node *asg = ast_assign(c->a, write, n->binary.right, pos);
	asg->flags |= AST_F_PARENS;
	switch (n->op) {
	case AST_OP_AND_ASSIGN: return ast_binary(c->a, AST_LOGICAL, AST_OP_AND, read, asg, pos);
	case AST_OP_OR_ASSIGN: return ast_binary(c->a, AST_LOGICAL, AST_OP_OR, read, asg, pos);
	default: return nullish(c, read, asg, pos);
	}
}

/* ---- templates ---- */

static struct ast_node *qstr(struct lower_ctx *c, const struct ast_str *s, struct ast_pos pos)
{
	return ast_string(c->a, s->s, s->len, pos);
}

/* `a${x}b` => "a".concat(x, "b"): String.prototype.concat applies ToString
 * to each argument exactly like template substitution (+ would call
 * valueOf first). */
static struct ast_node *template(struct lower_ctx *c, struct ast_node *n)
{
	struct ast_pos pos = n->pos;
	struct ast_list *q = &n->tmpl.quasis, *e = &n->tmpl.exprs;
	struct ast_node *head = qstr(c, &q->items[0]->quasi.cooked, pos);
	if (!e->len)
		return head;
	struct ast_node *call = ast_call(c->a, ast_member_name(c->a, head, "concat", pos), pos, 0);
	for (uint32_t i = 0; i < e->len; i++) {
		ast_list_push(c->a, &call->call.args, e->items[i]);
		struct ast_node *qi = q->items[i + 1];
		if (qi->quasi.cooked.len)
			ast_list_push(c->a, &call->call.args, qstr(c, &qi->quasi.cooked, qi->pos));
	}
	return call;
}

/* tag`a${x}` => tag(_tN || (_tN = __cc.tpl(["a", ""], ["a", ""])), x) with
 * _tN a program-level cache: the same frozen array per site, as the spec's
 * [[TemplateMap]]. */
static struct ast_node *tagged(struct st *s, struct ast_node *n)
{
	struct lower_ctx *c = s->c;
	struct ast_pos pos = n->pos;
	struct ast_node *t = n->tagged.quasi;
	struct ast_node *cooked = ast_new(c->a, AST_ARRAY, pos), *raw = ast_new(c->a, AST_ARRAY, pos);
	for (uint32_t i = 0; i < t->tmpl.quasis.len; i++) {
		struct ast_node *qi = t->tmpl.quasis.items[i];
		ast_list_push(c->a, &cooked->list.items,
		              qi->quasi.cooked.s ? qstr(c, &qi->quasi.cooked, qi->pos) : void0(c, qi->pos));
		ast_list_push(c->a, &raw->list.items, qstr(c, &qi->quasi.raw, qi->pos));
	}
	struct lower_fn *saved = c->fn;
	c->fn = s->top;
	const char *cache = lower_tmp(c, NULL, pos);
	c->fn = saved;
	struct ast_node *mk = ast_assign(c->a, lower_id(c, cache, pos),
	                                 ast_call(c->a, lower_rt(c, "tpl", pos), pos, 2, cooked, raw), pos);
	mk->flags |= AST_F_PARENS;
	struct ast_node *strs = ast_binary(c->a, AST_LOGICAL, AST_OP_OR, lower_id(c, cache, pos), mk, pos);
	struct ast_node *call = ast_new(c->a, AST_CALL, pos);
	call->call.callee = n->tagged.tag;
	ast_list_push(c->a, &call->call.args, strs);
	for (uint32_t i = 0; i < t->tmpl.exprs.len; i++)
		ast_list_push(c->a, &call->call.args, t->tmpl.exprs.items[i]);
	return call;
}

/* ---- object spread ---- */

/* {a, ...b, c} => __cc.ospread({a: a}, b, {c: c}): arguments alternate
 * literal segment, spread source, literal segment... */
static struct ast_node *object_spread(struct lower_ctx *c, struct ast_node *n)
{
	struct ast_pos pos = n->pos;
	struct ast_node *call = ast_call(c->a, lower_rt(c, "ospread", pos), pos, 0);
	struct ast_node *seg = ast_new(c->a, AST_OBJECT, pos);
	for (uint32_t i = 0; i < n->list.items.len; i++) {
		struct ast_node *it = n->list.items.items[i];
		if (it->kind == AST_SPREAD) {
			ast_list_push(c->a, &call->call.args, seg);
			ast_list_push(c->a, &call->call.args, it->unary.arg);
			seg = ast_new(c->a, AST_OBJECT, pos);
		} else {
			ast_list_push(c->a, &seg->list.items, it);
		}
	}
	if (seg->list.items.len)
		ast_list_push(c->a, &call->call.args, seg);
	return call;
}

/* Duktape 2.7 has no computed accessors in literals:
 * {a, get [k]() {}, b} => __cc.olit({a: a}, k, "get", function () {}, {b: b})
 * The first segment is the object itself (a `__proto__: p` there still sets
 * the prototype); (key, kind, function, segment-or-null) follow in source
 * order, so keys are evaluated in order too. */
static struct ast_node *object_accessors(struct lower_ctx *c, struct ast_node *n)
{
	struct ast_pos pos = n->pos;
	struct ast_node *call = ast_call(c->a, lower_rt(c, "olit", pos), pos, 0);
	struct ast_node *seg = ast_new(c->a, AST_OBJECT, pos);
	bool first = true;
	for (uint32_t i = 0; i < n->list.items.len; i++) {
		struct ast_node *it = n->list.items.items[i];
		if (it->kind == AST_PROPERTY && (it->flags & AST_F_COMPUTED) && it->op != AST_PROP_INIT) {
			if (first || seg->list.items.len)
				ast_list_push(c->a, &call->call.args, seg);
			else
				ast_list_push(c->a, &call->call.args, ast_new(c->a, AST_NULL, pos));
			first = false;
			ast_list_push(c->a, &call->call.args, it->prop.key);
			ast_list_push(c->a, &call->call.args,
			              ast_string(c->a, it->op == AST_PROP_GET ? "get" : "set", 3, it->pos));
			ast_list_push(c->a, &call->call.args, it->prop.value);
			seg = ast_new(c->a, AST_OBJECT, pos);
		} else {
			ast_list_push(c->a, &seg->list.items, it);
		}
	}
	if (seg->list.items.len)
		ast_list_push(c->a, &call->call.args, seg);
	return call;
}

static bool has_computed_accessor(const struct ast_list *l)
{
	for (uint32_t i = 0; i < l->len; i++)
		if (l->items[i]->kind == AST_PROPERTY && (l->items[i]->flags & AST_F_COMPUTED) &&
		    l->items[i]->op != AST_PROP_INIT)
			return true;
	return false;
}

/* The key a `__proto__: v` entry is given in the lowered literal, which
 * __cc.oproto (rt/misc.js) removes again: Duktape's literal would define
 * an own "__proto__". The literal keeps its order, so v is evaluated
 * where it was written; no program code runs between the literal and
 * oproto, so the key is never seen. Shared with rt/misc.js. */
#define PROTO_KEY "__cc_proto_set__"

/* The literal's `__proto__: v` entry (AST_F_PROTO_SET), or NULL. */
static struct ast_node *proto_entry(const struct ast_list *l)
{
	for (uint32_t i = 0; i < l->len; i++)
		if (l->items[i]->kind == AST_PROPERTY && (l->items[i]->flags & AST_F_PROTO_SET))
			return l->items[i];
	return NULL;
}

static bool has_spread(const struct ast_list *l)
{
	for (uint32_t i = 0; i < l->len; i++)
		if (l->items[i]->kind == AST_SPREAD)
			return true;
	return false;
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
		lower_fn_leave(c, &f);
		c->depth--;
		return r;
	}
	/* delete a?.b needs the chain before its children are rewritten */
	if (n->kind == AST_UNARY && n->op == AST_OP_DELETE && n->unary.arg->kind == AST_CHAIN) {
		struct ast_node *ch = n->unary.arg;
		r = lower_children(ch, visit, s);
		if (!r) {
			n->unary.arg = ch->unary.arg;
			*slot = lower_chain(c, &n->unary.arg, true);
			if (*slot != n->unary.arg) {
				/* the chain's top is now `delete <rest>` inside the conditional */
				struct ast_node *cnd = *slot;
				while (cnd->cond.alt->kind == AST_CONDITIONAL)
					cnd = cnd->cond.alt; /* a?.b?.c: the last link's branch */
				n->unary.arg = cnd->cond.alt;
				cnd->cond.alt = n;
			} else {
				*slot = n;
			}
		}
		c->depth--;
		return r;
	}
	if (n->kind == AST_TAGGED_TEMPLATE) {
		/* the quasi must stay a TEMPLATE for tagged(): visit only its parts */
		struct ast_node *t = n->tagged.quasi;
		r = visit(&n->tagged.tag, s);
		for (uint32_t i = 0; !r && i < t->tmpl.exprs.len; i++)
			r = visit(&t->tmpl.exprs.items[i], s);
	} else {
		r = lower_children(n, visit, s);
	}
	if (r) {
		c->depth--;
		return r;
	}
	switch (n->kind) {
	case AST_CHAIN:
		*slot = lower_chain(c, &n->unary.arg, false);
		(*slot)->flags |= AST_F_PARENS;
		break;
	case AST_LOGICAL:
		if (n->op == AST_OP_NULLISH)
			*slot = nullish(c, n->binary.left, n->binary.right, n->pos);
		break;
	case AST_ASSIGN:
		if (n->op == AST_OP_AND_ASSIGN || n->op == AST_OP_OR_ASSIGN || n->op == AST_OP_NULLISH_ASSIGN) {
			struct ast_node *e = logical_assign(c, n);
			if (!e)
				r = ast_error(c->prog, n->pos, "Invalid left-hand side in assignment");
			else
				*slot = e;
		}
		break;
	case AST_TEMPLATE: *slot = template(c, n); break;
	case AST_TAGGED_TEMPLATE: *slot = tagged(s, n); break;
	case AST_PROPERTY:
		/* Duktape 2.7 parses computed keys but not computed methods or
		 * accessors: `[k]() {}` becomes `[k]: function () {}` */
		if ((n->flags & AST_F_COMPUTED) && n->op == AST_PROP_INIT)
			n->flags &= ~AST_F_METHOD;
		break;
	case AST_OBJECT: {
		/* {a, __proto__: p, b} => __cc.oproto({a, PROTO_KEY: p, b}),
		 * after the rewrites below (spread and accessor segments copy the
		 * key in order onto the result). */
		struct ast_node *proto = proto_entry(&n->list.items);
		if (proto)
			proto->prop.key = ast_string(c->a, PROTO_KEY, sizeof PROTO_KEY - 1, proto->pos);
		if (has_computed_accessor(&n->list.items)) {
			/* spread segments stay literals inside olit's segments */
			*slot = object_accessors(c, n);
			struct ast_list *args = &(*slot)->call.args;
			for (uint32_t i = 0; i < args->len; i++)
				if (args->items[i]->kind == AST_OBJECT && has_spread(&args->items[i]->list.items))
					args->items[i] = object_spread(c, args->items[i]);
		} else if (has_spread(&n->list.items)) {
			*slot = object_spread(c, n);
		}
		if (proto)
			*slot = ast_call(c->a, lower_rt(c, "oproto", n->pos), n->pos, 1, *slot);
		break;
	}
	default: break;
	}
	c->depth--;
	return r;
}

int lower_pass_expr(struct lower_ctx *c)
{
	uint32_t want = AST_FEAT_OPTIONAL_CHAIN | AST_FEAT_NULLISH | AST_FEAT_LOGICAL_ASSIGN | AST_FEAT_TEMPLATE |
	                AST_FEAT_TAGGED_TEMPLATE | AST_FEAT_SPREAD | AST_FEAT_OBJECT_EXT;
	if (!(c->prog->features & want))
		return 0;
	struct lower_fn f;
	lower_fn_enter(c, &f, c->prog->root);
	struct st s = {c, &f};
	int r = lower_children(c->prog->root, visit, &s);
	lower_fn_leave(c, &f);
	return r < 0 ? r : 0;
}
