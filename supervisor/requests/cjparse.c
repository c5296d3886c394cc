/* cjparse: see cjparse.h. */
#include "cjparse.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The code unit of a \uXXXX escape at p (p[0] is the backslash), or -1. */
static long escape_at(const char *p, size_t left)
{
	if (left < 6 || p[0] != '\\' || p[1] != 'u')
		return -1;
	long v = 0;
	for (int i = 2; i < 6; i++) {
		int d = util_hexval((unsigned char)p[i]);
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* One pass over the escapes: counts the unpaired surrogates, and rewrites
 * them when out is not NULL (out aliases in, or is a copy of it). */
static size_t lone_pass(const char *in, size_t len, char *out)
{
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		if (in[i] != '\\') {
			i++;
			continue;
		}
		long u = escape_at(in + i, len - i);
		if (u < 0xd800 || u > 0xdfff) {
			i += 2; /* any other escape, an escaped backslash included */
			continue;
		}
		if (u <= 0xdbff) {
			long lo = escape_at(in + i + 6, len - i - 6);
			if (lo >= 0xdc00 && lo <= 0xdfff) {
				i += 12; /* a pair: a character outside the BMP */
				continue;
			}
		}
		if (out)
			memcpy(out + i + 2, "fffd", 4);
		n++;
		i += 6;
	}
	return n;
}

size_t cjparse_count_lone(const char *buf, size_t len)
{
	return lone_pass(buf, len, NULL);
}

size_t cjparse_fix_lone(char *buf, size_t len)
{
	return lone_pass(buf, len, buf);
}

cJSON *cjparse_prefix(const char *text, size_t len, size_t *end, size_t *err_at)
{
	*end = 0;
	*err_at = 0;
	/* The common case, no lone escape, parses the caller's bytes. */
	char *copy = NULL;
	const char *src = text;
	if (cjparse_count_lone(text, len)) {
		if (!(copy = malloc(len ? len : 1)))
			return NULL;
		memcpy(copy, text, len);
		cjparse_fix_lone(copy, len);
		src = copy;
	}
	const char *stop = NULL;
	cJSON *v = cJSON_ParseWithLengthOpts(src, len, &stop, false);
	if (v)
		*end = stop ? (size_t)(stop - src) : len;
	else {
		/* cJSON sets its error pointer for malformed text, not for a
		 * failed allocation; a stale one from an earlier parse may point
		 * anywhere, so only a pointer into this text counts. */
		const char *at = cJSON_GetErrorPtr();
		*err_at = at && at >= src && at <= src + len ? (size_t)(at - src) : 0;
	}
	free(copy);
	return v;
}

cJSON *cjparse(const char *text, size_t len)
{
	size_t end, err_at;
	cJSON *v = cjparse_prefix(text, len, &end, &err_at);
	if (!v)
		return NULL;
	while (end < len && (text[end] == ' ' || text[end] == '\t' || text[end] == '\n' || text[end] == '\r'))
		end++;
	if (end != len) {
		cJSON_Delete(v);
		return NULL;
	}
	return v;
}
