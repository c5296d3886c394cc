/* lexer: ES2023 + TypeScript tokenizer (see lexer.h). Error messages follow
 * V8's wording so users see what node would have said. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "regexp.h"

/* A 10-byte number buffer suffices for nothing; decimal literals can be long
 * ("0.000...1"), so strtod gets a bounded copy: longer literals are legal but
 * every digit past this count cannot change a double, except in contrived
 * cases V8 also rounds; we reject beyond it with a clear message instead. */
#define LEXER_MAX_NUMBER_LEN 512

static uint32_t utf8_decode(const char *s, uint32_t len, uint32_t *i)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c = p[*i];
	if (c < 0x80) {
		(*i)++;
		return c;
	}
	int n;
	uint32_t cp, min;
	if ((c & 0xe0) == 0xc0) {
		n = 1, cp = c & 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 2, cp = c & 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 3, cp = c & 0x07, min = 0x10000;
	} else {
		(*i)++;
		return 0xfffd;
	}
	if (*i + (uint32_t)n >= len) {
		(*i)++;
		return 0xfffd;
	}
	for (int k = 1; k <= n; k++) {
		if ((p[*i + k] & 0xc0) != 0x80) {
			(*i)++;
			return 0xfffd;
		}
		cp = (cp << 6) | (p[*i + k] & 0x3f);
	}
	*i += (uint32_t)n + 1;
	if (cp < min || cp > 0x10ffff)
		return 0xfffd;
	return cp;
}

/* WTF-8: surrogates are encoded like any other BMP code point. */
static int utf8_encode(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static bool is_ws_cp(uint32_t cp)
{
	return cp == 0xa0 || cp == 0xfeff || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f ||
	       cp == 0x205f || cp == 0x3000;
}

static bool is_lt_cp(uint32_t cp)
{
	return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029;
}

bool lexer_id_start(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '$' || cp == '_';
	return !is_ws_cp(cp) && !is_lt_cp(cp) && cp != 0xfffd;
}

bool lexer_id_part(uint32_t cp)
{
	if (cp < 0x80)
		return lexer_id_start(cp) || (cp >= '0' && cp <= '9');
	return lexer_id_start(cp) || cp == 0x200c || cp == 0x200d;
}

struct kwent {
	const char *s;
	enum kw kw;
};

static const struct kwent kwtab[] = {
        {"abstract", KW_ABSTRACT},
        {"accessor", KW_ACCESSOR},
        {"arguments", KW_ARGUMENTS},
        {"as", KW_AS},
        {"asserts", KW_ASSERTS},
        {"async", KW_ASYNC},
        {"await", KW_AWAIT},
        {"break", KW_BREAK},
        {"case", KW_CASE},
        {"catch", KW_CATCH},
        {"class", KW_CLASS},
        {"const", KW_CONST},
        {"constructor", KW_CONSTRUCTOR},
        {"continue", KW_CONTINUE},
        {"debugger", KW_DEBUGGER},
        {"declare", KW_DECLARE},
        {"default", KW_DEFAULT},
        {"delete", KW_DELETE},
        {"do", KW_DO},
        {"else", KW_ELSE},
        {"enum", KW_ENUM},
        {"eval", KW_EVAL},
        {"export", KW_EXPORT},
        {"extends", KW_EXTENDS},
        {"false", KW_FALSE},
        {"finally", KW_FINALLY},
        {"for", KW_FOR},
        {"from", KW_FROM},
        {"function", KW_FUNCTION},
        {"get", KW_GET},
        {"global", KW_GLOBAL},
        {"if", KW_IF},
        {"implements", KW_IMPLEMENTS},
        {"import", KW_IMPORT},
        {"in", KW_IN},
        {"infer", KW_INFER},
        {"instanceof", KW_INSTANCEOF},
        {"interface", KW_INTERFACE},
        {"is", KW_IS},
        {"keyof", KW_KEYOF},
        {"let", KW_LET},
        {"meta", KW_META},
        {"module", KW_MODULE},
        {"namespace", KW_NAMESPACE},
        {"new", KW_NEW},
        {"null", KW_NULL},
        {"of", KW_OF},
        {"override", KW_OVERRIDE},
        {"package", KW_PACKAGE},
        {"private", KW_PRIVATE},
        {"protected", KW_PROTECTED},
        {"public", KW_PUBLIC},
        {"readonly", KW_READONLY},
        {"return", KW_RETURN},
        {"satisfies", KW_SATISFIES},
        {"set", KW_SET},
        {"static", KW_STATIC},
        {"super", KW_SUPER},
        {"switch", KW_SWITCH},
        {"target", KW_TARGET},
        {"this", KW_THIS},
        {"throw", KW_THROW},
        {"true", KW_TRUE},
        {"try", KW_TRY},
        {"type", KW_TYPE},
        {"typeof", KW_TYPEOF},
        {"unique", KW_UNIQUE},
        {"var", KW_VAR},
        {"void", KW_VOID},
        {"while", KW_WHILE},
        {"with", KW_WITH},
        {"yield", KW_YIELD},
};

enum kw lexer_keyword(const char *s, size_t len)
{
	/* kwtab is sorted; first-letter buckets make this a handful of compares. */
	enum { NKW = sizeof(kwtab) / sizeof(kwtab[0]) };
	static int16_t first[26];
	static bool init;
	if (!init) {
		for (int c = 0; c < 26; c++)
			first[c] = NKW;
		for (int i = NKW; i-- > 0;)
			first[kwtab[i].s[0] - 'a'] = (int16_t)i;
		init = true;
	}
	if (len < 2 || len > 11 || s[0] < 'a' || s[0] > 'z')
		return KW_NONE;
	for (int i = first[s[0] - 'a']; i < NKW && kwtab[i].s[0] == s[0]; i++) {
		if (strlen(kwtab[i].s) == len && memcmp(kwtab[i].s, s, len) == 0)
			return kwtab[i].kw;
	}
	return KW_NONE;
}

static const char *const tk_texts[TK_COUNT] = {
        [TK_EOF] = "end of input",
        [TK_NAME] = "identifier",
        [TK_PRIVATE] = "private name",
        [TK_NUMBER] = "number",
        [TK_STRING] = "string",
        [TK_TEMPLATE] = "template string",
        [TK_REGEXP] = "regular expression",
        [TK_LBRACE] = "{",
        [TK_RBRACE] = "}",
        [TK_LPAREN] = "(",
        [TK_RPAREN] = ")",
        [TK_LBRACKET] = "[",
        [TK_RBRACKET] = "]",
        [TK_SEMI] = ";",
        [TK_COMMA] = ",",
        [TK_DOT] = ".",
        [TK_ELLIPSIS] = "...",
        [TK_QUESTION] = "?",
        [TK_QDOT] = "?.",
        [TK_COLON] = ":",
        [TK_ARROW] = "=>",
        [TK_AT] = "@",
        [TK_LT] = "<",
        [TK_GT] = ">",
        [TK_LE] = "<=",
        [TK_GE] = ">=",
        [TK_EQ] = "==",
        [TK_NE] = "!=",
        [TK_SEQ] = "===",
        [TK_SNE] = "!==",
        [TK_PLUS] = "+",
        [TK_MINUS] = "-",
        [TK_STAR] = "*",
        [TK_SLASH] = "/",
        [TK_PERCENT] = "%",
        [TK_STARSTAR] = "**",
        [TK_INC] = "++",
        [TK_DEC] = "--",
        [TK_SHL] = "<<",
        [TK_SHR] = ">>",
        [TK_USHR] = ">>>",
        [TK_AMP] = "&",
        [TK_PIPE] = "|",
        [TK_CARET] = "^",
        [TK_BANG] = "!",
        [TK_TILDE] = "~",
        [TK_AND] = "&&",
        [TK_OR] = "||",
        [TK_NULLISH] = "??",
        [TK_ASSIGN] = "=",
        [TK_PLUS_ASSIGN] = "+=",
        [TK_MINUS_ASSIGN] = "-=",
        [TK_STAR_ASSIGN] = "*=",
        [TK_SLASH_ASSIGN] = "/=",
        [TK_PERCENT_ASSIGN] = "%=",
        [TK_STARSTAR_ASSIGN] = "**=",
        [TK_SHL_ASSIGN] = "<<=",
        [TK_SHR_ASSIGN] = ">>=",
        [TK_USHR_ASSIGN] = ">>>=",
        [TK_AMP_ASSIGN] = "&=",
        [TK_PIPE_ASSIGN] = "|=",
        [TK_CARET_ASSIGN] = "^=",
        [TK_AND_ASSIGN] = "&&=",
        [TK_OR_ASSIGN] = "||=",
        [TK_NULLISH_ASSIGN] = "?\?=",
};

const char *lexer_tk_text(enum tk type)
{
	if ((unsigned)type >= TK_COUNT || !tk_texts[type])
		return "?";
	return tk_texts[type];
}

void lexer_fail(struct lexer *lx, struct ast_pos pos, const char *fmt, ...)
{
	if (!lx->prog->error.set) {
		lx->prog->error.set = true;
		lx->prog->error.pos = pos;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(lx->prog->error.msg, sizeof(lx->prog->error.msg), fmt, ap);
		va_end(ap);
	}
	longjmp(*lx->fail, 1);
}

struct ast_pos lexer_pos_at(struct lexer *lx, uint32_t offset)
{
	struct ast_pos p = {.offset = offset, .line = lx->line};
	if (lx->col_off < lx->line_start || lx->col_off > offset) {
		lx->col_off = lx->line_start;
		lx->col = 1;
	}
	uint32_t i = lx->col_off;
	uint32_t col = lx->col;
	const unsigned char *s = (const unsigned char *)lx->src;
	while (i < offset) {
		unsigned char c = s[i++];
		if ((c & 0xc0) != 0x80)
			col += (c >= 0xf0) ? 2 : 1; /* astral code points are 2 UTF-16 units */
	}
	lx->col_off = offset;
	lx->col = col;
	p.column = col;
	return p;
}

static void newline_at(struct lexer *lx, uint32_t next_line_start)
{
	lx->line++;
	lx->line_start = next_line_start;
}

void lexer_init(struct lexer *lx, const char *src, size_t len, struct ast_program *prog, jmp_buf *fail)
{
	memset(lx, 0, sizeof(*lx));
	lx->src = src;
	lx->len = (uint32_t)len;
	lx->line = 1;
	lx->col = 1;
	lx->prog = prog;
	lx->arena = prog->arena;
	lx->fail = fail;
	if (len >= 2 && src[0] == '#' && src[1] == '!') {
		while (lx->pos < lx->len && src[lx->pos] != '\n' && src[lx->pos] != '\r')
			lx->pos++;
	}
}

static inline int peekc(struct lexer *lx, uint32_t k)
{
	return lx->pos + k < lx->len ? (unsigned char)lx->src[lx->pos + k] : -1;
}

/* Skips whitespace and comments; returns true if a line terminator was seen. */
static bool skip_space(struct lexer *lx)
{
	bool nl = false;
	const char *s = lx->src;
	while (lx->pos < lx->len) {
		unsigned char c = (unsigned char)s[lx->pos];
		if (c == ' ' || c == '\t' || c == '\v' || c == '\f') {
			lx->pos++;
		} else if (c == '\n') {
			lx->pos++;
			newline_at(lx, lx->pos);
			nl = true;
		} else if (c == '\r') {
			lx->pos++;
			if (lx->pos < lx->len && s[lx->pos] == '\n')
				lx->pos++;
			newline_at(lx, lx->pos);
			nl = true;
		} else if (c == '/' && peekc(lx, 1) == '/') {
			lx->pos += 2;
			while (lx->pos < lx->len) {
				unsigned char d = (unsigned char)s[lx->pos];
				if (d == '\n' || d == '\r')
					break;
				if (d == 0xe2) {
					uint32_t j = lx->pos;
					uint32_t cp = utf8_decode(s, lx->len, &j);
					if (cp == 0x2028 || cp == 0x2029)
						break;
				}
				lx->pos++;
			}
		} else if (c == '/' && peekc(lx, 1) == '*') {
			uint32_t start = lx->pos;
			lx->pos += 2;
			for (;;) {
				if (lx->pos >= lx->len)
					lexer_fail(lx, lexer_pos_at(lx, start), "Invalid or unexpected token");
				unsigned char d = (unsigned char)s[lx->pos];
				if (d == '*' && peekc(lx, 1) == '/') {
					lx->pos += 2;
					break;
				}
				lx->pos++;
				if (d == '\n' || (d == '\r' && !(lx->pos < lx->len && s[lx->pos] == '\n'))) {
					newline_at(lx, lx->pos);
					nl = true;
				} else if (d == 0xe2) {
					uint32_t j = lx->pos - 1;
					uint32_t cp = utf8_decode(s, lx->len, &j);
					if (cp == 0x2028 || cp == 0x2029) {
						lx->pos = j;
						newline_at(lx, lx->pos);
						nl = true;
					}
				}
			}
		} else if (c >= 0x80) {
			uint32_t j = lx->pos;
			uint32_t cp = utf8_decode(s, lx->len, &j);
			if (is_ws_cp(cp)) {
				lx->pos = j;
			} else if (cp == 0x2028 || cp == 0x2029) {
				lx->pos = j;
				newline_at(lx, lx->pos);
				nl = true;
			} else {
				break;
			}
		} else {
			break;
		}
	}
	return nl;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parses \u escape after the backslash and 'u' (lx->pos at first char after
 * 'u'). Returns the code point or -1 (malformed) / -2 (too large). */
static int32_t read_unicode_escape(struct lexer *lx)
{
	if (peekc(lx, 0) == '{') {
		lx->pos++;
		uint32_t v = 0;
		int n = 0;
		while (peekc(lx, 0) != '}') {
			int h = hexval(peekc(lx, 0));
			if (h < 0)
				return -1;
			v = v * 16 + (uint32_t)h;
			if (v > 0x10ffff)
				return -2;
			lx->pos++;
			n++;
		}
		if (n == 0)
			return -1;
		lx->pos++;
		return (int32_t)v;
	}
	uint32_t v = 0;
	for (int k = 0; k < 4; k++) {
		int h = hexval(peekc(lx, 0));
		if (h < 0)
			return -1;
		v = v * 16 + (uint32_t)h;
		lx->pos++;
	}
	return (int32_t)v;
}

/* Growable scratch buffer in the arena for decoded strings. */
struct sbuf {
	char *p;
	uint32_t len, cap;
	struct ast_arena *a;
};

static void sb_reserve(struct sbuf *b, uint32_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	uint32_t cap = b->cap ? b->cap * 2 : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *p = ast_alloc(b->a, cap);
	if (b->len)
		memcpy(p, b->p, b->len);
	b->p = p;
	b->cap = cap;
}

static void sb_putcp(struct sbuf *b, uint32_t cp)
{
	sb_reserve(b, 4);
	b->len += (uint32_t)utf8_encode(b->p + b->len, cp);
}

static void sb_putn(struct sbuf *b, const char *s, uint32_t n)
{
	sb_reserve(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static struct ast_str sb_str(struct sbuf *b)
{
	sb_reserve(b, 0);
	b->p[b->len] = '\0';
	return (struct ast_str){b->p, b->len};
}

/* Puts a UTF-16 unit, joining a preceding high surrogate written as an
 * escape into one astral code point (WTF-8 requires the pair joined). */
static void sb_put_unit(struct sbuf *b, uint32_t cp, uint32_t *pending_hi)
{
	if (*pending_hi) {
		if (cp >= 0xdc00 && cp <= 0xdfff) {
			b->len -= 3; /* drop the encoded high surrogate */
			sb_putcp(b, 0x10000 + ((*pending_hi - 0xd800) << 10) + (cp - 0xdc00));
			*pending_hi = 0;
			return;
		}
		*pending_hi = 0;
	}
	sb_putcp(b, cp);
	if (cp >= 0xd800 && cp <= 0xdbff)
		*pending_hi = cp;
}

static void scan_name(struct lexer *lx, uint32_t start, bool private_name)
{
	struct token *t = &lx->tok;
	const char *s = lx->src;
	bool escaped = false;
	/* Fast path: plain ASCII names are referenced, not copied. */
	uint32_t i = lx->pos;
	while (i < lx->len) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '$' || c == '_')
			i++;
		else
			break;
	}
	if (i >= lx->len || ((unsigned char)s[i] < 0x80 && s[i] != '\\')) {
		lx->pos = i;
		uint32_t nstart = private_name ? start + 1 : start;
		t->str.s = ast_strndup(lx->arena, s + nstart, i - nstart);
		t->str.len = i - nstart;
	} else {
		struct sbuf b = {.a = lx->arena};
		uint32_t nstart = private_name ? start + 1 : start;
		sb_putn(&b, s + nstart, i - nstart);
		lx->pos = i;
		bool first = (i == nstart);
		while (lx->pos < lx->len) {
			unsigned char c = (unsigned char)s[lx->pos];
			uint32_t cp;
			uint32_t at = lx->pos;
			if (c == '\\') {
				if (peekc(lx, 1) != 'u')
					lexer_fail(lx, lexer_pos_at(lx, at), "Invalid or unexpected token");
				lx->pos += 2;
				int32_t v = read_unicode_escape(lx);
				if (v < 0)
					lexer_fail(lx, lexer_pos_at(lx, at),
					           v == -2 ? "Undefined Unicode code-point"
					                   : "Invalid Unicode escape sequence");
				cp = (uint32_t)v;
				if (!(first ? lexer_id_start(cp) : lexer_id_part(cp)))
					lexer_fail(lx, lexer_pos_at(lx, at), "Invalid Unicode escape sequence");
				escaped = true;
			} else {
				uint32_t j = lx->pos;
				cp = utf8_decode(s, lx->len, &j);
				if (!(first ? lexer_id_start(cp) : lexer_id_part(cp)))
					break;
				lx->pos = j;
			}
			sb_putcp(&b, cp);
			first = false;
		}
		t->str = sb_str(&b);
	}
	if (t->str.len == 0)
		lexer_fail(lx, t->pos, "Invalid or unexpected token");
	t->escaped = escaped;
	t->type = private_name ? TK_PRIVATE : TK_NAME;
	t->kw = private_name ? KW_NONE : lexer_keyword(t->str.s, t->str.len);
}

static bool is_dec(int c)
{
	return c >= '0' && c <= '9';
}

/* Copies digits of the given radix from the source, validating '_'
 * separators; returns the count of digits. */
static uint32_t scan_digits(struct lexer *lx, int radix, char *buf, uint32_t *blen, bool allow_sep)
{
	uint32_t n = 0;
	int prev_sep = 0;
	for (;;) {
		int c = peekc(lx, 0);
		if (c == '_' && allow_sep) {
			if (n == 0 || prev_sep) {
				if (prev_sep)
					lexer_fail(lx, lexer_pos_at(lx, lx->pos),
					           "Only one underscore is allowed as numeric separator");
				lexer_fail(lx, lexer_pos_at(lx, lx->pos), "Numeric separators are not allowed here");
			}
			prev_sep = 1;
			lx->pos++;
			continue;
		}
		int v = hexval(c);
		if (v < 0 || v >= radix)
			break;
		if (*blen + 1 >= LEXER_MAX_NUMBER_LEN)
			lexer_fail(lx, lexer_pos_at(lx, lx->pos), "Numeric literal too long");
		buf[(*blen)++] = (char)c;
		prev_sep = 0;
		n++;
		lx->pos++;
	}
	if (prev_sep)
		lexer_fail(lx, lexer_pos_at(lx, lx->pos - 1),
		           "Numeric separators are not allowed at the end of numeric literals");
	return n;
}

static void scan_number(struct lexer *lx, uint32_t start)
{
	struct token *t = &lx->tok;
	char buf[LEXER_MAX_NUMBER_LEN];
	uint32_t blen = 0;
	t->type = TK_NUMBER;
	int c0 = peekc(lx, 0), c1 = peekc(lx, 1);
	if (c0 == '0' && (c1 == 'x' || c1 == 'X' || c1 == 'o' || c1 == 'O' || c1 == 'b' || c1 == 'B')) {
		int radix = (c1 == 'x' || c1 == 'X') ? 16 : (c1 == 'o' || c1 == 'O') ? 8 : 2;
		lx->pos += 2;
		if (scan_digits(lx, radix, buf, &blen, true) == 0)
			lexer_fail(lx, t->pos, "Invalid or unexpected token");
		double v = 0;
		for (uint32_t i = 0; i < blen; i++)
			v = v * radix + hexval(buf[i]);
		t->num = v;
	} else if (c0 == '0' && is_dec(c1)) {
		/* Legacy octal (017) or decimal with a leading zero (08, 09.5). */
		uint32_t i = lx->pos + 1;
		bool octal = true;
		while (i < lx->len && is_dec((unsigned char)lx->src[i])) {
			if (lx->src[i] >= '8')
				octal = false;
			i++;
		}
		if (lx->strict)
			lexer_fail(lx, t->pos,
			           octal ? "Octal literals are not allowed in strict mode."
			                 : "Decimals with leading zeros are not allowed in strict mode.");
		t->legacy_octal = true;
		if (peekc(lx, 0) == '_' || (i < lx->len && lx->src[i] == '_'))
			lexer_fail(lx, t->pos, "Numeric separators are not allowed here");
		if (octal) {
			double v = 0;
			for (uint32_t k = lx->pos + 1; k < i; k++)
				v = v * 8 + (lx->src[k] - '0');
			lx->pos = i;
			t->num = v;
		} else {
			scan_digits(lx, 10, buf, &blen, false);
			if (peekc(lx, 0) == '.') {
				buf[blen++] = '.';
				lx->pos++;
				scan_digits(lx, 10, buf, &blen, true);
			}
			goto exponent;
		}
	} else {
		scan_digits(lx, 10, buf, &blen, true);
		if (blen > 1 && buf[0] == '0') { /* "0_1" */
			lexer_fail(lx, t->pos, "Numeric separator can not be used after leading 0.");
		}
		if (peekc(lx, 0) == '.') {
			buf[blen++] = '.';
			lx->pos++;
			if (peekc(lx, 0) == '_')
				lexer_fail(lx, lexer_pos_at(lx, lx->pos), "Numeric separators are not allowed here");
			scan_digits(lx, 10, buf, &blen, true);
		}
	exponent:
		if (peekc(lx, 0) == 'e' || peekc(lx, 0) == 'E') {
			buf[blen++] = 'e';
			lx->pos++;
			if (peekc(lx, 0) == '+' || peekc(lx, 0) == '-') {
				buf[blen++] = (char)peekc(lx, 0);
				lx->pos++;
			}
			if (scan_digits(lx, 10, buf, &blen, true) == 0)
				lexer_fail(lx, t->pos, "Invalid or unexpected token");
		}
		buf[blen] = '\0';
		t->num = strtod(buf, NULL);
	}
	int c = peekc(lx, 0);
	if (c == 'n') {
		lexer_fail(lx, t->pos, "BigInt is not supported (Duktape has no BigInt): '%.*s'",
		           (int)(lx->pos + 1 - start), lx->src + start);
	}
	if (c >= 0) {
		uint32_t j = lx->pos;
		uint32_t cp = c == '\\' ? '\\' : utf8_decode(lx->src, lx->len, &j);
		if (cp == '\\' || lexer_id_start(cp) || is_dec((int)cp))
			lexer_fail(lx, t->pos, "Invalid or unexpected token");
	}
}

/* Scans an escape after '\' (lx->pos after the backslash) into b. In
 * templates, returns false for an invalid escape instead of failing. */
static bool scan_escape(struct lexer *lx, struct sbuf *b, bool tmpl, uint32_t *pending_hi, bool *legacy)
{
	uint32_t at = lx->pos - 1;
	int c = peekc(lx, 0);
	if (c < 0)
		return false;
	lx->pos++;
	switch (c) {
	case 'n': sb_put_unit(b, '\n', pending_hi); return true;
	case 't': sb_put_unit(b, '\t', pending_hi); return true;
	case 'r': sb_put_unit(b, '\r', pending_hi); return true;
	case 'b': sb_put_unit(b, '\b', pending_hi); return true;
	case 'f': sb_put_unit(b, '\f', pending_hi); return true;
	case 'v': sb_put_unit(b, '\v', pending_hi); return true;
	case '\r':
		if (peekc(lx, 0) == '\n')
			lx->pos++;
		newline_at(lx, lx->pos);
		return true;
	case '\n': newline_at(lx, lx->pos); return true;
	case 'x': {
		int h1 = hexval(peekc(lx, 0)), h2 = hexval(peekc(lx, 1));
		if (h1 < 0 || h2 < 0) {
			if (tmpl)
				return false;
			lexer_fail(lx, lexer_pos_at(lx, at), "Invalid hexadecimal escape sequence");
		}
		lx->pos += 2;
		sb_put_unit(b, (uint32_t)(h1 * 16 + h2), pending_hi);
		return true;
	}
	case 'u': {
		int32_t v = read_unicode_escape(lx);
		if (v < 0) {
			if (tmpl)
				return false;
			lexer_fail(lx, lexer_pos_at(lx, at),
			           v == -2 ? "Undefined Unicode code-point" : "Invalid Unicode escape sequence");
		}
		if (v > 0xffff) {
			*pending_hi = 0;
			sb_putcp(b, (uint32_t)v);
		} else {
			sb_put_unit(b, (uint32_t)v, pending_hi);
		}
		return true;
	}
	default: break;
	}
	if (c >= '0' && c <= '9') {
		if (c == '0' && !is_dec(peekc(lx, 0))) {
			sb_put_unit(b, 0, pending_hi);
			return true;
		}
		if (tmpl)
			return false;
		if (lx->strict)
			lexer_fail(lx, lexer_pos_at(lx, at),
			           c >= '8' ? "\\8 and \\9 are not allowed in strict mode."
			                    : "Octal escape sequences are not allowed in strict mode.");
		*legacy = true;
		if (c >= '8') {
			sb_put_unit(b, (uint32_t)c, pending_hi);
			return true;
		}
		uint32_t v = (uint32_t)(c - '0');
		if (peekc(lx, 0) >= '0' && peekc(lx, 0) <= '7') {
			v = v * 8 + (uint32_t)(peekc(lx, 0) - '0');
			lx->pos++;
			if (c <= '3' && peekc(lx, 0) >= '0' && peekc(lx, 0) <= '7') {
				v = v * 8 + (uint32_t)(peekc(lx, 0) - '0');
				lx->pos++;
			}
		}
		sb_put_unit(b, v, pending_hi);
		return true;
	}
	/* Identity escape (or a line continuation with LS/PS). */
	lx->pos--;
	uint32_t j = lx->pos;
	uint32_t cp = utf8_decode(lx->src, lx->len, &j);
	lx->pos = j;
	if (cp == 0x2028 || cp == 0x2029) {
		newline_at(lx, lx->pos);
		return true;
	}
	sb_put_unit(b, cp, pending_hi);
	return true;
}

static void scan_string(struct lexer *lx, int quote)
{
	struct token *t = &lx->tok;
	struct sbuf b = {.a = lx->arena};
	uint32_t pending_hi = 0;
	bool legacy = false;
	lx->pos++;
	for (;;) {
		if (lx->pos >= lx->len)
			lexer_fail(lx, t->pos, "Invalid or unexpected token");
		unsigned char c = (unsigned char)lx->src[lx->pos];
		if (c == quote) {
			lx->pos++;
			break;
		}
		if (c == '\n' || c == '\r')
			lexer_fail(lx, t->pos, "Invalid or unexpected token");
		if (c == '\\') {
			lx->pos++;
			t->escaped = true;
			if (!scan_escape(lx, &b, false, &pending_hi, &legacy))
				lexer_fail(lx, t->pos, "Invalid or unexpected token");
			continue;
		}
		/* Copy a run of plain bytes at once. */
		uint32_t s0 = lx->pos;
		while (lx->pos < lx->len) {
			unsigned char d = (unsigned char)lx->src[lx->pos];
			if (d == quote || d == '\\' || d == '\n' || d == '\r')
				break;
			lx->pos++;
		}
		pending_hi = 0;
		sb_putn(&b, lx->src + s0, lx->pos - s0);
	}
	t->type = TK_STRING;
	t->legacy_octal = legacy;
	t->str = sb_str(&b);
}

/* Scans a template chunk; lx->pos is just after '`' or '}'. */
static void scan_template(struct lexer *lx)
{
	struct token *t = &lx->tok;
	struct sbuf cooked = {.a = lx->arena}, raw = {.a = lx->arena};
	uint32_t pending_hi = 0;
	bool valid = true, legacy = false;
	for (;;) {
		if (lx->pos >= lx->len)
			lexer_fail(lx, t->pos, "Unterminated template literal");
		unsigned char c = (unsigned char)lx->src[lx->pos];
		if (c == '`') {
			lx->pos++;
			t->tmpl_tail = true;
			break;
		}
		if (c == '$' && peekc(lx, 1) == '{') {
			lx->pos += 2;
			t->tmpl_tail = false;
			break;
		}
		if (c == '\\') {
			uint32_t s0 = lx->pos;
			lx->pos++;
			if (!scan_escape(lx, &cooked, true, &pending_hi, &legacy)) {
				valid = false;
				/* skip the rest of the bad escape's char so raw stays correct */
				if (lx->pos == s0 + 1 && lx->pos < lx->len)
					lx->pos++;
			}
			/* raw keeps the source text, with CR/CRLF normalised to LF */
			for (uint32_t k = s0; k < lx->pos; k++) {
				if (lx->src[k] == '\r') {
					sb_putn(&raw, "\n", 1);
					if (k + 1 < lx->pos && lx->src[k + 1] == '\n')
						k++;
				} else {
					sb_putn(&raw, lx->src + k, 1);
				}
			}
			continue;
		}
		if (c == '\r' || c == '\n') {
			lx->pos++;
			if (c == '\r' && peekc(lx, 0) == '\n')
				lx->pos++;
			newline_at(lx, lx->pos);
			sb_putn(&cooked, "\n", 1);
			sb_putn(&raw, "\n", 1);
			pending_hi = 0;
			continue;
		}
		uint32_t j = lx->pos;
		uint32_t cp = utf8_decode(lx->src, lx->len, &j);
		sb_putn(&cooked, lx->src + lx->pos, j - lx->pos);
		sb_putn(&raw, lx->src + lx->pos, j - lx->pos);
		lx->pos = j;
		pending_hi = 0;
		if (cp == 0x2028 || cp == 0x2029)
			newline_at(lx, lx->pos);
	}
	t->type = TK_TEMPLATE;
	t->str = valid ? sb_str(&cooked) : (struct ast_str){NULL, 0};
	t->raw = sb_str(&raw);
}

/* A regular expression literal's early errors: the flags, then the pattern
 * under them, checked by the engine that will run it (guest/regexp), with
 * V8's messages. */
static void check_regexp(struct lexer *lx, uint32_t pstart, uint32_t pend, uint32_t fstart, uint32_t fend)
{
	const char *s = lx->src;
	uint16_t fl[16];
	unsigned flags;
	size_t nf = 0;
	for (uint32_t i = fstart; i < fend; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 128 || nf == sizeof fl / sizeof fl[0])
			lexer_fail(lx, lx->tok.pos, "Invalid regular expression flags");
		fl[nf++] = c;
	}
	if (regexp_parse_flags(fl, nf, &flags) < 0)
		lexer_fail(lx, lx->tok.pos, "Invalid regular expression flags");
	uint16_t *u = malloc(((size_t)(pend - pstart) + 1) * 2 * sizeof *u);
	if (!u)
		lexer_fail(lx, lx->tok.pos, "out of memory");
	size_t n = 0;
	for (uint32_t i = pstart; i < pend;) {
		uint32_t cp = utf8_decode(s, pend, &i);
		if (cp > 0xffff) {
			u[n++] = (uint16_t)(0xd800 + ((cp - 0x10000) >> 10));
			u[n++] = (uint16_t)(0xdc00 + ((cp - 0x10000) & 0x3ff));
		} else {
			u[n++] = (uint16_t)cp;
		}
	}
	struct regexp_prog prog;
	char err[REGEXP_ERRLEN];
	int r = regexp_compile(u, n, flags, &prog, err);
	free(u);
	if (r == 0) {
		free(prog.words);
		return;
	}
	lexer_fail(lx, lx->tok.pos, "Invalid regular expression: /%.*s/%.*s: %s", (int)(pend - pstart), s + pstart,
	           (int)(fend - fstart), s + fstart, err);
}

void lexer_rescan_regexp(struct lexer *lx)
{
	struct token *t = &lx->tok;
	uint32_t start = t->pos.offset;
	lx->pos = start + 1;
	bool in_class = false;
	for (;;) {
		if (lx->pos >= lx->len)
			lexer_fail(lx, t->pos, "Invalid regular expression: missing /");
		unsigned char c = (unsigned char)lx->src[lx->pos];
		if (c == '\n' || c == '\r')
			lexer_fail(lx, t->pos, "Invalid regular expression: missing /");
		if (c == 0xe2) {
			uint32_t j = lx->pos;
			uint32_t cp = utf8_decode(lx->src, lx->len, &j);
			if (cp == 0x2028 || cp == 0x2029)
				lexer_fail(lx, t->pos, "Invalid regular expression: missing /");
		}
		if (c == '\\') {
			lx->pos++;
			if (lx->pos < lx->len && (lx->src[lx->pos] == '\n' || lx->src[lx->pos] == '\r'))
				lexer_fail(lx, t->pos, "Invalid regular expression: missing /");
			lx->pos++;
			continue;
		}
		lx->pos++;
		if (c == '[')
			in_class = true;
		else if (c == ']')
			in_class = false;
		else if (c == '/' && !in_class)
			break;
	}
	uint32_t pend = lx->pos - 1;
	uint32_t fstart = lx->pos;
	while (lx->pos < lx->len) {
		uint32_t j = lx->pos;
		uint32_t cp = lx->src[j] == '\\' ? '\\' : utf8_decode(lx->src, lx->len, &j);
		if (cp == '\\' || !lexer_id_part(cp))
			break;
		lx->pos = j;
	}
	check_regexp(lx, start + 1, pend, fstart, lx->pos);
	t->type = TK_REGEXP;
	t->str.s = ast_strndup(lx->arena, lx->src + start + 1, pend - start - 1);
	t->str.len = pend - start - 1;
	t->raw.s = ast_strndup(lx->arena, lx->src + fstart, lx->pos - fstart);
	t->raw.len = lx->pos - fstart;
	t->end = lx->pos;
}

void lexer_rescan_template(struct lexer *lx)
{
	struct token *t = &lx->tok;
	lx->pos = t->pos.offset + 1;
	t->escaped = false;
	scan_template(lx);
	t->end = lx->pos;
}

void lexer_split_gt(struct lexer *lx)
{
	struct token *t = &lx->tok;
	/* Re-lex from one byte after the '>' start: the remainder is a token. */
	uint32_t off = t->pos.offset + 1;
	lx->pos = off;
	struct ast_pos p = lexer_pos_at(lx, off);
	int c = peekc(lx, 0), c2 = peekc(lx, 1), c3 = peekc(lx, 2);
	t->nl_before = false;
	t->pos = p;
	if (c == '>' && c2 == '>' && c3 == '=') {
		t->type = TK_USHR_ASSIGN;
		lx->pos += 3;
	} else if (c == '>' && c2 == '>') {
		t->type = TK_USHR;
		lx->pos += 2;
	} else if (c == '>' && c2 == '=') {
		t->type = TK_SHR_ASSIGN;
		lx->pos += 2;
	} else if (c == '>') {
		t->type = TK_GT;
		lx->pos += 1;
	} else if (c == '=') {
		t->type = TK_ASSIGN;
		lx->pos += 1;
	}
	/* `>==` cannot occur: '>=' followed by '=' lexes as '>=' '='. */
	t->end = lx->pos;
}

#define P(n, tt)                                                                                                       \
	do {                                                                                                           \
		lx->pos += (n);                                                                                        \
		t->type = (tt);                                                                                        \
		goto done;                                                                                             \
	} while (0)

void lexer_next(struct lexer *lx)
{
	struct token *t = &lx->tok;
	bool nl = skip_space(lx);
	memset(t, 0, sizeof(*t));
	t->nl_before = nl;
	uint32_t start = lx->pos;
	t->pos = lexer_pos_at(lx, start);
	if (lx->pos >= lx->len) {
		t->type = TK_EOF;
		t->end = lx->pos;
		return;
	}
	int c = peekc(lx, 0), c1 = peekc(lx, 1), c2 = peekc(lx, 2), c3 = peekc(lx, 3);
	switch (c) {
	case '{': P(1, TK_LBRACE);
	case '}': P(1, TK_RBRACE);
	case '(': P(1, TK_LPAREN);
	case ')': P(1, TK_RPAREN);
	case '[': P(1, TK_LBRACKET);
	case ']': P(1, TK_RBRACKET);
	case ';': P(1, TK_SEMI);
	case ',': P(1, TK_COMMA);
	case ':': P(1, TK_COLON);
	case '~': P(1, TK_TILDE);
	case '@': P(1, TK_AT);
	case '.':
		if (is_dec(c1)) {
			scan_number(lx, start);
			goto done;
		}
		if (c1 == '.' && c2 == '.')
			P(3, TK_ELLIPSIS);
		P(1, TK_DOT);
	case '?':
		if (c1 == '?')
			P(c2 == '=' ? 3 : 2, c2 == '=' ? TK_NULLISH_ASSIGN : TK_NULLISH);
		if (c1 == '.' && !is_dec(c2))
			P(2, TK_QDOT);
		P(1, TK_QUESTION);
	case '<':
		if (c1 == '<')
			P(c2 == '=' ? 3 : 2, c2 == '=' ? TK_SHL_ASSIGN : TK_SHL);
		if (c1 == '=')
			P(2, TK_LE);
		P(1, TK_LT);
	case '>':
		if (c1 == '>') {
			if (c2 == '>')
				P(c3 == '=' ? 4 : 3, c3 == '=' ? TK_USHR_ASSIGN : TK_USHR);
			P(c2 == '=' ? 3 : 2, c2 == '=' ? TK_SHR_ASSIGN : TK_SHR);
		}
		if (c1 == '=')
			P(2, TK_GE);
		P(1, TK_GT);
	case '=':
		if (c1 == '=')
			P(c2 == '=' ? 3 : 2, c2 == '=' ? TK_SEQ : TK_EQ);
		if (c1 == '>')
			P(2, TK_ARROW);
		P(1, TK_ASSIGN);
	case '!':
		if (c1 == '=')
			P(c2 == '=' ? 3 : 2, c2 == '=' ? TK_SNE : TK_NE);
		P(1, TK_BANG);
	case '+':
		if (c1 == '+')
			P(2, TK_INC);
		if (c1 == '=')
			P(2, TK_PLUS_ASSIGN);
		P(1, TK_PLUS);
	case '-':
		if (c1 == '-')
			P(2, TK_DEC);
		if (c1 == '=')
			P(2, TK_MINUS_ASSIGN);
		P(1, TK_MINUS);
	case '*':
		if (c1 == '*')
			P(c2 == '=' ? 3 : 2, c2 == '=' ? TK_STARSTAR_ASSIGN : TK_STARSTAR);
		if (c1 == '=')
			P(2, TK_STAR_ASSIGN);
		P(1, TK_STAR);
	case '/':
		if (c1 == '=')
			P(2, TK_SLASH_ASSIGN);
		P(1, TK_SLASH);
	case '%':
		if (c1 == '=')
			P(2, TK_PERCENT_ASSIGN);
		P(1, TK_PERCENT);
	case '&':
		if (c1 == '&')
			P(c2 == '=' ? 3 : 2, c2 == '=' ? TK_AND_ASSIGN : TK_AND);
		if (c1 == '=')
			P(2, TK_AMP_ASSIGN);
		P(1, TK_AMP);
	case '|':
		if (c1 == '|')
			P(c2 == '=' ? 3 : 2, c2 == '=' ? TK_OR_ASSIGN : TK_OR);
		if (c1 == '=')
			P(2, TK_PIPE_ASSIGN);
		P(1, TK_PIPE);
	case '^':
		if (c1 == '=')
			P(2, TK_CARET_ASSIGN);
		P(1, TK_CARET);
	case '"':
	case '\'': scan_string(lx, c); goto done;
	case '`':
		lx->pos++;
		scan_template(lx);
		goto done;
	case '#':
		lx->pos++;
		if (lx->pos < lx->len) {
			uint32_t j = lx->pos;
			uint32_t cp = lx->src[j] == '\\' ? 'a' : utf8_decode(lx->src, lx->len, &j);
			if (lexer_id_start(cp)) {
				scan_name(lx, start, true);
				goto done;
			}
		}
		lexer_fail(lx, t->pos, "Invalid or unexpected token");
	default: break;
	}
	if (is_dec(c)) {
		scan_number(lx, start);
		goto done;
	}
	if (c == '\\' || (c < 0x80 && lexer_id_start((uint32_t)c))) {
		scan_name(lx, start, false);
		goto done;
	}
	if (c >= 0x80) {
		uint32_t j = lx->pos;
		uint32_t cp = utf8_decode(lx->src, lx->len, &j);
		if (lexer_id_start(cp)) {
			scan_name(lx, start, false);
			goto done;
		}
	}
	lexer_fail(lx, t->pos, "Invalid or unexpected token");
done:
	t->end = lx->pos;
}
