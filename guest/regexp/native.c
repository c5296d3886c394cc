/* native: Duktape bindings of the RegExp engine (see native.h).
 *
 * Duktape strings are CESU-8; the engine matches UTF-16 code units. The last
 * subject is kept converted (and referenced from the heap stash, so its
 * address stays unique while cached): a global replace or matchAll calls
 * exec once per match on the same string and must not convert it each time. */
#include "native.h"

#include <stdlib.h>
#include <string.h>

#include "program.h"
#include "regexp.h"

static struct {
	void *str; /* heap pointer of the cached subject */
	uint16_t *units;
	size_t n, cap;
} cache;

static struct regexp_state state;

/* CESU-8 (or UTF-8) to UTF-16. Returns the number of code units or -1. */
static long to_utf16(const unsigned char *s, size_t n, uint16_t **buf, size_t *cap)
{
	if (*cap < n + 1) {
		uint16_t *nb = realloc(*buf, (n + 1) * sizeof *nb);
		if (!nb)
			return -1;
		*buf = nb;
		*cap = n + 1;
	}
	uint16_t *o = *buf;
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		unsigned c = s[i];
		uint32_t cp;
		if (c < 0x80) {
			cp = c;
			i++;
		} else if ((c & 0xe0) == 0xc0 && i + 1 < n) {
			cp = ((c & 0x1fu) << 6) | (s[i + 1] & 0x3fu);
			i += 2;
		} else if ((c & 0xf0) == 0xe0 && i + 2 < n) {
			cp = ((c & 0x0fu) << 12) | ((s[i + 1] & 0x3fu) << 6) | (s[i + 2] & 0x3fu);
			i += 3;
		} else if ((c & 0xf8) == 0xf0 && i + 3 < n) {
			cp = ((c & 0x07u) << 18) | ((s[i + 1] & 0x3fu) << 12) | ((s[i + 2] & 0x3fu) << 6) |
			     (s[i + 3] & 0x3fu);
			i += 4;
		} else {
			cp = 0xfffd;
			i++;
		}
		if (cp > 0xffff) {
			o[k++] = (uint16_t)(0xd800 + ((cp - 0x10000) >> 10));
			o[k++] = (uint16_t)(0xdc00 + ((cp - 0x10000) & 0x3ff));
		} else {
			o[k++] = (uint16_t)cp;
		}
	}
	return (long)k;
}

/* Pushes code units as a Duktape string (CESU-8: a surrogate is 3 bytes). */
static void push_units(duk_context *ctx, const uint16_t *u, size_t n)
{
	char buf[3 * 64], *o = buf;
	char *heap = NULL;
	if (n > 64) {
		heap = duk_alloc(ctx, 3 * n);
		o = heap;
	}
	char *w = o;
	for (size_t i = 0; i < n; i++) {
		unsigned c = u[i];
		if (c < 0x80) {
			*w++ = (char)c;
		} else if (c < 0x800) {
			*w++ = (char)(0xc0 | (c >> 6));
			*w++ = (char)(0x80 | (c & 0x3f));
		} else {
			*w++ = (char)(0xe0 | (c >> 12));
			*w++ = (char)(0x80 | ((c >> 6) & 0x3f));
			*w++ = (char)(0x80 | (c & 0x3f));
		}
	}
	duk_push_lstring(ctx, o, (duk_size_t)(w - o));
	duk_free(ctx, heap);
}

/* reCompile(source, flags) -> program buffer; throws V8's SyntaxError. */
static duk_ret_t re_compile(duk_context *ctx)
{
	duk_size_t sl, fl;
	const char *src = duk_require_lstring(ctx, 0, &sl);
	const char *fs = duk_require_lstring(ctx, 1, &fl);
	uint16_t *pat = NULL, *flg = NULL;
	size_t pcap = 0, fcap = 0;
	long pn = to_utf16((const unsigned char *)src, sl, &pat, &pcap);
	long fn = to_utf16((const unsigned char *)fs, fl, &flg, &fcap);
	unsigned flags;
	if (pn < 0 || fn < 0) {
		free(pat);
		free(flg);
		return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
	}
	if (regexp_parse_flags(flg, (size_t)fn, &flags) < 0) {
		free(pat);
		free(flg);
		return duk_error(ctx, DUK_ERR_SYNTAX_ERROR, "Invalid flags supplied to RegExp constructor '%s'", fs);
	}
	free(flg);
	struct regexp_prog prog;
	char err[REGEXP_ERRLEN];
	int r = regexp_compile(pat, (size_t)pn, flags, &prog, err);
	free(pat);
	if (r == -2)
		return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
	if (r < 0)
		return duk_error(ctx, DUK_ERR_SYNTAX_ERROR, "Invalid regular expression: /%s/%s: %s", src, fs, err);
	void *buf = duk_push_fixed_buffer(ctx, prog.nwords * sizeof(uint32_t));
	memcpy(buf, prog.words, prog.nwords * sizeof(uint32_t));
	free(prog.words);
	return 1;
}

static const uint32_t *require_prog(duk_context *ctx, duk_idx_t i)
{
	duk_size_t n;
	const uint32_t *w = duk_require_buffer(ctx, i, &n);
	if (n < H_SIZE * sizeof(uint32_t) || w[H_MAGIC] != RE_MAGIC)
		(void)duk_error(ctx, DUK_ERR_TYPE_ERROR, "not a RegExp program");
	return w;
}

/* reExec(prog, string, lastIndex) -> [s0, e0, s1, e1, ...] (-1 unmatched)
 * or null. */
static duk_ret_t re_exec(duk_context *ctx)
{
	const uint32_t *prog = require_prog(ctx, 0);
	duk_require_string(ctx, 1);
	double li = duk_require_number(ctx, 2);
	void *hp = duk_get_heapptr(ctx, 1);
	if (hp != cache.str) {
		duk_size_t bl;
		const char *b = duk_get_lstring(ctx, 1, &bl);
		long n = to_utf16((const unsigned char *)b, bl, &cache.units, &cache.cap);
		if (n < 0)
			return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
		cache.n = (size_t)n;
		cache.str = hp;
		/* Keep the string alive while its address is the cache key. */
		duk_push_heap_stash(ctx);
		duk_dup(ctx, 1);
		duk_put_prop_string(ctx, -2, "regexpSubject");
		duk_pop(ctx);
	}
	if (!(li >= 0) || li > (double)cache.n) {
		duk_push_null(ctx);
		return 1;
	}
	unsigned ncap = regexp_ncaptures(prog);
	int32_t caps_small[32], *caps = caps_small;
	if (2 * ncap > 32) {
		caps = malloc(2 * ncap * sizeof *caps);
		if (!caps)
			return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
	}
	int r = regexp_exec(prog, cache.units, cache.n, (size_t)li, caps, &state);
	if (r <= 0) {
		if (caps != caps_small)
			free(caps);
		if (r == REGEXP_ERR_STACK)
			return duk_error(ctx, DUK_ERR_RANGE_ERROR, "Maximum call stack size exceeded");
		if (r < 0)
			return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
		duk_push_null(ctx);
		return 1;
	}
	duk_push_array(ctx);
	for (unsigned i = 0; i < 2 * ncap; i++) {
		duk_push_int(ctx, caps[i]);
		duk_put_prop_index(ctx, -2, i);
	}
	if (caps != caps_small)
		free(caps);
	return 1;
}

/* reNames(prog) -> [name of group 1 or undefined, ...], or null if no group
 * is named. */
static duk_ret_t re_names(duk_context *ctx)
{
	const uint32_t *prog = require_prog(ctx, 0);
	if (!prog[H_NAMES]) {
		duk_push_null(ctx);
		return 1;
	}
	unsigned ncap = regexp_ncaptures(prog);
	duk_push_array(ctx);
	for (unsigned i = 1; i < ncap; i++) {
		size_t len;
		const uint16_t *nm = regexp_group_name(prog, i, &len);
		if (nm)
			push_units(ctx, nm, len);
		else
			duk_push_undefined(ctx);
		duk_put_prop_index(ctx, -2, i - 1);
	}
	return 1;
}

static const duk_function_list_entry funcs[] = {
        {"reCompile", re_compile, 2},
        {"reExec", re_exec, 3},
        {"reNames", re_names, 1},
        {NULL, NULL, 0},
};

void regexp_native_install(duk_context *ctx) { duk_put_function_list(ctx, -1, funcs); }
