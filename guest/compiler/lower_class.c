/* lower_class: classes become a constructor function plus one rt/class.js
 * call that builds the prototype chain and defines the methods:
 *   class C extends B { x = 1; m() {} static s() {} }
 *   =>  var C = __cc.ext(function C() { "use strict";
 *             if (!new.target) __cc.noNew(this, C, "C");
 *             var _this; ... (_this = __cc.sup(this, C, [args]), _this.x = 1, _this) ...
 *             return _this; }, B, [0, "m", function () {..}, 4, "s", function () {..}]);
 * A derived constructor's `this` is the object super() returns (so built-in
 * parents such as Error, Array, Map and Promise work without Reflect.construct
 * new-target support, which Duktape lacks; see rt/class.js). Instance fields
 * are initialised after super() returns (base classes: on entry), static
 * fields and blocks run in one function called with this = the class.
 * Private names #x are per-class-evaluation Duktape hidden keys (invisible
 * to reflection, JSON and for-in) held in temporaries; an access checks the
 * brand first: (K in o ? o : __cc.privErr("#x", 0))[K].
 * super.m() / super.x read through rt's sget(home, key, receiver).
 * Method bodies stay ordinary functions, so async/generator methods are left
 * to lower_coroutine and their await/yield keep their lexical function.
 *
 * Deviations (documented in lower.c): instance fields are assigned, not
 * defined (a parent setter of the same name would run); inner class
 * bindings of a class evaluated repeatedly (in a loop) refer to the latest.
 * Runs in: guest (compiler). Input: tree from untrusted source, after the
 * scope pass (class names resolved and renamed, let/const gone). */
#include <errno.h>
#include <string.h>

#include "lower.h"

/* rt/class.js defs array entry flags (keep in sync with rt/class.js). */
enum {
	DEF_METHOD = 0,
	DEF_GET = 1,
	DEF_SET = 2,
	DEF_STATIC = 4,
	DEF_PRIVATE = 8,
	DEF_SKIP = 16, /* a computed field key evaluated in order; nothing to define */
};

struct priv {
	const char *name; /* without '#' */
	const char *key;  /* temporary holding the hidden key */
};

struct cls_info {
	struct cls_info *up;
	const char *bind; /* name the class is reachable by inside its body */
	struct priv *privs;
	uint32_t nprivs;
};

enum home { HOME_NONE = 0, HOME_PROTO, HOME_STATIC, HOME_INVALID };

struct st {
	struct lower_ctx *c;
	struct cls_info *cls;
	enum home home;
	const char *this_name; /* derived constructor (and its field inits): `this` -> this temp */
	bool in_ctor;          /* directly in a constructor body (returns belong to it) */
	bool ctor_scope;       /* constructor or arrows inside it (new.target, super()) */
	const char *name_hint; /* name for an anonymous class expression being visited */
	/* super() in the current derived constructor */
	struct ast_list *fields; /* instance field init assignments (templates to clone) */
	bool fields_used;
	/* super() calls lowered in the current derived constructor, and the
	 * last `(_this = sup(..), field inits..., _this)` sequence made */
	int super_calls;
	struct ast_node *super_seq;
};

static int visit(struct ast_node **slot, void *p);

static struct ast_node *void0(struct lower_ctx *c, struct ast_pos pos)
{
	return ast_unary(c->a, AST_UNARY, AST_OP_VOID, ast_number(c->a, 0, pos), pos);
}

static struct ast_node *str(struct lower_ctx *c, const char *s, struct ast_pos pos)
{
	return ast_string(c->a, s, strlen(s), pos);
}

static struct ast_node *seq2(struct lower_ctx *c, struct ast_pos pos)
{
	struct ast_node *s = ast_new(c->a, AST_SEQUENCE, pos);
	s->flags |= AST_F_PARENS;
	return s;
}

static struct ast_node *this_ref(struct st *s, struct ast_pos pos)
{
	if (s->this_name)
		return lower_id(s->c, s->this_name, pos);
	return ast_new(s->c->a, AST_THIS, pos);
}

static const char *priv_key(struct st *s, const char *name)
{
	for (struct cls_info *ci = s->cls; ci; ci = ci->up)
		for (uint32_t i = 0; i < ci->nprivs; i++)
			if (!strcmp(ci->privs[i].name, name))
				return ci->privs[i].key;
	return NULL;
}

/* "use strict" as the first statement: class code is strict. */
static void make_strict(struct lower_ctx *c, struct ast_node *fn)
{
	if (c->prog->root->flags & AST_F_STRICT)
		return;
	lower_block_body(c, fn);
	struct ast_list *b = &fn->fn.body->list.items;
	for (uint32_t i = 0; i < b->len && b->items[i]->kind == AST_EXPR_STMT && (b->items[i]->flags & AST_F_DIRECTIVE);
	     i++) {
		struct ast_node *e = b->items[i]->unary.arg;
		if (e->kind == AST_STRING && !strcmp(e->string.value.s, "use strict"))
			return;
	}
	struct ast_node *d = ast_expr_stmt(c->a, str(c, "use strict", fn->pos));
	d->flags |= AST_F_DIRECTIVE | AST_F_SYNTHETIC;
	ast_list_insert(c->a, &fn->fn.body->list.items, 0, d);
	fn->flags |= AST_F_STRICT;
}

/* ---- super and private references ---- */

static struct ast_node *home_expr(struct st *s, struct ast_pos pos)
{
	struct lower_ctx *c = s->c;
	struct ast_node *b = lower_id(c, s->cls->bind, pos);
	return s->home == HOME_STATIC ? b : ast_member_name(c->a, b, "prototype", pos);
}

/* The key of super.x / super[e] as an expression. */
static struct ast_node *member_key(struct lower_ctx *c, struct ast_node *m)
{
	if (m->flags & AST_F_COMPUTED)
		return m->member.property;
	return str(c, m->member.property->ident.name.s, m->pos);
}

static int check_super(struct st *s, struct ast_node *n)
{
	if (s->home == HOME_INVALID)
		return ast_error(s->c->prog, n->pos, "'super' in object literal methods is not supported");
	if (s->home == HOME_NONE || !s->cls)
		return ast_error(s->c->prog, n->pos, "'super' keyword unexpected here");
	return 0;
}

/* (K in o ? o : __cc.privErr("#x", write))[K] */
static struct ast_node *private_member(struct st *s, struct ast_node *m, bool write)
{
	struct lower_ctx *c = s->c;
	struct ast_pos pos = m->pos;
	const char *name = m->member.property->ident.name.s;
	const char *k = priv_key(s, name);
	if (!k) {
		ast_error(c->prog, m->member.property->pos,
		          "Private field '#%s' must be declared in an enclosing class", name);
		return NULL;
	}
	struct ast_node *o = m->member.object, *again;
	if (lower_is_simple(o)) {
		again = ast_clone(c->a, o);
	} else {
		const char *t = lower_tmp(c, NULL, pos);
		o = ast_assign(c->a, lower_id(c, t, pos), o, pos);
		o->flags |= AST_F_PARENS;
		again = lower_id(c, t, pos);
	}
	struct ast_node *test = ast_binary(c->a, AST_BINARY, AST_OP_IN, lower_id(c, k, pos), o, pos);
	struct ast_node *err =
	        ast_call(c->a, lower_rt(c, "privErr", pos), pos, 2, str(c, ast_sprintf(c->a, "#%s", name), pos),
	                 ast_number(c->a, write ? 1 : 0, pos));
	struct ast_node *cnd = ast_conditional(c->a, test, again, err, pos);
	cnd->flags |= AST_F_PARENS;
	struct ast_node *r = ast_member_computed(c->a, cnd, lower_id(c, k, pos), pos);
	r->flags |= m->flags & AST_F_OPTIONAL;
	return r;
}

static bool is_private_member(const struct ast_node *n)
{
	return n->kind == AST_MEMBER && !(n->flags & AST_F_COMPUTED) && n->member.property->kind == AST_PRIVATE_NAME;
}

static bool is_super_member(const struct ast_node *n)
{
	return n->kind == AST_MEMBER && n->member.object->kind == AST_SUPER;
}

/* `(_this = __cc.sup(this, C, args), field inits..., _this)` */
static struct ast_node *super_call(struct st *s, struct ast_node *args, struct ast_pos pos)
{
	struct lower_ctx *c = s->c;
	struct ast_node *call = ast_call(c->a, lower_rt(c, "sup", pos), pos, 3, ast_new(c->a, AST_THIS, pos),
	                                 lower_id(c, s->cls->bind, pos), args);
	struct ast_node *asg = ast_assign(c->a, lower_id(c, s->this_name, pos), call, pos);
	s->super_calls++;
	if (!s->fields || !s->fields->len) {
		asg->flags |= AST_F_PARENS;
		return asg;
	}
	struct ast_node *q = seq2(c, pos);
	ast_list_push(c->a, &q->list.items, asg);
	for (uint32_t i = 0; i < s->fields->len; i++) {
		struct ast_node *f = s->fields->items[i];
		ast_list_push(c->a, &q->list.items, s->fields_used ? ast_clone(c->a, f) : f);
	}
	s->fields_used = true;
	ast_list_push(c->a, &q->list.items, lower_id(c, s->this_name, pos));
	s->super_seq = q;
	return q;
}

/* ---- functions ---- */

struct saved {
	enum home home;
	const char *this_name;
	bool in_ctor, ctor_scope;
	const char *name_hint;
};

static void save(struct st *s, struct saved *sv)
{
	sv->home = s->home;
	sv->this_name = s->this_name;
	sv->in_ctor = s->in_ctor;
	sv->ctor_scope = s->ctor_scope;
	sv->name_hint = s->name_hint;
}

static void restore(struct st *s, const struct saved *sv)
{
	s->home = sv->home;
	s->this_name = sv->this_name;
	s->in_ctor = sv->in_ctor;
	s->ctor_scope = sv->ctor_scope;
	s->name_hint = sv->name_hint;
}

/* Walks a function's params and body in its own temporaries scope with the
 * given class context. */
static int walk_fn(struct st *s, struct ast_node *fn, enum home home)
{
	struct lower_ctx *c = s->c;
	struct saved sv;
	struct lower_fn f;
	save(s, &sv);
	if (fn->kind == AST_ARROW) {
		s->in_ctor = false; /* returns in an arrow are the arrow's */
	} else {
		s->home = home;
		s->this_name = NULL;
		s->in_ctor = false;
		s->ctor_scope = false;
	}
	s->name_hint = NULL;
	lower_fn_enter(c, &f, fn);
	int r = lower_children(fn, visit, s);
	lower_fn_leave(c, &f);
	restore(s, &sv);
	return r;
}

/* ---- classes ---- */

static const char *key_name(const struct ast_node *k)
{
	if (k->kind == AST_IDENT || k->kind == AST_PRIVATE_NAME)
		return k->ident.name.s;
	if (k->kind == AST_STRING)
		return k->string.value.s;
	return NULL;
}

static void add_priv(struct lower_ctx *c, struct cls_info *ci, const char *name, uint32_t *cap)
{
	for (uint32_t i = 0; i < ci->nprivs; i++)
		if (!strcmp(ci->privs[i].name, name))
			return; /* getter + setter share one name */
	if (ci->nprivs == *cap) {
		uint32_t ncap = *cap ? *cap * 2 : 4;
		struct priv *np = ast_alloc(c->a, ncap * sizeof(*np));
		if (ci->nprivs)
			memcpy(np, ci->privs, ci->nprivs * sizeof(*np));
		ci->privs = np;
		*cap = ncap;
	}
	ci->privs[ci->nprivs].name = name;
	ci->privs[ci->nprivs].key = ast_tmp_name(c->prog, "_p", (struct ast_pos){0})->ident.name.s;
	ci->nprivs++;
}

/* The member expression `obj.key` a field initialises. */
static struct ast_node *field_target(struct st *s, struct ast_node *obj, struct ast_node *f, const char *ktmp)
{
	struct lower_ctx *c = s->c;
	struct ast_node *k = f->prop.key;
	if (k->kind == AST_PRIVATE_NAME)
		return ast_member_computed(c->a, obj, lower_id(c, priv_key(s, k->ident.name.s), f->pos), f->pos);
	if (ktmp)
		return ast_member_computed(c->a, obj, lower_id(c, ktmp, f->pos), f->pos);
	if (k->kind == AST_IDENT)
		return ast_member_name(c->a, obj, k->ident.name.s, f->pos);
	return ast_member_computed(c->a, obj, ast_clone(c->a, k), f->pos);
}

/* Static fields are defined (a class has a non-writable `name`, which a
 * `static name = ..` must replace); private ones are plain hidden slots. */
static struct ast_node *static_field(struct st *s, struct ast_node *f, const char *ktmp)
{
	struct lower_ctx *c = s->c;
	struct ast_pos pos = f->pos;
	struct ast_node *v = f->prop.value ? f->prop.value : void0(c, pos);
	struct ast_node *k = f->prop.key;
	if (k->kind == AST_PRIVATE_NAME)
		return ast_expr_stmt(c->a,
		                     ast_assign(c->a, field_target(s, ast_new(c->a, AST_THIS, pos), f, NULL), v, pos));
	struct ast_node *key = ktmp                   ? lower_id(c, ktmp, pos)
	                       : k->kind == AST_IDENT ? str(c, k->ident.name.s, pos)
	                                              : ast_clone(c->a, k);
	return ast_expr_stmt(c->a,
	                     ast_call(c->a, lower_rt(c, "field", pos), pos, 3, ast_new(c->a, AST_THIS, pos), key, v));
}

static int lower_class(struct st *s, struct ast_node **slot)
{
	struct lower_ctx *c = s->c;
	struct ast_node *n = *slot;
	struct ast_pos pos = n->pos;
	bool decl = n->kind == AST_CLASS_DECL;
	bool derived = n->cls.super_class != NULL;
	const char *hint = s->name_hint;
	if (!hint && !n->cls.id && n->aux)
		hint = n->aux; /* lower_name: NamedEvaluation by position */
	int r = 0;

	/* the binding inside the class body, and the name it shows */
	const char *bind, *display;
	if (n->cls.id) {
		bind = n->cls.id->ident.name.s;
		display = n->cls.id->aux ? (const char *)n->cls.id->aux : bind;
		if (!decl) {
			struct ast_node *d = ast_new(c->a, AST_DECLARATOR, pos);
			d->declarator.id = lower_id(c, bind, pos);
			ast_list_push(c->a, &c->fn->decls, d);
		}
	} else {
		bind = lower_tmp(c, NULL, pos);
		display = hint ? hint : "";
	}

	/* heritage: evaluated outside the class's scope */
	struct saved sv;
	save(s, &sv);
	s->name_hint = NULL;
	if (derived && (r = visit(&n->cls.super_class, s)))
		return r;

	struct cls_info ci = {.up = s->cls, .bind = bind};
	uint32_t cap = 0;
	struct ast_node *ctor_m = NULL;
	for (uint32_t i = 0; i < n->cls.body.len; i++) {
		struct ast_node *m = n->cls.body.items[i];
		if ((m->kind == AST_METHOD || m->kind == AST_FIELD) && m->prop.key->kind == AST_PRIVATE_NAME)
			add_priv(c, &ci, m->prop.key->ident.name.s, &cap);
		if (m->kind == AST_METHOD && m->op == AST_METHOD_CONSTRUCTOR)
			ctor_m = m;
	}
	s->cls = &ci;

	/* the constructor: user's or implicit */
	struct ast_node *ctor = ctor_m ? ctor_m->prop.value : ast_new(c->a, AST_FUNCTION_EXPR, pos);
	if (!ctor->fn.body)
		ctor->fn.body = ast_new(c->a, AST_BLOCK, pos);
	lower_block_body(c, ctor);
	ctor->fn.id = lower_id(c, bind, pos);
	struct lower_fn ctor_f;
	struct lower_fn static_f;
	struct ast_node *sfn = NULL; /* static initialiser function */
	const char *this_tmp = NULL;
	struct ast_list inits = {0}; /* instance field assignments */
	struct ast_node *defs = ast_new(c->a, AST_ARRAY, pos);
	struct ast_list pre = {0}; /* (name, value) pairs evaluated before the class: declarators */

	for (uint32_t i = 0; i < ci.nprivs; i++) {
		struct ast_node *d = ast_new(c->a, AST_DECLARATOR, pos);
		d->declarator.id = lower_id(c, ci.privs[i].key, pos);
		d->declarator.init = ast_call(c->a, lower_rt(c, "priv", pos), pos, 1, str(c, ci.privs[i].name, pos));
		ast_list_push(c->a, &pre, d);
	}

	lower_fn_enter(c, &ctor_f, ctor);
	if (derived)
		this_tmp = lower_tmp(c, NULL, pos);
	c->fn = ctor_f.up; /* keys and methods belong to the enclosing function */

	for (uint32_t i = 0; i < n->cls.body.len && !r; i++) {
		struct ast_node *m = n->cls.body.items[i];
		if (m == ctor_m)
			continue;
		bool is_static = m->flags & AST_F_STATIC;
		const char *ktmp = NULL;
		/* computed keys run in the enclosing scope, in order */
		if ((m->kind == AST_METHOD || m->kind == AST_FIELD) && (m->flags & AST_F_COMPUTED)) {
			s->home = sv.home;
			s->this_name = sv.this_name;
			if ((r = visit(&m->prop.key, s)))
				break;
			if (m->kind == AST_FIELD) {
				ktmp = lower_tmp(c, NULL, m->pos);
				ast_list_push(c->a, &defs->list.items, ast_number(c->a, DEF_SKIP, m->pos));
				struct ast_node *asg = ast_assign(
				        c->a, lower_id(c, ktmp, m->pos),
				        ast_call(c->a, lower_rt(c, "key", m->pos), m->pos, 1, m->prop.key), m->pos);
				ast_list_push(c->a, &defs->list.items, asg);
				ast_list_push(c->a, &defs->list.items, ast_number(c->a, 0, m->pos));
			}
		}
		if (m->kind == AST_METHOD) {
			struct ast_node *fn = m->prop.value;
			if ((r = walk_fn(s, fn, is_static ? HOME_STATIC : HOME_PROTO)))
				break;
			make_strict(c, fn);
			fn->flags |= AST_F_NOCTOR; /* methods and accessors are not constructors */
			int flag = m->op == AST_METHOD_GET ? DEF_GET : m->op == AST_METHOD_SET ? DEF_SET : DEF_METHOD;
			struct ast_node *key;
			if (is_static)
				flag |= DEF_STATIC;
			if (m->prop.key->kind == AST_PRIVATE_NAME) {
				flag |= DEF_PRIVATE;
				key = lower_id(c, priv_key(s, m->prop.key->ident.name.s), m->pos);
				/* rt cannot name it from the hidden key: "#m", "get #m" */
				struct ast_node *nm =
				        ast_call(c->a, lower_rt(c, "setName", m->pos), m->pos, 2, fn,
				                 str(c, ast_sprintf(c->a, "#%s", m->prop.key->ident.name.s), m->pos));
				if (m->op == AST_METHOD_GET || m->op == AST_METHOD_SET)
					ast_list_push(c->a, &nm->call.args,
					              str(c, m->op == AST_METHOD_GET ? "get" : "set", m->pos));
				fn = nm;
			} else if (m->flags & AST_F_COMPUTED) {
				key = m->prop.key;
			} else if (m->prop.key->kind == AST_IDENT) {
				key = str(c, m->prop.key->ident.name.s, m->pos);
			} else {
				key = m->prop.key;
			}
			ast_list_push(c->a, &defs->list.items, ast_number(c->a, flag, m->pos));
			ast_list_push(c->a, &defs->list.items, key);
			ast_list_push(c->a, &defs->list.items, fn);
		} else if (m->kind == AST_FIELD && !is_static) {
			/* initialisers run as constructor code */
			c->fn = &ctor_f;
			s->home = HOME_PROTO;
			s->this_name = this_tmp;
			s->in_ctor = false;
			s->ctor_scope = false;
			s->name_hint = m->prop.key->kind == AST_IDENT && !(m->flags & AST_F_COMPUTED)
			                       ? m->prop.key->ident.name.s
			                       : NULL;
			if (m->prop.value)
				r = visit(&m->prop.value, s);
			c->fn = ctor_f.up;
			struct ast_node *v = m->prop.value ? m->prop.value : void0(c, m->pos);
			struct ast_node *obj =
			        this_tmp ? lower_id(c, this_tmp, m->pos) : ast_new(c->a, AST_THIS, m->pos);
			ast_list_push(c->a, &inits, ast_assign(c->a, field_target(s, obj, m, ktmp), v, m->pos));
		} else if (m->kind == AST_FIELD || m->kind == AST_STATIC_BLOCK) {
			if (!sfn) {
				sfn = ast_new(c->a, AST_FUNCTION_EXPR, pos);
				sfn->flags |= AST_F_SYNTHETIC;
				sfn->fn.body = ast_new(c->a, AST_BLOCK, pos);
				lower_fn_enter(c, &static_f, sfn);
				c->fn = static_f.up;
			}
			c->fn = &static_f;
			s->home = HOME_STATIC;
			s->this_name = NULL;
			s->in_ctor = false;
			s->ctor_scope = false;
			if (m->kind == AST_STATIC_BLOCK) {
				s->name_hint = NULL;
				m->kind = AST_BLOCK;
				r = lower_children(m, visit, s);
				ast_list_push(c->a, &sfn->fn.body->list.items, m);
			} else {
				s->name_hint = m->prop.key->kind == AST_IDENT && !(m->flags & AST_F_COMPUTED)
				                       ? m->prop.key->ident.name.s
				                       : NULL;
				if (m->prop.value)
					r = visit(&m->prop.value, s);
				ast_list_push(c->a, &sfn->fn.body->list.items, static_field(s, m, ktmp));
			}
			c->fn = static_f.up;
		}
	}
	if (r) {
		s->cls = ci.up;
		restore(s, &sv);
		c->fn = ctor_f.up;
		return r;
	}

	/* constructor body */
	c->fn = &ctor_f;
	s->home = HOME_PROTO;
	s->this_name = this_tmp;
	s->in_ctor = true;
	s->ctor_scope = true;
	s->name_hint = NULL;
	s->fields = &inits;
	s->fields_used = false;
	int outer_super_calls = s->super_calls;
	struct ast_node *outer_super_seq = s->super_seq;
	s->super_calls = 0;
	s->super_seq = NULL;
	struct ast_list *body = &ctor->fn.body->list.items;
	if (!ctor_m && derived) {
		struct ast_node *ret = ast_unary(c->a, AST_RETURN, AST_OP_NONE,
		                                 super_call(s, lower_id(c, "arguments", pos), pos), pos);
		ast_list_push(c->a, body, ret);
	} else {
		for (uint32_t i = 0; i < ctor->fn.params.len && !r; i++)
			r = visit(&ctor->fn.params.items[i], s);
		if (!r)
			r = visit(&ctor->fn.body, s);
	}
	s->fields = NULL;
	/* tsc assigns parameter properties right after super() and before
	 * the field initialisers: move their `_this.x = x` statements into
	 * the one super() sequence, after the call. */
	if (!r && derived && s->super_calls == 1 && s->super_seq) {
		uint32_t into = 1;
		for (uint32_t i = 0; i < body->len; i++) {
			struct ast_node *st = body->items[i];
			if (st->kind != AST_EXPR_STMT || !(st->flags & AST_F_TS_PARAM_PROP))
				continue;
			ast_list_insert(c->a, &s->super_seq->list.items, into++, st->unary.arg);
			ast_list_remove(body, i);
			i--;
		}
	}
	s->super_calls = outer_super_calls;
	s->super_seq = outer_super_seq;
	s->cls = ci.up;
	restore(s, &sv);
	if (r) {
		c->fn = ctor_f.up;
		return r;
	}
	uint32_t at = 0;
	while (at < body->len && body->items[at]->kind == AST_EXPR_STMT && (body->items[at]->flags & AST_F_DIRECTIVE))
		at++;
	/* if (!new.target) __cc.noNew(this, C, "C"); -- `new C` passes on
	 * new.target alone; a call without it is either super() (rt calls the
	 * parent as a function on the new instance) or a call without `new`,
	 * which rt tells apart by the prototype chain. Not `this instanceof C`:
	 * that would consult a static [Symbol.hasInstance] of the class. */
	struct ast_node *chk = ast_new(c->a, AST_IF, pos);
	struct ast_node *nt = ast_new(c->a, AST_META_PROPERTY, pos);
	nt->op = AST_META_NEW_TARGET;
	chk->cond.test = ast_unary(c->a, AST_UNARY, AST_OP_NOT, nt, pos);
	chk->cond.cons =
	        ast_expr_stmt(c->a, ast_call(c->a, lower_rt(c, "noNew", pos), pos, 3, ast_new(c->a, AST_THIS, pos),
	                                     lower_id(c, bind, pos), str(c, display, pos)));
	ast_list_insert(c->a, body, at++, chk);
	if (!derived) {
		/* tsc assigns parameter properties before field initialisers (key
		 * order and what an initialiser reading this.x sees). */
		while (at < body->len && body->items[at]->kind == AST_EXPR_STMT &&
		       (body->items[at]->flags & AST_F_TS_PARAM_PROP))
			at++;
		for (uint32_t i = 0; i < inits.len; i++)
			ast_list_insert(c->a, body, at++, ast_expr_stmt(c->a, inits.items[i]));
	} else if (body->len == 0 || body->items[body->len - 1]->kind != AST_RETURN) {
		/* dret throws node's ReferenceError if super() was never called */
		struct ast_node *v =
		        ast_call(c->a, lower_rt(c, "dret", pos), pos, 2, void0(c, pos), lower_id(c, this_tmp, pos));
		ast_list_push(c->a, body, ast_unary(c->a, AST_RETURN, AST_OP_NONE, v, pos));
	}
	lower_fn_leave(c, &ctor_f);
	make_strict(c, ctor);

	/* __cc.cls(ctor, defs[, name]) / __cc.ext(ctor, parent, defs[, name]) */
	struct ast_node *mk = ast_call(c->a, lower_rt(c, derived ? "ext" : "cls", pos), pos, 1, ctor);
	if (derived)
		ast_list_push(c->a, &mk->call.args, n->cls.super_class);
	ast_list_push(c->a, &mk->call.args, defs);
	if (strcmp(display, bind))
		ast_list_push(c->a, &mk->call.args, str(c, display, pos));

	struct ast_node *sinit = NULL;
	if (sfn) {
		lower_fn_leave(c, &static_f);
		make_strict(c, sfn);
		sinit = ast_call(c->a, ast_member_name(c->a, sfn, "call", pos), pos, 1, lower_id(c, bind, pos));
	}

	if (decl) {
		struct ast_node *v = ast_new(c->a, AST_VAR_DECL, pos);
		v->op = AST_VAR_VAR;
		v->var.decls = pre;
		struct ast_node *d = ast_new(c->a, AST_DECLARATOR, pos);
		d->declarator.id = n->cls.id;
		d->declarator.init = mk;
		ast_list_push(c->a, &v->var.decls, d);
		if (sinit) {
			d = ast_new(c->a, AST_DECLARATOR, pos);
			d->declarator.id = ast_tmp_name(c->prog, "_s", pos);
			d->declarator.init = sinit;
			ast_list_push(c->a, &v->var.decls, d);
		}
		*slot = v;
		return 0;
	}
	/* expression: (_p = .., C = __cc.cls(..), static init, C) */
	struct ast_node *q = seq2(c, pos);
	for (uint32_t i = 0; i < pre.len; i++) {
		struct ast_node *d = pre.items[i];
		struct ast_node *dd = ast_new(c->a, AST_DECLARATOR, pos);
		dd->declarator.id = lower_id(c, d->declarator.id->ident.name.s, pos);
		ast_list_push(c->a, &c->fn->decls, dd);
		ast_list_push(c->a, &q->list.items, ast_assign(c->a, d->declarator.id, d->declarator.init, pos));
	}
	struct ast_node *asg = ast_assign(c->a, lower_id(c, bind, pos), mk, pos);
	if (!sinit && !pre.len) {
		asg->flags |= AST_F_PARENS;
		*slot = asg;
		return 0;
	}
	ast_list_push(c->a, &q->list.items, asg);
	if (sinit)
		ast_list_push(c->a, &q->list.items, sinit);
	ast_list_push(c->a, &q->list.items, lower_id(c, bind, pos));
	*slot = q;
	return 0;
}

/* ---- the walk ---- */

static int visit_call(struct st *s, struct ast_node **slot)
{
	struct lower_ctx *c = s->c;
	struct ast_node *n = *slot;
	struct ast_node *callee = n->call.callee;
	int r;
	for (uint32_t i = 0; i < n->call.args.len; i++)
		if ((r = visit(&n->call.args.items[i], s)))
			return r;
	if (callee->kind == AST_SUPER) {
		if (!s->ctor_scope || !s->this_name || !s->cls)
			return ast_error(c->prog, n->pos, "'super' keyword unexpected here");
		struct ast_node *args = ast_new(c->a, AST_ARRAY, n->pos);
		args->list.items = n->call.args;
		*slot = super_call(s, args, n->pos);
		return 0;
	}
	if (is_super_member(callee)) {
		if ((r = check_super(s, callee)))
			return r;
		if ((callee->flags & AST_F_COMPUTED) && (r = visit(&callee->member.property, s)))
			return r;
		/* __cc.sget(home, key, this).call(this, args) */
		struct ast_node *get =
		        ast_call(c->a, lower_rt(c, "sget", callee->pos), callee->pos, 3, home_expr(s, callee->pos),
		                 member_key(c, callee), this_ref(s, callee->pos));
		n->call.callee = ast_member_name(c->a, get, "call", callee->pos);
		ast_list_insert(c->a, &n->call.args, 0, this_ref(s, n->pos));
		return 0;
	}
	if (is_private_member(callee)) {
		if ((r = visit(&callee->member.object, s)))
			return r;
		struct ast_node *m = private_member(s, callee, false);
		if (!m)
			return -EINVAL;
		n->call.callee = m;
		return 0;
	}
	return visit(&n->call.callee, s);
}

static int visit_assign(struct st *s, struct ast_node **slot)
{
	struct lower_ctx *c = s->c;
	struct ast_node *n = *slot;
	struct ast_node *t = n->kind == AST_ASSIGN ? n->binary.left : n->unary.arg;
	int r;
	if (is_super_member(t)) {
		if ((r = check_super(s, t)))
			return r;
		if (n->kind != AST_ASSIGN || n->op != AST_OP_ASSIGN)
			return ast_error(c->prog, n->pos, "compound assignment to a super property is not supported");
		if ((t->flags & AST_F_COMPUTED) && (r = visit(&t->member.property, s)))
			return r;
		if ((r = visit(&n->binary.right, s)))
			return r;
		*slot = ast_call(c->a, lower_rt(c, "sset", n->pos), n->pos, 4, home_expr(s, n->pos), member_key(c, t),
		                 n->binary.right, this_ref(s, n->pos));
		return 0;
	}
	if (is_private_member(t)) {
		if ((r = visit(&t->member.object, s)))
			return r;
		struct ast_node *m = private_member(s, t, true);
		if (!m)
			return -EINVAL;
		if (n->kind == AST_ASSIGN) {
			n->binary.left = m;
			return visit(&n->binary.right, s);
		}
		n->unary.arg = m;
		return 0;
	}
	return lower_children(n, visit, s);
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
	case AST_CLASS_DECL:
	case AST_CLASS_EXPR: r = lower_class(s, slot); break;
	case AST_FUNCTION_DECL:
	case AST_FUNCTION_EXPR: r = walk_fn(s, n, HOME_INVALID); break;
	case AST_ARROW: r = walk_fn(s, n, s->home); break;
	case AST_PROPERTY:
		/* object literal methods: super there needs a home object we do not build */
		if (n->flags & AST_F_METHOD || n->op != AST_PROP_INIT) {
			if ((n->flags & AST_F_COMPUTED) && (r = visit(&n->prop.key, s)))
				break;
			if (n->prop.value && ast_is_function(n->prop.value->kind)) {
				r = walk_fn(s, n->prop.value, HOME_INVALID);
				break;
			}
		}
		{
			const char *saved = s->name_hint;
			s->name_hint = !(n->flags & AST_F_COMPUTED) ? key_name(n->prop.key) : NULL;
			r = lower_children(n, visit, s);
			s->name_hint = saved;
		}
		break;
	case AST_DECLARATOR: {
		const char *saved = s->name_hint;
		if ((r = visit(&n->declarator.id, s)))
			break;
		s->name_hint = n->declarator.id->kind == AST_IDENT ? n->declarator.id->ident.name.s : NULL;
		if (n->declarator.init)
			r = visit(&n->declarator.init, s);
		s->name_hint = saved;
		break;
	}
	case AST_THIS:
		/* In a derived constructor (and its arrows) `this` is the object
		 * super() returned: until then a ReferenceError, as in node. */
		if (s->this_name) {
			*slot = ast_binary(c->a, AST_LOGICAL, AST_OP_OR, lower_id(c, s->this_name, n->pos),
			                   ast_call(c->a, lower_rt(c, "noThis", n->pos), n->pos, 0), n->pos);
			(*slot)->flags |= AST_F_PARENS;
		}
		break;
	case AST_META_PROPERTY:
		/* in a constructor entered through super(), new.target is undefined
		 * (rt calls the parent as a function): the instance's class is it */
		if (n->op == AST_META_NEW_TARGET && s->ctor_scope) {
			struct ast_node *alt =
			        ast_member_name(c->a, ast_new(c->a, AST_THIS, n->pos), "constructor", n->pos);
			struct ast_node *nt = ast_new(c->a, AST_META_PROPERTY, n->pos);
			nt->op = AST_META_NEW_TARGET;
			*slot = ast_binary(c->a, AST_LOGICAL, AST_OP_OR, nt, alt, n->pos);
			(*slot)->flags |= AST_F_PARENS;
		}
		break;
	case AST_RETURN:
		if (n->unary.arg && (r = visit(&n->unary.arg, s)))
			break;
		if (s->in_ctor && s->this_name) {
			/* `return;` reads _this as it is when the return runs: a
			 * finally block may still call super() (no check there) */
			if (!n->unary.arg)
				n->unary.arg = lower_id(c, s->this_name, n->pos);
			else
				n->unary.arg = ast_call(c->a, lower_rt(c, "dret", n->pos), n->pos, 2, n->unary.arg,
				                        lower_id(c, s->this_name, n->pos));
		}
		break;
	case AST_CALL: r = visit_call(s, slot); break;
	case AST_ASSIGN:
	case AST_UPDATE: r = visit_assign(s, slot); break;
	case AST_MEMBER:
		if (is_super_member(n)) {
			if ((r = check_super(s, n)))
				break;
			if ((n->flags & AST_F_COMPUTED) && (r = visit(&n->member.property, s)))
				break;
			*slot = ast_call(c->a, lower_rt(c, "sget", n->pos), n->pos, 3, home_expr(s, n->pos),
			                 member_key(c, n), this_ref(s, n->pos));
			break;
		}
		if (is_private_member(n)) {
			if ((r = visit(&n->member.object, s)))
				break;
			struct ast_node *m = private_member(s, n, false);
			if (!m)
				r = -EINVAL;
			else
				*slot = m;
			break;
		}
		r = lower_children(n, visit, s);
		break;
	case AST_BINARY:
		if (n->op == AST_OP_IN && n->binary.left->kind == AST_PRIVATE_NAME) {
			const char *name = n->binary.left->ident.name.s;
			const char *k = priv_key(s, name);
			if (!k) {
				r = ast_error(c->prog, n->pos,
				              "Private field '#%s' must be declared in an enclosing class", name);
				break;
			}
			if ((r = visit(&n->binary.right, s)))
				break;
			*slot = ast_call(c->a, lower_rt(c, "privIn", n->pos), n->pos, 3, lower_id(c, k, n->pos),
			                 n->binary.right, str(c, ast_sprintf(c->a, "#%s", name), n->pos));
			break;
		}
		r = lower_children(n, visit, s);
		break;
	default: {
		const char *saved = s->name_hint;
		if (n->kind != AST_ASSIGN_PATTERN && n->kind != AST_PAREN)
			s->name_hint = NULL;
		r = lower_children(n, visit, s);
		s->name_hint = saved;
		break;
	}
	}
	c->depth--;
	return r;
}

int lower_pass_class(struct lower_ctx *c)
{
	/* OBJECT_EXT: object literal methods may use super, which is rejected here */
	if (!(c->prog->features & (AST_FEAT_CLASS | AST_FEAT_PRIVATE | AST_FEAT_CLASS_FIELDS | AST_FEAT_OBJECT_EXT)))
		return 0;
	struct st s = {.c = c};
	struct lower_fn f;
	lower_fn_enter(c, &f, c->prog->root);
	int r = lower_children(c->prog->root, visit, &s);
	lower_fn_leave(c, &f);
	return r < 0 ? r : 0;
}
