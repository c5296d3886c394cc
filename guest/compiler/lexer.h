/* lexer: ES2023 + TypeScript tokenizer for jsc; regex and template
 * continuation are scanned on the parser's request (it knows the context).
 * Runs in: guest (compiler). Input: untrusted program source. */
#pragma once

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ast.h"

enum tk {
	TK_EOF = 0,
	TK_NAME,     /* identifier or keyword: see tok.kw */
	TK_PRIVATE,  /* #name (tok.str = name without '#') */
	TK_NUMBER,   /* tok.num */
	TK_STRING,   /* tok.str = cooked value (WTF-8) */
	TK_TEMPLATE, /* a template chunk: tok.str cooked (s NULL if invalid escape), tok.raw;
	              * tok.tmpl_tail: ends with '`' (else with '${') */
	TK_REGEXP,   /* tok.str = pattern, tok.raw = flags */
	/* punctuators */
	TK_LBRACE,
	TK_RBRACE,
	TK_LPAREN,
	TK_RPAREN,
	TK_LBRACKET,
	TK_RBRACKET,
	TK_SEMI,
	TK_COMMA,
	TK_DOT,
	TK_ELLIPSIS,
	TK_QUESTION,
	TK_QDOT,
	TK_COLON,
	TK_ARROW,
	TK_AT,
	TK_LT,
	TK_GT,
	TK_LE,
	TK_GE,
	TK_EQ,
	TK_NE,
	TK_SEQ,
	TK_SNE,
	TK_PLUS,
	TK_MINUS,
	TK_STAR,
	TK_SLASH,
	TK_PERCENT,
	TK_STARSTAR,
	TK_INC,
	TK_DEC,
	TK_SHL,
	TK_SHR,
	TK_USHR,
	TK_AMP,
	TK_PIPE,
	TK_CARET,
	TK_BANG,
	TK_TILDE,
	TK_AND,
	TK_OR,
	TK_NULLISH,
	TK_ASSIGN,
	TK_PLUS_ASSIGN,
	TK_MINUS_ASSIGN,
	TK_STAR_ASSIGN,
	TK_SLASH_ASSIGN,
	TK_PERCENT_ASSIGN,
	TK_STARSTAR_ASSIGN,
	TK_SHL_ASSIGN,
	TK_SHR_ASSIGN,
	TK_USHR_ASSIGN,
	TK_AMP_ASSIGN,
	TK_PIPE_ASSIGN,
	TK_CARET_ASSIGN,
	TK_AND_ASSIGN,
	TK_OR_ASSIGN,
	TK_NULLISH_ASSIGN,
	TK_COUNT
};

/* Words the parser switches on. Reserved words and contextual keywords are
 * both here; whether one acts as a keyword is the parser's decision. */
enum kw {
	KW_NONE = 0,
	/* reserved words (ES2023 + strict) */
	KW_BREAK,
	KW_CASE,
	KW_CATCH,
	KW_CLASS,
	KW_CONST,
	KW_CONTINUE,
	KW_DEBUGGER,
	KW_DEFAULT,
	KW_DELETE,
	KW_DO,
	KW_ELSE,
	KW_ENUM,
	KW_EXPORT,
	KW_EXTENDS,
	KW_FALSE,
	KW_FINALLY,
	KW_FOR,
	KW_FUNCTION,
	KW_IF,
	KW_IMPORT,
	KW_IN,
	KW_INSTANCEOF,
	KW_NEW,
	KW_NULL,
	KW_RETURN,
	KW_SUPER,
	KW_SWITCH,
	KW_THIS,
	KW_THROW,
	KW_TRUE,
	KW_TRY,
	KW_TYPEOF,
	KW_VAR,
	KW_VOID,
	KW_WHILE,
	KW_WITH,
	KW_LAST_RESERVED = KW_WITH,
	/* strict-mode reserved */
	KW_IMPLEMENTS,
	KW_INTERFACE,
	KW_LET,
	KW_PACKAGE,
	KW_PRIVATE,
	KW_PROTECTED,
	KW_PUBLIC,
	KW_STATIC,
	KW_YIELD,
	KW_LAST_STRICT = KW_YIELD,
	/* contextual */
	KW_AWAIT,
	KW_ASYNC,
	KW_OF,
	KW_GET,
	KW_SET,
	KW_AS,
	KW_FROM,
	KW_TARGET,
	KW_META,
	KW_CONSTRUCTOR,
	KW_ARGUMENTS,
	KW_EVAL,
	/* TypeScript contextual */
	KW_TYPE,
	KW_DECLARE,
	KW_NAMESPACE,
	KW_MODULE,
	KW_ABSTRACT,
	KW_READONLY,
	KW_KEYOF,
	KW_INFER,
	KW_IS,
	KW_ASSERTS,
	KW_UNIQUE,
	KW_OVERRIDE,
	KW_SATISFIES,
	KW_ACCESSOR,
	KW_GLOBAL,
	KW_COUNT
};

/* Largest string/template/identifier the lexer decodes; bounded by the
 * source limit anyway, but named so the arithmetic below cannot overflow. */
#define LEXER_MAX_TOKEN (16u << 20)

struct token {
	enum tk type;
	enum kw kw;         /* TK_NAME: keyword id, or KW_NONE */
	bool nl_before;     /* a line terminator precedes this token (ASI, restricted productions) */
	bool escaped;       /* TK_NAME written with \u escapes (cannot act as a keyword);
	                      * TK_STRING containing a line continuation or escape */
	bool legacy_octal;  /* TK_NUMBER 017 / 08, TK_STRING with \0dd octal escape or \8 \9 */
	bool tmpl_tail;     /* TK_TEMPLATE ends with '`' */
	struct ast_pos pos; /* start */
	uint32_t end;       /* byte offset past the token */
	struct ast_str str; /* see enum tk */
	struct ast_str raw;
	double num;
};

/* Lexer state; plain data, so the parser may copy it to backtrack. */
struct lexer {
	const char *src;
	uint32_t len;
	uint32_t pos;          /* next byte to scan */
	uint32_t line;         /* line of pos */
	uint32_t line_start;   /* offset where that line starts */
	uint32_t col_off, col; /* incremental column cache: col is the column of col_off */
	bool strict;           /* parser-set: affects legacy octal literals */
	struct token tok;      /* the current token */
	struct ast_arena *arena;
	struct ast_program *prog; /* receives errors */
	jmp_buf *fail;            /* longjmp target after an error is recorded */
};

/* Prepares to scan src (which need not be NUL-terminated); skips a hashbang
 * line. Call lexer_next to load the first token. */
void lexer_init(struct lexer *lx, const char *src, size_t len, struct ast_program *prog, jmp_buf *fail);
/* Scans the next token into lx->tok, treating '/' as division. On a lexical
 * error records prog->error and longjmps to lx->fail. */
void lexer_next(struct lexer *lx);
/* The current token is '/' or '/=' at a place where an expression starts:
 * rescans it as a regular expression literal (validated for Duktape). */
void lexer_rescan_regexp(struct lexer *lx);
/* The current token is '}' closing a template substitution: rescans from
 * there as a template middle/tail chunk. */
void lexer_rescan_template(struct lexer *lx);
/* The current token starts with '>' ('>>', '>=', '>>>=' ...): splits off
 * the first '>' (TypeScript type argument lists). */
void lexer_split_gt(struct lexer *lx);
/* Position (line, column) of a byte offset at or after the current line. */
struct ast_pos lexer_pos_at(struct lexer *lx, uint32_t offset);
/* Records a SyntaxError at pos and longjmps to lx->fail. */
__attribute__((noreturn, format(printf, 3, 4))) void lexer_fail(struct lexer *lx, struct ast_pos pos, const char *fmt,
                                                                ...);
/* Text of a punctuator token type, or a description ("identifier", ...). */
const char *lexer_tk_text(enum tk type);
/* Keyword id of a name (KW_NONE if it is none). */
enum kw lexer_keyword(const char *s, size_t len);
/* True if the code point can start / continue an identifier (ASCII exact,
 * non-ASCII approximated: all but whitespace and line terminators). */
bool lexer_id_start(uint32_t cp);
bool lexer_id_part(uint32_t cp);
