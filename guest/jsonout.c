/* jsonout: see jsonout.h. */
#include "jsonout.h"

#include <stdint.h>
#include <string.h>

static const char hex[] = "0123456789abcdef";

/* Length of a valid UTF-8 sequence (surrogates excluded) at p, or 0. */
static size_t valid_seq(const uint8_t *p, size_t left)
{
	uint8_t b = p[0];
	if (b < 0x80)
		return 1;
	if (b >= 0xc2 && b <= 0xdf)
		return left >= 2 && (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (b >= 0xe0 && b <= 0xef) {
		if (left < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
		if (b == 0xe0 && p[1] < 0xa0)
			return 0; /* overlong */
		if (b == 0xed && p[1] >= 0xa0)
			return 0; /* surrogate: handled by the caller */
		return 3;
	}
	if (b >= 0xf0 && b <= 0xf4) {
		if (left < 4 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
			return 0;
		if ((b == 0xf0 && p[1] < 0x90) || (b == 0xf4 && p[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

/* The surrogate code unit encoded at p (ED A0..BF xx), or 0. */
static unsigned surrogate_at(const uint8_t *p, size_t left)
{
	if (left < 3 || p[0] != 0xed || p[1] < 0xa0 || p[1] > 0xbf || (p[2] & 0xc0) != 0x80)
		return 0;
	return 0xd000u | ((unsigned)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
}

size_t jsonout_utf8(const char *in, size_t n, char *out)
{
	const uint8_t *p = (const uint8_t *)in;
	uint8_t *o = (uint8_t *)out;
	size_t i = 0;
	while (i < n) {
		/* Duktape escapes U+2028/U+2029 ("\u2028"); ES2019's JSON.stringify,
		 * node's, writes them raw, and the wire carries node's text. A
		 * backslash only occurs in the text as an escape, so copying each
		 * escape whole keeps "\\u2028" (an escaped backslash) intact. */
		if (p[i] == '\\' && i + 1 < n) {
			if (p[i + 1] == 'u' && n - i >= 6 && memcmp(p + i + 2, "202", 3) == 0 &&
			    (p[i + 5] == '8' || p[i + 5] == '9')) {
				*o++ = 0xe2;
				*o++ = 0x80;
				*o++ = (uint8_t)(p[i + 5] == '8' ? 0xa8 : 0xa9);
				i += 6;
			} else {
				*o++ = p[i];
				*o++ = p[i + 1];
				i += 2;
			}
			continue;
		}
		size_t k = valid_seq(p + i, n - i);
		if (k) {
			memcpy(o, p + i, k);
			o += k;
			i += k;
			continue;
		}
		unsigned hi = surrogate_at(p + i, n - i);
		if (hi) {
			unsigned lo = hi <= 0xdbff ? surrogate_at(p + i + 3, n - i - 3) : 0;
			if (lo >= 0xdc00) {
				uint32_t cp = 0x10000u + ((hi - 0xd800u) << 10) + (lo - 0xdc00u);
				*o++ = (uint8_t)(0xf0 | (cp >> 18));
				*o++ = (uint8_t)(0x80 | ((cp >> 12) & 0x3f));
				*o++ = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
				*o++ = (uint8_t)(0x80 | (cp & 0x3f));
				i += 6;
			} else {
				/* A lone surrogate has no UTF-8 form. JSON's escape
				 * for it is legal (RFC 8259 §8.2) and is what node's
				 * JSON.stringify writes, so the host reads back the
				 * string the program made; the supervisor's cJSON
				 * parses go through cjparse, which accepts it. The
				 * text is inside a string: a surrogate's bytes can
				 * only come from a string Duktape encoded. */
				*o++ = '\\';
				*o++ = 'u';
				*o++ = 'd';
				*o++ = (uint8_t)hex[(hi >> 8) & 0xf];
				*o++ = (uint8_t)hex[(hi >> 4) & 0xf];
				*o++ = (uint8_t)hex[hi & 0xf];
				i += 3;
			}
			continue;
		}
		*o++ = 0xef;
		*o++ = 0xbf;
		*o++ = 0xbd;
		i++;
	}
	return (size_t)(o - (uint8_t *)out);
}

size_t jsonout_quote(const char *s, size_t n, char *out)
{
	char *o = out;
	*o++ = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '"' || ch == '\\') {
			*o++ = '\\';
			*o++ = (char)ch;
		} else if (ch < 0x20 || ch >= 0x80) {
			/* Non-ASCII is escaped byte-wise as Latin-1 code points: the
			 * fallback text is ours (ASCII) except for a user message,
			 * for which exactness matters less than validity. */
			*o++ = '\\';
			*o++ = 'u';
			*o++ = '0';
			*o++ = '0';
			*o++ = hex[ch >> 4];
			*o++ = hex[ch & 0xf];
		} else {
			*o++ = (char)ch;
		}
	}
	*o++ = '"';
	return (size_t)(o - out);
}
