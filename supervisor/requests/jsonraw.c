/* jsonraw: see jsonraw.h. */
#include "jsonraw.h"
#include "util.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct scan {
	const char *p, *end;
	const char *why;
};

static bool fail(struct scan *s, const char *why)
{
	if (!s->why)
		s->why = why;
	return false;
}

static void ws(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

/* At the opening quote. Escapes are checked, not decoded; raw control
 * bytes are refused (RFC 8259 section 7). */
static bool string(struct scan *s)
{
	s->p++;
	while (s->p < s->end) {
		unsigned char c = (unsigned char)*s->p++;
		if (c == '"')
			return true;
		if (c < 0x20)
			return fail(s, "control character in a string");
		if (c != '\\')
			continue;
		if (s->p >= s->end)
			break;
		c = (unsigned char)*s->p++;
		if (c == 'u') {
			if (s->end - s->p < 4)
				break;
			for (int i = 0; i < 4; i++)
				if (util_hexval(s->p[i]) < 0)
					return fail(s, "bad \\u escape");
			s->p += 4;
		} else if (!strchr("\"\\/bfnrt", c) || c == 0) {
			return fail(s, "bad escape in a string");
		}
	}
	return fail(s, "unterminated string");
}

static bool digits(struct scan *s)
{
	const char *start = s->p;
	while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
		s->p++;
	return s->p > start;
}

static bool number(struct scan *s)
{
	if (*s->p == '-')
		s->p++;
	if (s->p < s->end && *s->p == '0')
		s->p++;
	else if (!digits(s))
		return fail(s, "bad number");
	if (s->p < s->end && *s->p == '.') {
		s->p++;
		if (!digits(s))
			return fail(s, "bad number");
	}
	if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
		s->p++;
		if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
			s->p++;
		if (!digits(s))
			return fail(s, "bad number");
	}
	return true;
}

static bool literal(struct scan *s, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
		return fail(s, "unknown literal");
	s->p += n;
	return true;
}

/* One whole value, nesting followed with an explicit stack (no recursion:
 * a guest cannot grow the supervisor's C stack). */
static bool value(struct scan *s, enum jsonraw_kind *kind)
{
	char stack[JSONRAW_MAX_DEPTH];
	size_t d = 0;
	bool first = true;
	for (;;) {
		/* a value */
		ws(s);
		if (s->p >= s->end)
			return fail(s, "unexpected end of text");
		char c = *s->p;
		if (first && kind)
			*kind = c == '{'               ? JSONRAW_OBJECT
			        : c == '['             ? JSONRAW_ARRAY
			        : c == '"'             ? JSONRAW_STRING
			        : c == 't' || c == 'f' ? JSONRAW_BOOL
			        : c == 'n'             ? JSONRAW_NULL
			                               : JSONRAW_NUMBER;
		first = false;
		bool opened = false;
		if (c == '{' || c == '[') {
			if (d == JSONRAW_MAX_DEPTH)
				return fail(s, "nested too deeply");
			stack[d++] = c;
			s->p++;
			ws(s);
			if (s->p < s->end && *s->p == (c == '{' ? '}' : ']')) {
				s->p++;
				d--;
			} else {
				opened = true;
			}
		} else if (c == '"') {
			if (!string(s))
				return false;
		} else if (c == 't') {
			if (!literal(s, "true"))
				return false;
		} else if (c == 'f') {
			if (!literal(s, "false"))
				return false;
		} else if (c == 'n') {
			if (!literal(s, "null"))
				return false;
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			if (!number(s))
				return false;
		} else {
			return fail(s, "unexpected character");
		}
		if (opened && stack[d - 1] == '[')
			continue; /* the array's first element */
		/* after a value (or at an object's first key) */
		for (;;) {
			if (opened) {
				opened = false;
			} else {
				if (d == 0)
					return true;
				ws(s);
				if (s->p >= s->end)
					return fail(s, "unexpected end of text");
				char close = stack[d - 1] == '{' ? '}' : ']';
				if (*s->p == close) {
					s->p++;
					d--;
					continue;
				}
				if (*s->p != ',')
					return fail(s, "expected ',' or a closing bracket");
				s->p++;
				if (stack[d - 1] == '[')
					break; /* next element */
			}
			/* an object member's key and colon */
			ws(s);
			if (s->p >= s->end || *s->p != '"')
				return fail(s, "expected a string key");
			if (!string(s))
				return false;
			ws(s);
			if (s->p >= s->end || *s->p != ':')
				return fail(s, "expected ':'");
			s->p++;
			break;
		}
	}
}

bool jsonraw_valid(const char *buf, size_t len)
{
	struct scan s = {.p = buf, .end = buf + len};
	if (!value(&s, NULL))
		return false;
	ws(&s);
	return s.p == s.end;
}

static int members(const char *buf, size_t len, struct jsonraw_member *out, size_t max, size_t *n, const char **why,
                   bool strict_keys);

int jsonraw_members(const char *buf, size_t len, struct jsonraw_member *out, size_t max, size_t *n, const char **why)
{
	return members(buf, len, out, max, n, why, true);
}

int jsonraw_object(struct jsonraw_span v, struct jsonraw_member *out, size_t max, size_t *n, const char **why)
{
	return members(v.p, v.len, out, max, n, why, false);
}

int jsonraw_items(struct jsonraw_span v, struct jsonraw_span *out, enum jsonraw_kind *kinds, size_t max, size_t *n)
{
	struct scan s = {.p = v.p, .end = v.p + v.len};
	*n = 0;
	ws(&s);
	if (s.p >= s.end || *s.p != '[')
		return -EPROTO;
	s.p++;
	ws(&s);
	if (s.p < s.end && *s.p == ']')
		return 0;
	for (;;) {
		if (*n == max)
			return -EPROTO;
		ws(&s);
		const char *start = s.p;
		if (!value(&s, &kinds[*n]))
			return -EPROTO;
		out[(*n)++] = (struct jsonraw_span){start, (size_t)(s.p - start)};
		ws(&s);
		if (s.p < s.end && *s.p == ',') {
			s.p++;
			continue;
		}
		return s.p < s.end && *s.p == ']' ? 0 : -EPROTO;
	}
}

static void put_utf8(char *o, size_t *k, uint32_t cp)
{
	if (cp < 0x80) {
		o[(*k)++] = (char)cp;
	} else if (cp < 0x800) {
		o[(*k)++] = (char)(0xc0 | (cp >> 6));
		o[(*k)++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		o[(*k)++] = (char)(0xe0 | (cp >> 12));
		o[(*k)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[(*k)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		o[(*k)++] = (char)(0xf0 | (cp >> 18));
		o[(*k)++] = (char)(0x80 | ((cp >> 12) & 0x3f));
		o[(*k)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[(*k)++] = (char)(0x80 | (cp & 0x3f));
	}
}

static int hex4(const char *p)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		int h = util_hexval(p[i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

int jsonraw_string(struct jsonraw_span v, char **out, size_t *len, bool *nul, bool *lone)
{
	*out = NULL;
	*len = 0;
	*nul = *lone = false;
	struct scan s = {.p = v.p, .end = v.p + v.len};
	if (v.len < 2 || v.p[0] != '"' || !string(&s) || s.p != s.end)
		return -EPROTO;
	/* Decoding never grows the text: an escape of 6 bytes yields at most
	 * 3, a pair of 12 yields 4. */
	char *o = malloc(v.len);
	if (!o)
		return -ENOMEM;
	size_t k = 0;
	const char *p = v.p + 1, *end = v.p + v.len - 1;
	while (p < end) {
		if (*p != '\\') {
			o[k++] = *p++;
			continue;
		}
		char c = p[1];
		p += 2;
		switch (c) {
		case 'b': o[k++] = '\b'; break;
		case 'f': o[k++] = '\f'; break;
		case 'n': o[k++] = '\n'; break;
		case 'r': o[k++] = '\r'; break;
		case 't': o[k++] = '\t'; break;
		case 'u': {
			uint32_t cp = (uint32_t)hex4(p);
			p += 4;
			if (cp >= 0xd800 && cp <= 0xdbff && end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
				int lo = hex4(p + 2);
				if (lo >= 0xdc00 && lo <= 0xdfff) {
					cp = 0x10000u + ((cp - 0xd800u) << 10) + ((uint32_t)lo - 0xdc00u);
					p += 6;
				}
			}
			if (cp >= 0xd800 && cp <= 0xdfff) {
				cp = 0xfffd;
				*lone = true;
			}
			if (cp == 0)
				*nul = true;
			put_utf8(o, &k, cp);
			break;
		}
		default: o[k++] = c; break; /* '"', '\\', '/' */
		}
	}
	o[k] = '\0';
	*out = o;
	*len = k;
	return 0;
}

static int members(const char *buf, size_t len, struct jsonraw_member *out, size_t max, size_t *n, const char **why,
                   bool strict_keys)
{
	struct scan s = {.p = buf, .end = buf + len};
	*n = 0;
	*why = NULL;
	ws(&s);
	if (s.p >= s.end || *s.p != '{') {
		*why = "not a JSON object";
		return -EPROTO;
	}
	s.p++;
	ws(&s);
	if (s.p < s.end && *s.p == '}') {
		s.p++;
		goto tail;
	}
	for (;;) {
		ws(&s);
		if (s.p >= s.end || *s.p != '"') {
			*why = "expected a string key";
			return -EPROTO;
		}
		const char *k = s.p + 1;
		if (!string(&s))
			goto bad;
		size_t kl = (size_t)(s.p - 1 - k);
		if (strict_keys && memchr(k, '\\', kl)) {
			*why = "an envelope key holds an escape";
			return -EPROTO;
		}
		for (size_t i = 0; strict_keys && i < *n; i++)
			if (out[i].key.len == kl && memcmp(out[i].key.p, k, kl) == 0) {
				*why = "duplicate key";
				return -EPROTO;
			}
		if (*n == max) {
			*why = "too many members";
			return -EPROTO;
		}
		ws(&s);
		if (s.p >= s.end || *s.p != ':') {
			*why = "expected ':'";
			return -EPROTO;
		}
		s.p++;
		ws(&s);
		struct jsonraw_member *m = &out[(*n)++];
		m->key = (struct jsonraw_span){k, kl};
		const char *v = s.p;
		if (!value(&s, &m->kind))
			goto bad;
		m->value = (struct jsonraw_span){v, (size_t)(s.p - v)};
		ws(&s);
		if (s.p < s.end && *s.p == ',') {
			s.p++;
			continue;
		}
		if (s.p < s.end && *s.p == '}') {
			s.p++;
			break;
		}
		*why = "expected ',' or '}'";
		return -EPROTO;
	}
tail:
	ws(&s);
	if (s.p != s.end) {
		*why = "text after the object";
		return -EPROTO;
	}
	return 0;
bad:
	*why = s.why ? s.why : "malformed JSON";
	return -EPROTO;
}

const struct jsonraw_member *jsonraw_find(const struct jsonraw_member *m, size_t n, const char *key)
{
	size_t kl = strlen(key);
	for (size_t i = 0; i < n; i++)
		if (m[i].key.len == kl && memcmp(m[i].key.p, key, kl) == 0)
			return &m[i];
	return NULL;
}

/* ---- pretty printing ---- */

struct out {
	char *buf; /* NULL: only count */
	size_t n;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->buf)
		memcpy(o->buf + o->n, s, n);
	o->n += n;
}

static void indent(struct out *o, size_t k)
{
	put(o, "\n", 1);
	for (size_t i = 0; i < k; i++)
		put(o, "  ", 2);
}

static const char *skip_ws(const char *q, const char *end)
{
	while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
		q++;
	return q;
}

/* node's JSON.stringify(value, null, 2) layout: every non-empty container
 * puts each member or element on its own line, two spaces deeper; empty
 * ones print as {} and []; "key": value. */
static void pretty(const char *p, const char *end, struct out *o)
{
	size_t d = 0;
	while (p < end) {
		char c = *p;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			p++;
			continue;
		}
		if (c == '"') {
			const char *q = p + 1;
			while (q < end && *q != '"')
				q += *q == '\\' ? 2 : 1;
			q = q < end ? q + 1 : end;
			put(o, p, (size_t)(q - p));
			p = q;
			continue;
		}
		switch (c) {
		case '{':
		case '[': {
			const char *q = skip_ws(p + 1, end);
			char close = c == '{' ? '}' : ']';
			put(o, &c, 1);
			if (q < end && *q == close) {
				put(o, &close, 1);
				p = q + 1;
				continue;
			}
			indent(o, ++d);
			break;
		}
		case '}':
		case ']':
			d -= d > 0;
			indent(o, d);
			put(o, &c, 1);
			break;
		case ',':
			put(o, ",", 1);
			indent(o, d);
			break;
		case ':': put(o, ": ", 2); break;
		default: {
			const char *q = p;
			while (q < end && !strchr(" \t\n\r,:]}", *q))
				q++;
			put(o, p, (size_t)(q - p));
			p = q;
			continue;
		}
		}
		p++;
	}
}

char *jsonraw_pretty(const char *raw, size_t len)
{
	struct out o = {0};
	pretty(raw, raw + len, &o);
	o.buf = malloc(o.n + 1);
	if (!o.buf)
		return NULL;
	o.n = 0;
	pretty(raw, raw + len, &o);
	o.buf[o.n] = '\0';
	return o.buf;
}
