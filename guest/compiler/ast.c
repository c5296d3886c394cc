/* ast: arena, node constructors, list helpers and traversal for the jsc tree. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"

struct ast_arena_chunk {
	struct ast_arena_chunk *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

struct ast_arena *ast_arena_create(size_t limit)
{
	struct ast_arena *a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	a->limit = limit ? limit : AST_ARENA_LIMIT;
	return a;
}

void ast_arena_destroy(struct ast_arena *a)
{
	if (!a)
		return;
	struct ast_arena_chunk *c = a->head;
	while (c) {
		struct ast_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	free(a);
}

static void *arena_fail(struct ast_arena *a)
{
	if (a->fail)
		longjmp(*a->fail, 1);
	return NULL;
}

void *ast_alloc(struct ast_arena *a, size_t size)
{
	size = (size + 7) & ~(size_t)7;
	if (size > a->limit || a->used > a->limit - size)
		return arena_fail(a);
	struct ast_arena_chunk *c = a->head;
	if (!c || c->size - c->used < size) {
		size_t csize = AST_ARENA_FIRST_CHUNK;
		if (c)
			csize = c->size >= AST_ARENA_CHUNK / 2 ? AST_ARENA_CHUNK : c->size * 2;
		if (size > csize)
			csize = size;
		c = malloc(sizeof(*c) + csize);
		if (!c)
			return arena_fail(a);
		c->size = csize;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	void *p = c->data + c->used;
	c->used += size;
	a->used += size;
	memset(p, 0, size);
	return p;
}

char *ast_strndup(struct ast_arena *a, const char *s, size_t len)
{
	char *p = ast_alloc(a, len + 1);
	if (!p)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *ast_sprintf(struct ast_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = ast_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

int ast_error(struct ast_program *prog, struct ast_pos pos, const char *fmt, ...)
{
	if (prog->error.set)
		return -EINVAL;
	prog->error.set = true;
	prog->error.pos = pos;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(prog->error.msg, sizeof(prog->error.msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

struct ast_node *ast_new(struct ast_arena *a, enum ast_kind kind, struct ast_pos pos)
{
	struct ast_node *n = ast_alloc(a, sizeof(*n));
	if (!n)
		return NULL;
	n->kind = (uint16_t)kind;
	n->pos = pos;
	return n;
}

struct ast_node *ast_ident_n(struct ast_arena *a, const char *name, size_t len, struct ast_pos pos)
{
	struct ast_node *n = ast_new(a, AST_IDENT, pos);
	if (!n)
		return NULL;
	n->ident.name.s = ast_strndup(a, name, len);
	n->ident.name.len = (uint32_t)len;
	return n;
}

struct ast_node *ast_ident(struct ast_arena *a, const char *name, struct ast_pos pos)
{
	return ast_ident_n(a, name, strlen(name), pos);
}

struct ast_node *ast_string(struct ast_arena *a, const char *s, size_t len, struct ast_pos pos)
{
	struct ast_node *n = ast_new(a, AST_STRING, pos);
	if (!n)
		return NULL;
	n->string.value.s = ast_strndup(a, s, len);
	n->string.value.len = (uint32_t)len;
	return n;
}

struct ast_node *ast_number(struct ast_arena *a, double v, struct ast_pos pos)
{
	struct ast_node *n = ast_new(a, AST_NUMBER, pos);
	if (n)
		n->number.value = v;
	return n;
}

struct ast_node *ast_raw(struct ast_arena *a, const char *text, struct ast_pos pos)
{
	struct ast_node *n = ast_new(a, AST_RAW, pos);
	if (!n)
		return NULL;
	n->raw.text.len = (uint32_t)strlen(text);
	n->raw.text.s = ast_strndup(a, text, n->raw.text.len);
	n->flags |= AST_F_SYNTHETIC;
	return n;
}

struct ast_node *ast_unary(struct ast_arena *a, enum ast_kind kind, enum ast_op op, struct ast_node *arg,
                           struct ast_pos pos)
{
	struct ast_node *n = ast_new(a, kind, pos);
	if (!n)
		return NULL;
	n->op = (uint16_t)op;
	n->unary.arg = arg;
	return n;
}

struct ast_node *ast_binary(struct ast_arena *a, enum ast_kind kind, enum ast_op op, struct ast_node *l,
                            struct ast_node *r, struct ast_pos pos)
{
	struct ast_node *n = ast_new(a, kind, pos);
	if (!n)
		return NULL;
	n->op = (uint16_t)op;
	n->binary.left = l;
	n->binary.right = r;
	return n;
}

struct ast_node *ast_conditional(struct ast_arena *a, struct ast_node *test, struct ast_node *cons,
                                 struct ast_node *alt, struct ast_pos pos)
{
	struct ast_node *n = ast_new(a, AST_CONDITIONAL, pos);
	if (!n)
		return NULL;
	n->cond.test = test;
	n->cond.cons = cons;
	n->cond.alt = alt;
	return n;
}

struct ast_node *ast_assign(struct ast_arena *a, struct ast_node *target, struct ast_node *value, struct ast_pos pos)
{
	return ast_binary(a, AST_ASSIGN, AST_OP_ASSIGN, target, value, pos);
}

struct ast_node *ast_member_name(struct ast_arena *a, struct ast_node *obj, const char *name, struct ast_pos pos)
{
	struct ast_node *n = ast_new(a, AST_MEMBER, pos);
	if (!n)
		return NULL;
	n->member.object = obj;
	n->member.property = ast_ident(a, name, pos);
	return n;
}

struct ast_node *ast_member_computed(struct ast_arena *a, struct ast_node *obj, struct ast_node *prop,
                                     struct ast_pos pos)
{
	struct ast_node *n = ast_new(a, AST_MEMBER, pos);
	if (!n)
		return NULL;
	n->flags |= AST_F_COMPUTED;
	n->member.object = obj;
	n->member.property = prop;
	return n;
}

struct ast_node *ast_call(struct ast_arena *a, struct ast_node *callee, struct ast_pos pos, int nargs, ...)
{
	struct ast_node *n = ast_new(a, AST_CALL, pos);
	if (!n)
		return NULL;
	n->call.callee = callee;
	va_list ap;
	va_start(ap, nargs);
	for (int i = 0; i < nargs; i++)
		ast_list_push(a, &n->call.args, va_arg(ap, struct ast_node *));
	va_end(ap);
	return n;
}

struct ast_node *ast_expr_stmt(struct ast_arena *a, struct ast_node *expr)
{
	return ast_unary(a, AST_EXPR_STMT, AST_OP_NONE, expr, expr->pos);
}

struct ast_node *ast_var1(struct ast_arena *a, enum ast_op kind, struct ast_node *id, struct ast_node *init,
                          struct ast_pos pos)
{
	struct ast_node *v = ast_new(a, AST_VAR_DECL, pos);
	struct ast_node *d = ast_new(a, AST_DECLARATOR, pos);
	if (!v || !d)
		return NULL;
	v->op = (uint16_t)kind;
	d->declarator.id = id;
	d->declarator.init = init;
	ast_list_push(a, &v->var.decls, d);
	return v;
}

struct ast_node *ast_tmp_name(struct ast_program *prog, const char *prefix, struct ast_pos pos)
{
	/* Names starting with "__jsc" are reserved for the compiler (documented
	 * in the README); the counter keeps them unique within one compile. */
	char *name = ast_sprintf(prog->arena, "__jsc%s%u", prefix, prog->tmp_counter++);
	if (!name)
		return NULL;
	struct ast_node *n = ast_new(prog->arena, AST_IDENT, pos);
	if (!n)
		return NULL;
	n->ident.name.s = name;
	n->ident.name.len = (uint32_t)strlen(name);
	n->flags |= AST_F_SYNTHETIC;
	return n;
}

static int list_grow(struct ast_arena *a, struct ast_list *l, uint32_t need)
{
	if (need <= l->cap)
		return 0;
	uint32_t cap = l->cap ? l->cap * 2 : 4;
	while (cap < need)
		cap *= 2;
	struct ast_node **items = ast_alloc(a, cap * sizeof(*items));
	if (!items)
		return -ENOMEM;
	if (l->len)
		memcpy(items, l->items, l->len * sizeof(*items));
	l->items = items;
	l->cap = cap;
	return 0;
}

void ast_list_push(struct ast_arena *a, struct ast_list *l, struct ast_node *n)
{
	if (list_grow(a, l, l->len + 1) < 0)
		return;
	l->items[l->len++] = n;
}

void ast_list_insert(struct ast_arena *a, struct ast_list *l, uint32_t i, struct ast_node *n)
{
	if (i > l->len)
		i = l->len;
	if (list_grow(a, l, l->len + 1) < 0)
		return;
	memmove(&l->items[i + 1], &l->items[i], (l->len - i) * sizeof(*l->items));
	l->items[i] = n;
	l->len++;
}

void ast_list_splice(struct ast_arena *a, struct ast_list *l, uint32_t i, const struct ast_list *src)
{
	if (i >= l->len)
		return;
	uint32_t n = src->len;
	if (n == 0) {
		ast_list_remove(l, i);
		return;
	}
	if (list_grow(a, l, l->len + n - 1) < 0)
		return;
	memmove(&l->items[i + n], &l->items[i + 1], (l->len - i - 1) * sizeof(*l->items));
	memcpy(&l->items[i], src->items, n * sizeof(*l->items));
	l->len += n - 1;
}

void ast_list_remove(struct ast_list *l, uint32_t i)
{
	if (i >= l->len)
		return;
	memmove(&l->items[i], &l->items[i + 1], (l->len - i - 1) * sizeof(*l->items));
	l->len--;
}

#define SLOT(p)                                                                                                        \
	do {                                                                                                           \
		if (p) {                                                                                               \
			int r_ = fn(&(p), ctx);                                                                        \
			if (r_)                                                                                        \
				return r_;                                                                             \
		}                                                                                                      \
	} while (0)
#define LIST(l)                                                                                                        \
	do {                                                                                                           \
		for (uint32_t i_ = 0; i_ < (l).len; i_++) {                                                            \
			int r_ = fn(&(l).items[i_], ctx);                                                              \
			if (r_)                                                                                        \
				return r_;                                                                             \
		}                                                                                                      \
	} while (0)

int ast_for_each_child(struct ast_node *n, ast_child_fn fn, void *ctx)
{
	if (!n)
		return 0;
	switch ((enum ast_kind)n->kind) {
	case AST_PROGRAM: LIST(n->program.body); break;
	case AST_BLOCK:
	case AST_ARRAY:
	case AST_OBJECT:
	case AST_SEQUENCE:
	case AST_OBJECT_PATTERN:
	case AST_ARRAY_PATTERN:
	case AST_STATIC_BLOCK: LIST(n->list.items); break;
	case AST_EXPR_STMT:
	case AST_RETURN:
	case AST_THROW:
	case AST_SPREAD:
	case AST_UNARY:
	case AST_UPDATE:
	case AST_CHAIN:
	case AST_YIELD:
	case AST_AWAIT:
	case AST_IMPORT_CALL:
	case AST_PAREN:
	case AST_REST: SLOT(n->unary.arg); break;
	case AST_VAR_DECL: LIST(n->var.decls); break;
	case AST_DECLARATOR:
		SLOT(n->declarator.id);
		SLOT(n->declarator.init);
		break;
	case AST_FUNCTION_DECL:
	case AST_FUNCTION_EXPR:
	case AST_ARROW:
		SLOT(n->fn.id);
		LIST(n->fn.params);
		SLOT(n->fn.body);
		break;
	case AST_CLASS_DECL:
	case AST_CLASS_EXPR:
		SLOT(n->cls.id);
		SLOT(n->cls.super_class);
		LIST(n->cls.body);
		break;
	case AST_IF:
	case AST_CONDITIONAL:
		SLOT(n->cond.test);
		SLOT(n->cond.cons);
		SLOT(n->cond.alt);
		break;
	case AST_FOR:
		SLOT(n->for_.init);
		SLOT(n->for_.test);
		SLOT(n->for_.update);
		SLOT(n->for_.body);
		break;
	case AST_FOR_IN:
	case AST_FOR_OF:
		SLOT(n->for_in.left);
		SLOT(n->for_in.right);
		SLOT(n->for_in.body);
		break;
	case AST_WHILE:
		SLOT(n->loop.test);
		SLOT(n->loop.body);
		break;
	case AST_DO_WHILE:
		SLOT(n->loop.body);
		SLOT(n->loop.test);
		break;
	case AST_BREAK:
	case AST_CONTINUE: SLOT(n->jump.label); break;
	case AST_TRY:
		SLOT(n->try_.block);
		SLOT(n->try_.handler);
		SLOT(n->try_.finalizer);
		break;
	case AST_CATCH:
		SLOT(n->catch_.param);
		SLOT(n->catch_.body);
		break;
	case AST_SWITCH:
		SLOT(n->switch_.disc);
		LIST(n->switch_.cases);
		break;
	case AST_CASE:
		SLOT(n->case_.test);
		LIST(n->case_.body);
		break;
	case AST_LABELED:
		SLOT(n->labeled.label);
		SLOT(n->labeled.body);
		break;
	case AST_WITH:
		SLOT(n->with.object);
		SLOT(n->with.body);
		break;
	case AST_IMPORT_DECL:
		LIST(n->import.specifiers);
		SLOT(n->import.source);
		break;
	case AST_IMPORT_SPECIFIER:
	case AST_IMPORT_DEFAULT:
	case AST_IMPORT_NAMESPACE:
	case AST_EXPORT_SPECIFIER:
		SLOT(n->spec.local);
		SLOT(n->spec.other);
		break;
	case AST_EXPORT_NAMED:
	case AST_EXPORT_DEFAULT:
	case AST_EXPORT_ALL:
		SLOT(n->export_.decl);
		LIST(n->export_.specifiers);
		SLOT(n->export_.source);
		break;
	case AST_TEMPLATE:
		/* source order: quasi0 expr0 quasi1 ... */
		for (uint32_t i = 0; i < n->tmpl.quasis.len; i++) {
			int r = fn(&n->tmpl.quasis.items[i], ctx);
			if (r)
				return r;
			if (i < n->tmpl.exprs.len) {
				r = fn(&n->tmpl.exprs.items[i], ctx);
				if (r)
					return r;
			}
		}
		break;
	case AST_TAGGED_TEMPLATE:
		SLOT(n->tagged.tag);
		SLOT(n->tagged.quasi);
		break;
	case AST_PROPERTY:
	case AST_METHOD:
	case AST_FIELD:
		SLOT(n->prop.key);
		SLOT(n->prop.value);
		break;
	case AST_BINARY:
	case AST_LOGICAL:
	case AST_ASSIGN:
	case AST_ASSIGN_PATTERN:
		SLOT(n->binary.left);
		SLOT(n->binary.right);
		break;
	case AST_CALL:
	case AST_NEW:
		SLOT(n->call.callee);
		LIST(n->call.args);
		break;
	case AST_MEMBER:
		SLOT(n->member.object);
		SLOT(n->member.property);
		break;
	default: break; /* leaves */
	}
	return 0;
}

static void list_clone(struct ast_arena *a, struct ast_list *dst, const struct ast_list *src)
{
	memset(dst, 0, sizeof(*dst));
	for (uint32_t i = 0; i < src->len; i++)
		ast_list_push(a, dst, ast_clone(a, src->items[i]));
}

static int clone_child(struct ast_node **slot, void *ctx)
{
	*slot = ast_clone(ctx, *slot);
	return 0;
}

struct ast_node *ast_clone(struct ast_arena *a, const struct ast_node *n)
{
	if (!n)
		return NULL;
	struct ast_node *c = ast_alloc(a, sizeof(*c));
	if (!c)
		return NULL;
	*c = *n;
	c->aux = NULL;
	/* Lists must get fresh arrays before children are cloned into them,
	 * otherwise the copy would share (and overwrite) the original's. */
	switch ((enum ast_kind)c->kind) {
	case AST_PROGRAM: list_clone(a, &c->program.body, &n->program.body); return c;
	case AST_BLOCK:
	case AST_ARRAY:
	case AST_OBJECT:
	case AST_SEQUENCE:
	case AST_OBJECT_PATTERN:
	case AST_ARRAY_PATTERN:
	case AST_STATIC_BLOCK: list_clone(a, &c->list.items, &n->list.items); return c;
	case AST_VAR_DECL: list_clone(a, &c->var.decls, &n->var.decls); return c;
	case AST_FUNCTION_DECL:
	case AST_FUNCTION_EXPR:
	case AST_ARROW:
		c->fn.id = ast_clone(a, n->fn.id);
		list_clone(a, &c->fn.params, &n->fn.params);
		c->fn.body = ast_clone(a, n->fn.body);
		return c;
	case AST_CLASS_DECL:
	case AST_CLASS_EXPR:
		c->cls.id = ast_clone(a, n->cls.id);
		c->cls.super_class = ast_clone(a, n->cls.super_class);
		list_clone(a, &c->cls.body, &n->cls.body);
		return c;
	case AST_SWITCH:
		c->switch_.disc = ast_clone(a, n->switch_.disc);
		list_clone(a, &c->switch_.cases, &n->switch_.cases);
		return c;
	case AST_CASE:
		c->case_.test = ast_clone(a, n->case_.test);
		list_clone(a, &c->case_.body, &n->case_.body);
		return c;
	case AST_IMPORT_DECL:
		list_clone(a, &c->import.specifiers, &n->import.specifiers);
		c->import.source = ast_clone(a, n->import.source);
		return c;
	case AST_EXPORT_NAMED:
	case AST_EXPORT_DEFAULT:
	case AST_EXPORT_ALL:
		c->export_.decl = ast_clone(a, n->export_.decl);
		list_clone(a, &c->export_.specifiers, &n->export_.specifiers);
		c->export_.source = ast_clone(a, n->export_.source);
		return c;
	case AST_TEMPLATE:
		list_clone(a, &c->tmpl.quasis, &n->tmpl.quasis);
		list_clone(a, &c->tmpl.exprs, &n->tmpl.exprs);
		return c;
	case AST_CALL:
	case AST_NEW:
		c->call.callee = ast_clone(a, n->call.callee);
		list_clone(a, &c->call.args, &n->call.args);
		return c;
	default:
		/* Only pointer children remain: clone each slot. Strings are
		 * immutable arena data and may be shared. */
		ast_for_each_child(c, clone_child, a);
		return c;
	}
}

static const char *const kind_names[AST_KIND_COUNT] = {
        [AST_INVALID] = "Invalid",
        [AST_PROGRAM] = "Program",
        [AST_EMPTY] = "EmptyStatement",
        [AST_EXPR_STMT] = "ExpressionStatement",
        [AST_BLOCK] = "BlockStatement",
        [AST_VAR_DECL] = "VariableDeclaration",
        [AST_DECLARATOR] = "VariableDeclarator",
        [AST_FUNCTION_DECL] = "FunctionDeclaration",
        [AST_CLASS_DECL] = "ClassDeclaration",
        [AST_IF] = "IfStatement",
        [AST_FOR] = "ForStatement",
        [AST_FOR_IN] = "ForInStatement",
        [AST_FOR_OF] = "ForOfStatement",
        [AST_WHILE] = "WhileStatement",
        [AST_DO_WHILE] = "DoWhileStatement",
        [AST_RETURN] = "ReturnStatement",
        [AST_BREAK] = "BreakStatement",
        [AST_CONTINUE] = "ContinueStatement",
        [AST_THROW] = "ThrowStatement",
        [AST_TRY] = "TryStatement",
        [AST_CATCH] = "CatchClause",
        [AST_SWITCH] = "SwitchStatement",
        [AST_CASE] = "SwitchCase",
        [AST_LABELED] = "LabeledStatement",
        [AST_DEBUGGER] = "DebuggerStatement",
        [AST_WITH] = "WithStatement",
        [AST_IMPORT_DECL] = "ImportDeclaration",
        [AST_IMPORT_SPECIFIER] = "ImportSpecifier",
        [AST_IMPORT_DEFAULT] = "ImportDefaultSpecifier",
        [AST_IMPORT_NAMESPACE] = "ImportNamespaceSpecifier",
        [AST_EXPORT_NAMED] = "ExportNamedDeclaration",
        [AST_EXPORT_DEFAULT] = "ExportDefaultDeclaration",
        [AST_EXPORT_ALL] = "ExportAllDeclaration",
        [AST_EXPORT_SPECIFIER] = "ExportSpecifier",
        [AST_IDENT] = "Identifier",
        [AST_PRIVATE_NAME] = "PrivateIdentifier",
        [AST_NUMBER] = "NumericLiteral",
        [AST_STRING] = "StringLiteral",
        [AST_TEMPLATE] = "TemplateLiteral",
        [AST_TEMPLATE_ELEMENT] = "TemplateElement",
        [AST_TAGGED_TEMPLATE] = "TaggedTemplateExpression",
        [AST_REGEXP] = "RegExpLiteral",
        [AST_NULL] = "NullLiteral",
        [AST_TRUE] = "BooleanLiteral(true)",
        [AST_FALSE] = "BooleanLiteral(false)",
        [AST_THIS] = "ThisExpression",
        [AST_SUPER] = "Super",
        [AST_ARRAY] = "ArrayExpression",
        [AST_OBJECT] = "ObjectExpression",
        [AST_PROPERTY] = "Property",
        [AST_SPREAD] = "SpreadElement",
        [AST_HOLE] = "Hole",
        [AST_FUNCTION_EXPR] = "FunctionExpression",
        [AST_ARROW] = "ArrowFunctionExpression",
        [AST_CLASS_EXPR] = "ClassExpression",
        [AST_UNARY] = "UnaryExpression",
        [AST_UPDATE] = "UpdateExpression",
        [AST_BINARY] = "BinaryExpression",
        [AST_LOGICAL] = "LogicalExpression",
        [AST_ASSIGN] = "AssignmentExpression",
        [AST_CONDITIONAL] = "ConditionalExpression",
        [AST_CALL] = "CallExpression",
        [AST_NEW] = "NewExpression",
        [AST_MEMBER] = "MemberExpression",
        [AST_CHAIN] = "ChainExpression",
        [AST_SEQUENCE] = "SequenceExpression",
        [AST_YIELD] = "YieldExpression",
        [AST_AWAIT] = "AwaitExpression",
        [AST_META_PROPERTY] = "MetaProperty",
        [AST_IMPORT_CALL] = "ImportExpression",
        [AST_PAREN] = "ParenthesizedExpression",
        [AST_RAW] = "Raw",
        [AST_OBJECT_PATTERN] = "ObjectPattern",
        [AST_ARRAY_PATTERN] = "ArrayPattern",
        [AST_ASSIGN_PATTERN] = "AssignmentPattern",
        [AST_REST] = "RestElement",
        [AST_METHOD] = "MethodDefinition",
        [AST_FIELD] = "PropertyDefinition",
        [AST_STATIC_BLOCK] = "StaticBlock",
};

const char *ast_kind_name(enum ast_kind kind)
{
	if ((unsigned)kind >= AST_KIND_COUNT || !kind_names[kind])
		return "?";
	return kind_names[kind];
}

static const char *const op_texts[AST_OP_COUNT] = {
        [AST_OP_NONE] = "",
        [AST_OP_NEG] = "-",
        [AST_OP_POS] = "+",
        [AST_OP_NOT] = "!",
        [AST_OP_BITNOT] = "~",
        [AST_OP_TYPEOF] = "typeof",
        [AST_OP_VOID] = "void",
        [AST_OP_DELETE] = "delete",
        [AST_OP_INC] = "++",
        [AST_OP_DEC] = "--",
        [AST_OP_ADD] = "+",
        [AST_OP_SUB] = "-",
        [AST_OP_MUL] = "*",
        [AST_OP_DIV] = "/",
        [AST_OP_MOD] = "%",
        [AST_OP_EXP] = "**",
        [AST_OP_SHL] = "<<",
        [AST_OP_SHR] = ">>",
        [AST_OP_USHR] = ">>>",
        [AST_OP_BITAND] = "&",
        [AST_OP_BITOR] = "|",
        [AST_OP_BITXOR] = "^",
        [AST_OP_EQ] = "==",
        [AST_OP_NE] = "!=",
        [AST_OP_SEQ] = "===",
        [AST_OP_SNE] = "!==",
        [AST_OP_LT] = "<",
        [AST_OP_LE] = "<=",
        [AST_OP_GT] = ">",
        [AST_OP_GE] = ">=",
        [AST_OP_IN] = "in",
        [AST_OP_INSTANCEOF] = "instanceof",
        [AST_OP_AND] = "&&",
        [AST_OP_OR] = "||",
        [AST_OP_NULLISH] = "??",
        [AST_OP_ASSIGN] = "=",
        [AST_OP_ADD_ASSIGN] = "+=",
        [AST_OP_SUB_ASSIGN] = "-=",
        [AST_OP_MUL_ASSIGN] = "*=",
        [AST_OP_DIV_ASSIGN] = "/=",
        [AST_OP_MOD_ASSIGN] = "%=",
        [AST_OP_EXP_ASSIGN] = "**=",
        [AST_OP_SHL_ASSIGN] = "<<=",
        [AST_OP_SHR_ASSIGN] = ">>=",
        [AST_OP_USHR_ASSIGN] = ">>>=",
        [AST_OP_BITAND_ASSIGN] = "&=",
        [AST_OP_BITOR_ASSIGN] = "|=",
        [AST_OP_BITXOR_ASSIGN] = "^=",
        [AST_OP_AND_ASSIGN] = "&&=",
        [AST_OP_OR_ASSIGN] = "||=",
        [AST_OP_NULLISH_ASSIGN] = "?\?=",
        [AST_VAR_VAR] = "var",
        [AST_VAR_LET] = "let",
        [AST_VAR_CONST] = "const",
        [AST_PROP_INIT] = "",
        [AST_PROP_GET] = "get",
        [AST_PROP_SET] = "set",
        [AST_METHOD_METHOD] = "",
        [AST_METHOD_GET] = "get",
        [AST_METHOD_SET] = "set",
        [AST_METHOD_CONSTRUCTOR] = "constructor",
        [AST_META_NEW_TARGET] = "new.target",
        [AST_META_IMPORT_META] = "import.meta",
};

const char *ast_op_text(enum ast_op op)
{
	if ((unsigned)op >= AST_OP_COUNT || !op_texts[op])
		return "";
	return op_texts[op];
}

bool ast_is_statement(enum ast_kind kind)
{
	return (kind >= AST_EMPTY && kind <= AST_EXPORT_SPECIFIER) && kind != AST_DECLARATOR && kind != AST_CATCH &&
	       kind != AST_CASE;
}

bool ast_is_function(enum ast_kind kind)
{
	return kind == AST_FUNCTION_DECL || kind == AST_FUNCTION_EXPR || kind == AST_ARROW;
}
