/* ast: the syntax tree shared by the jsc parser, lowering passes and printer,
 * allocated from one arena per compile and freed at once.
 * Runs in: guest (compiler). Input: nodes built from untrusted source.
 *
 * Conventions every pass relies on:
 *  - One node type (struct ast_node) for everything; `kind` selects which
 *    union view is valid (each kind below names its view). Passes rewrite in
 *    place: change `kind` and fill the view, or replace the pointer in the
 *    parent's slot (see ast_for_each_child, which hands out slots).
 *  - Lists are arena-backed arrays of non-NULL node pointers; array holes are
 *    AST_HOLE nodes, never NULL entries.
 *  - Optional children are NULL pointers (documented per kind).
 *  - Strings are arena copies, NUL-terminated, with explicit length. String
 *    and template values are WTF-8 (UTF-8 that may hold lone surrogates
 *    U+D800..U+DFFF encoded as 3 bytes), so every JS string round-trips.
 *  - Positions: line 1-based, column 1-based in UTF-16 units (as V8 reports
 *    them), offset = byte offset into the source. Synthesised nodes copy the
 *    position of the node they replace, so the line map stays meaningful.
 *  - Allocation never returns NULL to callers inside a compile: when the
 *    arena limit is hit, ast_alloc longjmps to arena->fail (set by the
 *    driver around parse+lower+print). Without fail set, it returns NULL.
 */
#pragma once

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Arena ceiling for one compile. The AST of a program is roughly 10-20x its
 * source size; AST_ARENA_LIMIT bounds a hostile program at 64 MiB, well under
 * the guest heap, while JSC_MAX_SOURCE (1 MiB) programs fit with margin. */
#define AST_ARENA_LIMIT (64u << 20)
/* Chunk sizes: the first is small, each next one twice the last, up to
 * AST_ARENA_CHUNK: a code-mode program of a few hundred bytes needs one
 * small chunk, a 10 KB one a handful. A template's run child starts with
 * the room left on its one huge page of heap (guest/heapown.h); a 256 KiB
 * first chunk for a 20-byte program would take a second one. */
#define AST_ARENA_FIRST_CHUNK (16u << 10)
#define AST_ARENA_CHUNK       (256u << 10)

/* Nesting bound enforced by the parser: every recursive parse step and every
 * iteration that wraps a node in a new parent (a.b.c, a+b+c) counts, so no
 * tree is taller than about 2 * AST_MAX_DEPTH nodes and passes may recurse
 * on the tree. 512 is far above what real programs nest (< 50) and keeps
 * the parser, passes and printer within ~1 MiB of C stack together. Deeper
 * input is a SyntaxError "nesting too deep". */
#define AST_MAX_DEPTH 512

struct ast_arena {
	struct ast_arena_chunk *head; /* newest chunk first */
	size_t used;                  /* bytes handed out, for the limit */
	size_t limit;
	jmp_buf *fail; /* if set, allocation failure longjmps here with value 1 */
};

/* Creates an empty arena with the given byte limit (0 = AST_ARENA_LIMIT).
 * Returns NULL on ENOMEM. Free with ast_arena_destroy (NULL is fine). */
struct ast_arena *ast_arena_create(size_t limit);
void ast_arena_destroy(struct ast_arena *a);
/* Zeroed, 8-byte aligned memory that lives until ast_arena_destroy. */
void *ast_alloc(struct ast_arena *a, size_t size);
/* NUL-terminated arena copy of s[0..len). */
char *ast_strndup(struct ast_arena *a, const char *s, size_t len);
/* printf into the arena. */
char *ast_sprintf(struct ast_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct ast_pos {
	uint32_t offset; /* byte offset into the source */
	uint32_t line;   /* 1-based */
	uint32_t column; /* 1-based, UTF-16 units */
};

struct ast_str {
	const char *s; /* NUL-terminated arena string; NULL only where documented */
	uint32_t len;
};

struct ast_node;

struct ast_list {
	struct ast_node **items;
	uint32_t len, cap;
};

enum ast_kind {
	AST_INVALID = 0,

	/* --- program --- */
	AST_PROGRAM, /* program: body; flags AST_F_MODULE, AST_F_STRICT */

	/* --- statements --- */
	AST_EMPTY,         /* (no view) `;` */
	AST_EXPR_STMT,     /* unary.arg = expression; AST_F_DIRECTIVE for "use strict" etc. */
	AST_BLOCK,         /* list.items = statements */
	AST_VAR_DECL,      /* var: op = AST_VAR_VAR/LET/CONST, decls = AST_DECLARATOR */
	AST_DECLARATOR,    /* declarator: id = pattern, init = expr or NULL */
	AST_FUNCTION_DECL, /* fn (see AST_FUNCTION_EXPR) */
	AST_CLASS_DECL,    /* cls */
	AST_IF,            /* cond: test, cons, alt (alt may be NULL) */
	AST_FOR,           /* for_: init (VAR_DECL or expr or NULL), test, update (NULL ok), body */
	AST_FOR_IN,        /* for_in: left (VAR_DECL with one declarator, or pattern/expr), right, body */
	AST_FOR_OF,        /* for_in view; AST_F_AWAIT for `for await` */
	AST_WHILE,         /* loop: test, body */
	AST_DO_WHILE,      /* loop: test, body */
	AST_RETURN,        /* unary.arg = expr or NULL */
	AST_BREAK,         /* jump.label = IDENT or NULL */
	AST_CONTINUE,      /* jump.label = IDENT or NULL */
	AST_THROW,         /* unary.arg */
	AST_TRY,           /* try_: block (BLOCK), handler (CATCH or NULL), finalizer (BLOCK or NULL) */
	AST_CATCH,         /* catch_: param = pattern or NULL (optional binding), body = BLOCK */
	AST_SWITCH,        /* switch_: disc, cases = AST_CASE */
	AST_CASE,          /* case_: test (NULL = default), body = statements */
	AST_LABELED,       /* labeled: label = IDENT, body = statement */
	AST_DEBUGGER,      /* (no view) */
	AST_WITH,          /* with: object, body */

	/* --- modules (only type-free, sandbox-legal shapes survive parsing) --- */
	AST_IMPORT_DECL,      /* import: specifiers, source = STRING */
	AST_IMPORT_SPECIFIER, /* spec: local = IDENT, other = imported name (IDENT/STRING) */
	AST_IMPORT_DEFAULT,   /* spec: local = IDENT, other = NULL */
	AST_IMPORT_NAMESPACE, /* spec: local = IDENT, other = NULL */
	AST_EXPORT_NAMED,     /* export_: decl (declaration or NULL), specifiers, source (STRING or NULL) */
	AST_EXPORT_DEFAULT,   /* export_: decl = expression, FUNCTION_DECL or CLASS_DECL (id may be NULL) */
	AST_EXPORT_ALL,       /* export_: source; specifiers may hold one EXPORT_SPECIFIER (`* as ns`) */
	AST_EXPORT_SPECIFIER, /* spec: local = IDENT, other = exported name (IDENT/STRING) */

	/* --- expressions --- */
	AST_IDENT,            /* ident.name */
	AST_PRIVATE_NAME,     /* ident.name without the '#' (as MEMBER property, class key, `#x in o`) */
	AST_NUMBER,           /* number.value */
	AST_STRING,           /* string.value (WTF-8) */
	AST_TEMPLATE,         /* tmpl: quasis (TEMPLATE_ELEMENT, len = exprs.len + 1), exprs */
	AST_TEMPLATE_ELEMENT, /* quasi: cooked (s NULL if invalid escape, tagged only), raw */
	AST_TAGGED_TEMPLATE,  /* tagged: tag, quasi = TEMPLATE */
	AST_REGEXP,           /* regexp: pattern (source text between slashes), flags */
	AST_NULL,             /* (no view) */
	AST_TRUE,             /* (no view) */
	AST_FALSE,            /* (no view) */
	AST_THIS,             /* (no view) */
	AST_SUPER,            /* (no view); only as callee of CALL or object of MEMBER */
	AST_ARRAY,            /* list.items: expressions, SPREAD, HOLE */
	AST_OBJECT,           /* list.items: PROPERTY, SPREAD */
	AST_PROPERTY,         /* prop: key, value; op = AST_PROP_INIT/GET/SET; flags COMPUTED,
	                    * SHORTHAND, METHOD. In OBJECT_PATTERN: value is the target
	                    * pattern (ASSIGN_PATTERN for defaults). Non-computed keys are
	                    * IDENT, STRING or NUMBER. */
	AST_SPREAD,           /* unary.arg; in ARRAY, OBJECT, CALL/NEW args */
	AST_HOLE,             /* (no view) elision in ARRAY / ARRAY_PATTERN */
	AST_FUNCTION_EXPR,    /* fn: id (IDENT or NULL), params (patterns), body = BLOCK;
	                    * flags ASYNC, GENERATOR, STRICT (body is strict) */
	AST_ARROW,            /* fn: id NULL; body = BLOCK, or an expression with AST_F_EXPR_BODY */
	AST_CLASS_EXPR,       /* cls */
	AST_UNARY,            /* unary.arg; op = AST_OP_NEG, NOT, ... */
	AST_UPDATE,           /* unary.arg; op = AST_OP_INC/DEC; AST_F_PREFIX */
	AST_BINARY,           /* binary: left, right; op arithmetic/relational/bitwise/in/instanceof */
	AST_LOGICAL,          /* binary; op = AST_OP_AND/OR/NULLISH */
	AST_ASSIGN,           /* binary: left = target (expr or pattern), right; op = AST_OP_ASSIGN... */
	AST_CONDITIONAL,      /* cond: test, cons, alt */
	AST_CALL,             /* call: callee, args; AST_F_OPTIONAL for `f?.()` */
	AST_NEW,              /* call: callee, args */
	AST_MEMBER,           /* member: object, property; AST_F_COMPUTED (`o[p]`), AST_F_OPTIONAL (`o?.p`);
	                    * non-computed property is IDENT or PRIVATE_NAME */
	AST_CHAIN,            /* unary.arg: the whole optional chain `a?.b.c()`, whose links
	                    * carry AST_F_OPTIONAL where `?.` appears (ESTree ChainExpression) */
	AST_SEQUENCE,         /* list.items (>= 2 expressions) */
	AST_YIELD,            /* unary.arg or NULL; AST_F_DELEGATE for yield* */
	AST_AWAIT,            /* unary.arg */
	AST_META_PROPERTY,    /* op = AST_META_NEW_TARGET / AST_META_IMPORT_META (no view) */
	AST_IMPORT_CALL,      /* unary.arg: dynamic import(x) (rejected by the driver) */
	AST_PAREN,            /* unary.arg: a parenthesised expression kept only where it changes
	                    * meaning for printing (never produced by the parser today; passes may
	                    * use it to force parentheses) */
	AST_RAW,              /* raw.text: verbatim ES5 expression text, printed parenthesised;
	                    * for passes that need a helper reference. Line = the pos given. */

	/* --- patterns (binding and assignment targets) --- */
	AST_OBJECT_PATTERN, /* list.items: PROPERTY (value = target), REST */
	AST_ARRAY_PATTERN,  /* list.items: targets, HOLE, REST (last) */
	AST_ASSIGN_PATTERN, /* binary: left = target, right = default value */
	AST_REST,           /* unary.arg = target (in patterns and parameter lists) */

	/* --- classes --- */
	AST_METHOD,       /* prop: key, value = FUNCTION_EXPR; op = AST_METHOD_METHOD/GET/SET/
	                   * CONSTRUCTOR; flags STATIC, COMPUTED */
	AST_FIELD,        /* prop: key, value = initializer or NULL; flags STATIC, COMPUTED */
	AST_STATIC_BLOCK, /* list.items = statements */

	AST_KIND_COUNT
};

/* Node flags (bitmask in ast_node.flags). */
enum {
	AST_F_MODULE = 1u << 0,         /* PROGRAM: parsed as a module (import/export present) */
	AST_F_STRICT = 1u << 1,         /* PROGRAM/functions: strict mode code */
	AST_F_COMPUTED = 1u << 2,       /* MEMBER o[p]; PROPERTY/METHOD/FIELD [key] */
	AST_F_OPTIONAL = 1u << 3,       /* MEMBER/CALL link preceded by `?.` */
	AST_F_SHORTHAND = 1u << 4,      /* PROPERTY {a} / {a = 1} in patterns */
	AST_F_METHOD = 1u << 5,         /* PROPERTY { m() {} } */
	AST_F_STATIC = 1u << 6,         /* METHOD/FIELD static */
	AST_F_ASYNC = 1u << 7,          /* functions, arrows, methods' FUNCTION_EXPR */
	AST_F_GENERATOR = 1u << 8,      /* functions, methods' FUNCTION_EXPR */
	AST_F_EXPR_BODY = 1u << 9,      /* ARROW: body is an expression */
	AST_F_PREFIX = 1u << 10,        /* UPDATE ++x */
	AST_F_DELEGATE = 1u << 11,      /* YIELD yield* */
	AST_F_AWAIT = 1u << 12,         /* FOR_OF for await */
	AST_F_DIRECTIVE = 1u << 13,     /* EXPR_STMT that is a directive prologue string */
	AST_F_PARENS = 1u << 14,        /* expression was written in parentheses (diagnostics,
	                              * `(a) = 1` checks, `(a ?? b) || c`); printer ignores */
	AST_F_SYNTHETIC = 1u << 15,     /* created by the compiler, not in the source */
	AST_F_DERIVED = 1u << 16,       /* CLASS_*: has `extends` */
	AST_F_TS_PARAM_PROP = 1u << 17, /* param was a TS parameter property (erased), or its `this.x = x` */
	AST_F_PROTO_SET = 1u << 18,     /* PROPERTY: `__proto__: v` in an object literal, which sets the
	                                 * prototype (not shorthand, computed or a method: those define) */
	AST_F_NOCTOR = 1u << 19,        /* FUNCTION_EXPR/DECL made by lowering from an arrow, a method or an
	                                 * async function, or a coroutine body: not a constructor and no
	                                 * `prototype` (printer.c's PRINTER_NOCTOR_DIRECTIVE tells Duktape) */
	AST_F_PASS0 = 1u << 24,         /* bits 24..31 are free for lowering passes */
};

/* Per-function usage summary (ast_node.fn.uses), filled by the parser. Uses
 * inside nested arrows count for the arrow AND every enclosing arrow, up to
 * and including the nearest non-arrow function (or the program, for
 * top-level arrows: see ast_program.top_uses), because arrows capture them
 * lexically. Uses inside nested non-arrow functions do not propagate. */
enum {
	AST_USES_THIS = 1u << 0,
	AST_USES_ARGUMENTS = 1u << 1,
	AST_USES_SUPER_CALL = 1u << 2, /* super(...) */
	AST_USES_SUPER_PROP = 1u << 3, /* super.x / super[x] */
	AST_USES_NEW_TARGET = 1u << 4,
	AST_USES_AWAIT = 1u << 5, /* await or for await directly in this body */
	AST_USES_YIELD = 1u << 6,
	AST_USES_EVAL = 1u << 7, /* a direct call to an identifier named eval */
};

/* Features present anywhere in the program (ast_program.features), so passes
 * can skip work on plain ES5 input. */
enum {
	AST_FEAT_ARROW = 1u << 0,
	AST_FEAT_LET_CONST = 1u << 1,
	AST_FEAT_CLASS = 1u << 2,
	AST_FEAT_TEMPLATE = 1u << 3,
	AST_FEAT_DESTRUCTURING = 1u << 4,
	AST_FEAT_SPREAD = 1u << 5, /* spread in array/call/object, rest params/elements */
	AST_FEAT_DEFAULT_PARAM = 1u << 6,
	AST_FEAT_ASYNC = 1u << 7, /* async functions/arrows/methods, await, for await */
	AST_FEAT_GENERATOR = 1u << 8,
	AST_FEAT_FOR_OF = 1u << 9,
	AST_FEAT_OPTIONAL_CHAIN = 1u << 10,
	AST_FEAT_NULLISH = 1u << 11,        /* ?? */
	AST_FEAT_LOGICAL_ASSIGN = 1u << 12, /* ||= &&= ??= */
	AST_FEAT_EXPONENT = 1u << 13,       /* ** **= */
	AST_FEAT_OBJECT_EXT = 1u << 14,     /* computed keys, shorthand, methods in literals */
	AST_FEAT_PRIVATE = 1u << 15,        /* #x */
	AST_FEAT_CLASS_FIELDS = 1u << 16,   /* fields and static blocks */
	AST_FEAT_NEW_TARGET = 1u << 17,
	AST_FEAT_OPTIONAL_CATCH = 1u << 18, /* catch without binding */
	AST_FEAT_TAGGED_TEMPLATE = 1u << 19,
	AST_FEAT_MODULE = 1u << 20,           /* import/export statements */
	AST_FEAT_REGEXP_FLAGS = 1u << 21,     /* reserved: regexp needing rewriting */
	AST_FEAT_LABELED_BLOCK_FN = 1u << 22, /* function declarations inside blocks */
	AST_FEAT_WITH = 1u << 23,             /* a with statement */
};

/* ast_node.op values. One enum for all kinds; each kind documents its subset. */
enum ast_op {
	AST_OP_NONE = 0,
	/* AST_UNARY */
	AST_OP_NEG,
	AST_OP_POS,
	AST_OP_NOT,
	AST_OP_BITNOT,
	AST_OP_TYPEOF,
	AST_OP_VOID,
	AST_OP_DELETE,
	/* AST_UPDATE */
	AST_OP_INC,
	AST_OP_DEC,
	/* AST_BINARY */
	AST_OP_ADD,
	AST_OP_SUB,
	AST_OP_MUL,
	AST_OP_DIV,
	AST_OP_MOD,
	AST_OP_EXP,
	AST_OP_SHL,
	AST_OP_SHR,
	AST_OP_USHR,
	AST_OP_BITAND,
	AST_OP_BITOR,
	AST_OP_BITXOR,
	AST_OP_EQ,
	AST_OP_NE,
	AST_OP_SEQ,
	AST_OP_SNE,
	AST_OP_LT,
	AST_OP_LE,
	AST_OP_GT,
	AST_OP_GE,
	AST_OP_IN,
	AST_OP_INSTANCEOF,
	/* AST_LOGICAL */
	AST_OP_AND,
	AST_OP_OR,
	AST_OP_NULLISH,
	/* AST_ASSIGN */
	AST_OP_ASSIGN,
	AST_OP_ADD_ASSIGN,
	AST_OP_SUB_ASSIGN,
	AST_OP_MUL_ASSIGN,
	AST_OP_DIV_ASSIGN,
	AST_OP_MOD_ASSIGN,
	AST_OP_EXP_ASSIGN,
	AST_OP_SHL_ASSIGN,
	AST_OP_SHR_ASSIGN,
	AST_OP_USHR_ASSIGN,
	AST_OP_BITAND_ASSIGN,
	AST_OP_BITOR_ASSIGN,
	AST_OP_BITXOR_ASSIGN,
	AST_OP_AND_ASSIGN,
	AST_OP_OR_ASSIGN,
	AST_OP_NULLISH_ASSIGN,
	/* AST_VAR_DECL */
	AST_VAR_VAR,
	AST_VAR_LET,
	AST_VAR_CONST,
	/* AST_PROPERTY */
	AST_PROP_INIT,
	AST_PROP_GET,
	AST_PROP_SET,
	/* AST_METHOD */
	AST_METHOD_METHOD,
	AST_METHOD_GET,
	AST_METHOD_SET,
	AST_METHOD_CONSTRUCTOR,
	/* AST_META_PROPERTY */
	AST_META_NEW_TARGET,
	AST_META_IMPORT_META,
	AST_OP_COUNT
};

struct ast_node {
	uint16_t kind;      /* enum ast_kind */
	uint16_t op;        /* enum ast_op, where the kind says so */
	uint32_t flags;     /* AST_F_* */
	struct ast_pos pos; /* start of the node in the source */
	uint32_t end;       /* byte offset just past the node (0 for synthetic nodes) */
	void *aux;          /* free for passes; the parser leaves it NULL */
	union {
		struct {
			struct ast_list body;
		} program;
		struct {
			struct ast_list items;
		} list;
		struct {
			struct ast_node *arg;
		} unary;
		struct {
			struct ast_node *left, *right;
		} binary;
		struct {
			struct ast_node *test, *cons, *alt;
		} cond;
		struct {
			struct ast_str name;
		} ident;
		struct {
			double value;
		} number;
		struct {
			struct ast_str value;
		} string;
		struct {
			struct ast_str pattern, flags;
		} regexp;
		struct {
			struct ast_str text;
		} raw;
		struct {
			struct ast_list quasis, exprs;
		} tmpl;
		struct {
			struct ast_str cooked, raw;
		} quasi;
		struct {
			struct ast_node *tag, *quasi;
		} tagged;
		struct {
			struct ast_node *key, *value;
		} prop;
		struct {
			struct ast_node *callee;
			struct ast_list args;
		} call;
		struct {
			struct ast_node *object, *property;
		} member;
		struct {
			struct ast_node *id;
			struct ast_list params;
			struct ast_node *body;
			uint32_t uses; /* AST_USES_* */
		} fn;
		struct {
			struct ast_node *id, *super_class;
			struct ast_list body;
		} cls;
		struct {
			struct ast_list decls;
		} var;
		struct {
			struct ast_node *id, *init;
		} declarator;
		struct {
			struct ast_node *init, *test, *update, *body;
		} for_;
		struct {
			struct ast_node *left, *right, *body;
		} for_in;
		struct {
			struct ast_node *test, *body;
		} loop;
		struct {
			struct ast_node *label;
		} jump;
		struct {
			struct ast_node *label, *body;
		} labeled;
		struct {
			struct ast_node *block, *handler, *finalizer;
		} try_;
		struct {
			struct ast_node *param, *body;
		} catch_;
		struct {
			struct ast_node *disc;
			struct ast_list cases;
		} switch_;
		struct {
			struct ast_node *test;
			struct ast_list body;
		} case_;
		struct {
			struct ast_node *object, *body;
		} with;
		struct {
			struct ast_list specifiers;
			struct ast_node *source;
		} import;
		struct {
			struct ast_node *local, *other;
		} spec;
		struct {
			struct ast_node *decl;
			struct ast_list specifiers;
			struct ast_node *source;
		} export_;
	};
};

/* The code shapes the driver recognises (see jsc.c). */
enum ast_shape {
	AST_SHAPE_SCRIPT = 0,     /* plain script: completion value is the result */
	AST_SHAPE_ASYNC_ARROW,    /* last statement is an arrow/function expression: completion value */
	AST_SHAPE_MODULE_DEFAULT, /* module with `export default X`: completion value = X */
	AST_SHAPE_FUNCTION_BODY,  /* top-level await/return: wrapped in an async function, called */
	AST_SHAPE_LONE_FUNCTION,  /* only a named function declaration: completion value = it */
};

/* A diagnostic; the first one set wins. */
struct ast_diag {
	bool set;
	struct ast_pos pos;
	char msg[256]; /* e.g. "Unexpected token ')'" (no position inside) */
};

/* One compile's tree and its context, handed to jsc_lower and the printer. */
struct ast_program {
	struct ast_arena *arena;
	struct ast_node *root; /* AST_PROGRAM */
	const char *src;       /* the original source (after fence stripping) */
	size_t src_len;
	enum ast_shape shape;
	uint32_t features;     /* AST_FEAT_* */
	uint32_t top_uses;     /* AST_USES_* of top-level code incl. top-level arrows */
	uint32_t line_offset;  /* lines removed before src (markdown fence), added to positions */
	unsigned tmp_counter;  /* for ast_tmp_name: unique temporaries per compile */
	struct ast_diag error; /* SyntaxError set by parser or passes */
};

/* Sets prog->error (if not already set) to a SyntaxError-style message at
 * pos. Returns -EINVAL so callers can `return ast_error(...)`. */
int ast_error(struct ast_program *prog, struct ast_pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* --- node construction (all allocate from a; see the longjmp rule above) --- */
struct ast_node *ast_new(struct ast_arena *a, enum ast_kind kind, struct ast_pos pos);
struct ast_node *ast_ident(struct ast_arena *a, const char *name, struct ast_pos pos);
struct ast_node *ast_ident_n(struct ast_arena *a, const char *name, size_t len, struct ast_pos pos);
struct ast_node *ast_string(struct ast_arena *a, const char *s, size_t len, struct ast_pos pos);
struct ast_node *ast_number(struct ast_arena *a, double v, struct ast_pos pos);
struct ast_node *ast_raw(struct ast_arena *a, const char *text, struct ast_pos pos);
struct ast_node *ast_unary(struct ast_arena *a, enum ast_kind kind, enum ast_op op, struct ast_node *arg,
                           struct ast_pos pos);
struct ast_node *ast_binary(struct ast_arena *a, enum ast_kind kind, enum ast_op op, struct ast_node *l,
                            struct ast_node *r, struct ast_pos pos);
/* test ? cons : alt */
struct ast_node *ast_conditional(struct ast_arena *a, struct ast_node *test, struct ast_node *cons,
                                 struct ast_node *alt, struct ast_pos pos);
/* a = b (op AST_OP_ASSIGN). */
struct ast_node *ast_assign(struct ast_arena *a, struct ast_node *target, struct ast_node *value, struct ast_pos pos);
/* obj.name (non-computed). */
struct ast_node *ast_member_name(struct ast_arena *a, struct ast_node *obj, const char *name, struct ast_pos pos);
/* obj[prop] (computed). */
struct ast_node *ast_member_computed(struct ast_arena *a, struct ast_node *obj, struct ast_node *prop,
                                     struct ast_pos pos);
/* callee(args...): nargs nodes follow. */
struct ast_node *ast_call(struct ast_arena *a, struct ast_node *callee, struct ast_pos pos, int nargs, ...);
struct ast_node *ast_expr_stmt(struct ast_arena *a, struct ast_node *expr);
/* `var name = init;` (init may be NULL). */
struct ast_node *ast_var1(struct ast_arena *a, enum ast_op kind, struct ast_node *id, struct ast_node *init,
                          struct ast_pos pos);
/* A fresh identifier "<prefix><n>" unique within the compile (prefix e.g. "_t"). */
struct ast_node *ast_tmp_name(struct ast_program *prog, const char *prefix, struct ast_pos pos);

/* --- lists --- */
void ast_list_push(struct ast_arena *a, struct ast_list *l, struct ast_node *n);
/* Inserts n before index i (i == len appends). */
void ast_list_insert(struct ast_arena *a, struct ast_list *l, uint32_t i, struct ast_node *n);
/* Replaces item i with the items of src (splice 1 -> src.len). */
void ast_list_splice(struct ast_arena *a, struct ast_list *l, uint32_t i, const struct ast_list *src);
void ast_list_remove(struct ast_list *l, uint32_t i);

/* --- traversal --- */
/* Calls fn on the slot of every direct child (optional NULL children are
 * skipped; list items are passed as &items[i]), in source order. A callback
 * may replace *slot. Return nonzero from fn to stop; that value is returned.
 * Does not recurse: fn recurses itself when it wants to. */
typedef int (*ast_child_fn)(struct ast_node **slot, void *ctx);
int ast_for_each_child(struct ast_node *n, ast_child_fn fn, void *ctx);

/* Deep copy of a subtree (positions kept, aux cleared). */
struct ast_node *ast_clone(struct ast_arena *a, const struct ast_node *n);

/* Names for debugging and messages. */
const char *ast_kind_name(enum ast_kind kind);
/* Source text of an operator ("+", "??=", "typeof", "var", ...) or "". */
const char *ast_op_text(enum ast_op op);
/* True for kinds that are statements or declarations. */
bool ast_is_statement(enum ast_kind kind);
/* True for function-like kinds (FUNCTION_DECL, FUNCTION_EXPR, ARROW). */
bool ast_is_function(enum ast_kind kind);
