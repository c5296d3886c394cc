/* jsonc: strict JSON with comments, positions kept for every value.
 * Runs in: supervisor. Input: operator policy files. */
#include "jsonc.h"
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parser {
	const char *s;
	size_t len, pos;
	unsigned line, col;
	struct jsonc_error *err;
	int rc; /* first error: -EINVAL or -ENOMEM */
};

__attribute__((format(printf, 4, 5))) static int fail_at(struct parser *p, unsigned line, unsigned col, const char *fmt,
                                                         ...)
{
	if (p->rc)
		return p->rc;
	va_list ap;
	va_start(ap, fmt);
	p->err->line = line;
	p->err->col = col;
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
	p->rc = -EINVAL;
	return p->rc;
}

#define FAIL(p, ...) fail_at((p), (p)->line, (p)->col, __VA_ARGS__)

static int oom(struct parser *p)
{
	if (!p->rc) {
		p->err->line = p->line;
		p->err->col = p->col;
		snprintf(p->err->msg, sizeof(p->err->msg), "out of memory");
		p->rc = -ENOMEM;
	}
	return p->rc;
}

static int peek(const struct parser *p)
{
	return p->pos < p->len ? (unsigned char)p->s[p->pos] : -1;
}

/* Columns count characters, so UTF-8 continuation bytes do not advance them. */
static void advance(struct parser *p)
{
	unsigned char c = (unsigned char)p->s[p->pos++];
	if (c == '\n') {
		p->line++;
		p->col = 1;
	} else if ((c & 0xC0) != 0x80) {
		p->col++;
	}
}

static int skip_space(struct parser *p)
{
	for (;;) {
		int c = peek(p);
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			advance(p);
		} else if (c == '/' && p->pos + 1 < p->len && p->s[p->pos + 1] == '/') {
			while (p->pos < p->len && p->s[p->pos] != '\n')
				advance(p);
		} else if (c == '/' && p->pos + 1 < p->len && p->s[p->pos + 1] == '*') {
			unsigned l = p->line, co = p->col;
			advance(p);
			advance(p);
			for (;;) {
				if (p->pos + 1 >= p->len) {
					return fail_at(p, l, co, "unterminated comment");
				}
				if (p->s[p->pos] == '*' && p->s[p->pos + 1] == '/') {
					advance(p);
					advance(p);
					break;
				}
				advance(p);
			}
		} else if (c == '/') {
			return FAIL(p, "'/' does not start a comment (use // or /* */)");
		} else {
			return 0;
		}
	}
}

static struct jsonc_value *new_value(struct parser *p, enum jsonc_type t, unsigned line, unsigned col)
{
	struct jsonc_value *v = calloc(1, sizeof(*v));
	if (!v) {
		oom(p);
		return NULL;
	}
	v->type = t;
	v->line = line;
	v->col = col;
	return v;
}

static int read_hex4(struct parser *p, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		int h = util_hexval(peek(p));
		if (h < 0)
			return FAIL(p, "\\u needs four hex digits");
		v = v << 4 | (unsigned)h;
		advance(p);
	}
	*out = v;
	return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Length of a valid UTF-8 sequence starting at s[0], 0 if invalid
 * (overlong forms, surrogates and values above U+10FFFF are invalid). */
static size_t utf8_seq(const unsigned char *s, size_t avail)
{
	unsigned c = s[0], cp, n;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if (avail < n)
		return 0;
	for (unsigned i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

/* Reads a string at the opening quote into a fresh buffer. Escaped output
 * is never longer than its source, so the source span bounds the buffer. */
static int parse_string(struct parser *p, char **out, size_t *outlen)
{
	unsigned l0 = p->line, c0 = p->col;
	advance(p); /* opening quote */
	size_t start = p->pos, end = start;
	while (end < p->len && p->s[end] != '"') {
		if (p->s[end] == '\\')
			end++;
		end++;
	}
	char *buf = malloc(end - start + 1);
	if (!buf)
		return oom(p);
	size_t n = 0;
	for (;;) {
		int c = peek(p);
		if (c < 0 || c == '\n') {
			free(buf);
			return fail_at(p, l0, c0, "unterminated string");
		}
		if (c == '"') {
			advance(p);
			break;
		}
		if (c < 0x20) {
			free(buf);
			return FAIL(p, "control character in string (write it as an escape)");
		}
		if (c == '\\') {
			unsigned el = p->line, ec = p->col;
			advance(p);
			int e = peek(p);
			const char *map = "\"\"\\\\//b\bf\fn\nr\rt\t";
			const char *m = e > 0 ? strchr(map, e) : NULL;
			if (e == 'u') {
				advance(p);
				unsigned cp, lo;
				if (read_hex4(p, &cp) < 0)
					goto bad;
				if (cp >= 0xD800 && cp <= 0xDBFF) {
					if (peek(p) != '\\' || p->pos + 1 >= p->len || p->s[p->pos + 1] != 'u') {
						fail_at(p, el, ec, "unpaired UTF-16 surrogate in \\u escape");
						goto bad;
					}
					advance(p);
					advance(p);
					if (read_hex4(p, &lo) < 0)
						goto bad;
					if (lo < 0xDC00 || lo > 0xDFFF) {
						fail_at(p, el, ec, "unpaired UTF-16 surrogate in \\u escape");
						goto bad;
					}
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
					fail_at(p, el, ec, "unpaired UTF-16 surrogate in \\u escape");
					goto bad;
				}
				if (cp == 0) {
					fail_at(p, el, ec, "\\u0000 is not allowed in a policy string");
					goto bad;
				}
				n += put_utf8(buf + n, cp);
			} else if (m && ((m - map) % 2) == 0) {
				buf[n++] = m[1];
				advance(p);
			} else {
				fail_at(p, el, ec, "unknown escape '\\%c'", e > 0x20 && e < 0x7f ? e : '?');
				goto bad;
			}
			continue;
		}
		size_t k = utf8_seq((const unsigned char *)p->s + p->pos, p->len - p->pos);
		if (!k) {
			FAIL(p, "invalid UTF-8 in string");
			goto bad;
		}
		memcpy(buf + n, p->s + p->pos, k);
		n += k;
		for (size_t i = 0; i < k; i++)
			advance(p);
	}
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	return 0;
bad:
	free(buf);
	return p->rc;
}

static int parse_number(struct parser *p, struct jsonc_value *v)
{
	v->is_int = true;
	if (peek(p) == '-') {
		v->neg = true;
		advance(p);
	}
	int c = peek(p);
	if (c < '0' || c > '9')
		return FAIL(p, "expected a digit");
	if (c == '0' && p->pos + 1 < p->len && p->s[p->pos + 1] >= '0' && p->s[p->pos + 1] <= '9')
		return FAIL(p, "numbers must not have leading zeros");
	while ((c = peek(p)) >= '0' && c <= '9') {
		unsigned d = (unsigned)(c - '0');
		if (v->mag > (UINT64_MAX - d) / 10)
			v->overflow = true;
		else
			v->mag = v->mag * 10 + d;
		advance(p);
	}
	if (peek(p) == '.') {
		v->is_int = false;
		advance(p);
		if ((c = peek(p)) < '0' || c > '9')
			return FAIL(p, "expected a digit after '.'");
		while ((c = peek(p)) >= '0' && c <= '9')
			advance(p);
	}
	if (peek(p) == 'e' || peek(p) == 'E') {
		v->is_int = false;
		advance(p);
		if (peek(p) == '+' || peek(p) == '-')
			advance(p);
		if ((c = peek(p)) < '0' || c > '9')
			return FAIL(p, "expected a digit in the exponent");
		while ((c = peek(p)) >= '0' && c <= '9')
			advance(p);
	}
	return 0;
}

static bool is_word(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static struct jsonc_value *parse_value(struct parser *p, int depth);

static struct jsonc_value *parse_array(struct parser *p, struct jsonc_value *v, int depth)
{
	size_t cap = 0;
	advance(p);
	for (;;) {
		if (skip_space(p) < 0)
			return NULL;
		if (peek(p) == ']') {
			advance(p);
			return v;
		}
		if (v->n_items == cap) {
			size_t ncap = cap ? cap * 2 : 4;
			struct jsonc_value **ni = realloc(v->items, ncap * sizeof(*ni));
			if (!ni) {
				oom(p);
				return NULL;
			}
			v->items = ni;
			cap = ncap;
		}
		struct jsonc_value *item = parse_value(p, depth + 1);
		if (!item)
			return NULL;
		v->items[v->n_items++] = item;
		if (skip_space(p) < 0)
			return NULL;
		if (peek(p) == ',') {
			advance(p);
		} else if (peek(p) != ']') {
			FAIL(p, "expected ',' or ']' in array");
			return NULL;
		}
	}
}

static struct jsonc_value *parse_object(struct parser *p, struct jsonc_value *v, int depth)
{
	size_t cap = 0;
	advance(p);
	for (;;) {
		if (skip_space(p) < 0)
			return NULL;
		if (peek(p) == '}') {
			advance(p);
			return v;
		}
		if (peek(p) != '"') {
			FAIL(p, "expected a quoted key or '}'");
			return NULL;
		}
		if (v->n_members == cap) {
			size_t ncap = cap ? cap * 2 : 4;
			struct jsonc_member *nm = realloc(v->members, ncap * sizeof(*nm));
			if (!nm) {
				oom(p);
				return NULL;
			}
			v->members = nm;
			cap = ncap;
		}
		struct jsonc_member *m = &v->members[v->n_members];
		*m = (struct jsonc_member){.line = p->line, .col = p->col};
		size_t klen;
		if (parse_string(p, &m->key, &klen) < 0)
			return NULL;
		v->n_members++; /* owned by v from here, so freed on any error below */
		for (size_t i = 0; i + 1 < v->n_members; i++) {
			if (strcmp(v->members[i].key, m->key) == 0) {
				fail_at(p, m->line, m->col, "duplicate key \"%s\" (first at line %u)", m->key,
				        v->members[i].line);
				return NULL;
			}
		}
		if (skip_space(p) < 0)
			return NULL;
		if (peek(p) != ':') {
			FAIL(p, "expected ':' after key");
			return NULL;
		}
		advance(p);
		if (skip_space(p) < 0)
			return NULL;
		m->val = parse_value(p, depth + 1);
		if (!m->val)
			return NULL;
		if (skip_space(p) < 0)
			return NULL;
		if (peek(p) == ',') {
			advance(p);
		} else if (peek(p) != '}') {
			FAIL(p, "expected ',' or '}' in object");
			return NULL;
		}
	}
}

static struct jsonc_value *parse_value(struct parser *p, int depth)
{
	if (depth > JSONC_MAX_DEPTH) {
		FAIL(p, "nested deeper than %d levels", JSONC_MAX_DEPTH);
		return NULL;
	}
	if (skip_space(p) < 0)
		return NULL;
	int c = peek(p);
	unsigned line = p->line, col = p->col;
	struct jsonc_value *v, *r;
	if (c < 0) {
		FAIL(p, "unexpected end of file, expected a value");
		return NULL;
	}
	switch (c) {
	case '{':
		if (!(v = new_value(p, JSONC_OBJECT, line, col)))
			return NULL;
		r = parse_object(p, v, depth);
		break;
	case '[':
		if (!(v = new_value(p, JSONC_ARRAY, line, col)))
			return NULL;
		r = parse_array(p, v, depth);
		break;
	case '"':
		if (!(v = new_value(p, JSONC_STRING, line, col)))
			return NULL;
		r = parse_string(p, &v->str, &v->len) < 0 ? NULL : v;
		break;
	default:
		if (c == '-' || (c >= '0' && c <= '9')) {
			if (!(v = new_value(p, JSONC_NUMBER, line, col)))
				return NULL;
			r = parse_number(p, v) < 0 ? NULL : v;
			break;
		}
		size_t start = p->pos;
		while (p->pos < p->len && is_word(peek(p)))
			advance(p);
		size_t n = p->pos - start;
		const char *w = p->s + start;
		if (n == 4 && memcmp(w, "true", 4) == 0) {
			if ((v = new_value(p, JSONC_BOOL, line, col)))
				v->b = true;
		} else if (n == 5 && memcmp(w, "false", 5) == 0) {
			v = new_value(p, JSONC_BOOL, line, col);
		} else if (n == 4 && memcmp(w, "null", 4) == 0) {
			v = new_value(p, JSONC_NULL, line, col);
		} else if (n > 0) {
			fail_at(p, line, col, "unexpected word '%.*s' (strings need double quotes)",
			        (int)(n > 40 ? 40 : n), w);
			return NULL;
		} else {
			fail_at(p, line, col, "unexpected character '%c'", c >= 0x20 && c < 0x7f ? c : '?');
			return NULL;
		}
		return v;
	}
	if (!r) {
		jsonc_free(v);
		return NULL;
	}
	if (p->pos < p->len && (r->type == JSONC_NUMBER) && is_word(peek(p))) {
		FAIL(p, "unexpected character after number");
		jsonc_free(r);
		return NULL;
	}
	return r;
}

int jsonc_parse(const char *text, size_t len, struct jsonc_value **out, struct jsonc_error *err)
{
	struct parser p = {.s = text, .len = len, .line = 1, .col = 1, .err = err};
	*out = NULL;
	memset(err, 0, sizeof(*err));
	/* A UTF-8 byte order mark is what some editors write; skip it. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		p.pos = 3;
	struct jsonc_value *v = parse_value(&p, 0);
	if (!v)
		return p.rc ? p.rc : -EINVAL;
	if (skip_space(&p) < 0 || (p.pos < p.len && FAIL(&p, "unexpected text after the value") < 0)) {
		jsonc_free(v);
		return p.rc;
	}
	*out = v;
	return 0;
}

void jsonc_free(struct jsonc_value *v)
{
	if (!v)
		return;
	free(v->str);
	for (size_t i = 0; i < v->n_items; i++)
		jsonc_free(v->items[i]);
	free(v->items);
	for (size_t i = 0; i < v->n_members; i++) {
		free(v->members[i].key);
		jsonc_free(v->members[i].val);
	}
	free(v->members);
	free(v);
}

struct jsonc_member *jsonc_get(const struct jsonc_value *obj, const char *key)
{
	if (!obj || obj->type != JSONC_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->n_members; i++)
		if (strcmp(obj->members[i].key, key) == 0)
			return &obj->members[i];
	return NULL;
}

const char *jsonc_type_name(enum jsonc_type t)
{
	switch (t) {
	case JSONC_NULL: return "null";
	case JSONC_BOOL: return "a boolean";
	case JSONC_NUMBER: return "a number";
	case JSONC_STRING: return "a string";
	case JSONC_ARRAY: return "an array";
	case JSONC_OBJECT: return "an object";
	}
	return "?";
}
