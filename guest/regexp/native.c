/* native: Duktape bindings of the RegExp engine (see native.h).
 *
 * Duktape strings are CESU-8; the engine matches UTF-16 code units. The last
 * subject is kept converted (and referenced from the heap stash, so its
 * address stays unique while cached): a global replace or matchAll calls
 * exec once per match on the same string and must not convert it each time. */
#include "native.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "program.h"
#include "regexp.h"

/* Hidden internal slots of RegExp objects, as guest/runtime/regexp.js
 * names them with cc.hidden(): 0xFF then the name. */
#define SLOT_PROG  DUK_HIDDEN_SYMBOL("RegExpMatcher")
#define SLOT_NAMES DUK_HIDDEN_SYMBOL("GroupNames")
#define SLOT_KIND  DUK_HIDDEN_SYMBOL("FlagBits")
#define SLOT_FAST  DUK_HIDDEN_SYMBOL("NonStickyMatcher")
/* Bits of SLOT_KIND (regexp.js K_G, K_Y, K_D, K_U). */
enum { KIND_G = 1, KIND_Y = 2, KIND_D = 4, KIND_U = 8 };

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

static const uint32_t *require_prog(duk_context *ctx, duk_idx_t i)
{
	duk_size_t n;
	const uint32_t *w = duk_require_buffer(ctx, i, &n);
	if (n < H_SIZE * sizeof(uint32_t) || w[H_MAGIC] != RE_MAGIC)
		(void)duk_error(ctx, DUK_ERR_TYPE_ERROR, "not a RegExp program");
	return w;
}

/* The program in hidden slot `slot` of the RegExp object at idx, pushed (so
 * it stays alive) and checked. Natives never take a program as an argument:
 * user code can call __cc's functions with any buffer, but cannot reach a
 * hidden slot, so every program a native runs was made by regexp_compile. */
static const uint32_t *prog_from(duk_context *ctx, duk_idx_t idx, const char *slot)
{
	duk_require_object(ctx, idx);
	duk_get_prop_string(ctx, idx, slot);
	return require_prog(ctx, -1);
}

/* Converts the subject at `idx` to UTF-16 unless it is the cached one. */
static void load_subject(duk_context *ctx, duk_idx_t idx)
{
	void *hp = duk_get_heapptr(ctx, idx);
	if (hp == cache.str)
		return;
	duk_size_t bl;
	const char *b = duk_get_lstring(ctx, idx, &bl);
	long n = to_utf16((const unsigned char *)b, bl, &cache.units, &cache.cap);
	if (n < 0)
		(void)duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
	cache.n = (size_t)n;
	cache.str = hp;
	/* Keep the string alive while its address is the cache key. */
	duk_push_heap_stash(ctx);
	duk_dup(ctx, idx);
	duk_put_prop_string(ctx, -2, "regexpSubject");
	duk_pop(ctx);
}

/* Runs prog on the subject at index 1 from lastIndex (index 2). Returns the
 * capture array (2 per group, -1 unmatched; caps_small or malloc'd) or NULL
 * for no match; throws on engine errors. */
static int32_t *match(duk_context *ctx, const uint32_t *prog, int32_t *caps_small, size_t nsmall)
{
	duk_require_string(ctx, 1);
	double li = duk_require_number(ctx, 2);
	load_subject(ctx, 1);
	if (!(li >= 0) || li > (double)cache.n)
		return NULL;
	unsigned ncap = regexp_ncaptures(prog);
	int32_t *caps = caps_small;
	/* Many groups: a GC-owned buffer on the value stack (freed even if a
	 * later step throws). */
	if (2 * (size_t)ncap > nsmall)
		caps = duk_push_fixed_buffer(ctx, 2 * (size_t)ncap * sizeof *caps);
	int r = regexp_exec(prog, cache.units, cache.n, (size_t)li, caps, &state);
	if (r > 0)
		return caps;
	if (r == REGEXP_ERR_STACK)
		(void)duk_error(ctx, DUK_ERR_RANGE_ERROR, "Maximum call stack size exceeded");
	if (r < 0)
		(void)duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
	return NULL;
}

#define CAPS_SMALL 64

/* reMatch(R, string, lastIndex, out) -> boolean; on a match fills the
 * Int32Array `out` (2 per group, -1 unmatched; at least 2 * groups long).
 * For the loops of replace/match/split, which need no result objects. */
static duk_ret_t re_match(duk_context *ctx)
{
	const uint32_t *prog = prog_from(ctx, 0, SLOT_PROG);
	duk_size_t olen;
	int32_t *out = duk_require_buffer_data(ctx, 3, &olen);
	unsigned ncap = regexp_ncaptures(prog);
	if (olen < 2 * (size_t)ncap * sizeof *out)
		return duk_error(ctx, DUK_ERR_RANGE_ERROR, "reMatch: output too small");
	int32_t small[CAPS_SMALL];
	int32_t *caps = match(ctx, prog, small, CAPS_SMALL);
	if (caps)
		memcpy(out, caps, 2 * (size_t)ncap * sizeof *out);
	duk_push_boolean(ctx, caps != NULL);
	return 1;
}

/* Defines o[key] = value at the top as CreateDataProperty does (no setter
 * on a prototype runs). Pops the value. */
static void define(duk_context *ctx, duk_idx_t o, const char *key)
{
	duk_push_string(ctx, key);
	duk_insert(ctx, -2);
	duk_def_prop(ctx, o, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WEC);
}

/* The groups object: for each named group, its element of array `src`;
 * undefined when the names value at `names` is not an array. */
static void push_groups_at(duk_context *ctx, duk_idx_t names, unsigned ncap, duk_idx_t src)
{
	if (!duk_is_object(ctx, names)) {
		duk_push_undefined(ctx);
		return;
	}
	duk_push_bare_object(ctx);
	duk_idx_t g = duk_get_top_index(ctx);
	for (unsigned i = 1; i < ncap; i++) {
		duk_get_prop_index(ctx, names, i - 1);
		if (duk_is_undefined(ctx, -1)) {
			duk_pop(ctx);
			continue;
		}
		duk_get_prop_index(ctx, src, i);
		duk_def_prop(ctx, g, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WEC);
	}
}

/* ToLength of the number at idx. */
static double to_length(duk_context *ctx, duk_idx_t idx)
{
	double d = duk_to_number(ctx, idx);
	if (!(d > 0))
		return 0;
	if (d > 9007199254740991.0)
		return 9007199254740991.0;
	return (double)(long long)d;
}

/* reBuiltinExec(R, S, testOnly): RegExpBuiltinExec for a RegExp R of
 * regexp.js (its slots checked by the caller) and a string S. Returns the
 * result array or null; with testOnly, true or false. */
static duk_ret_t re_builtin_exec(duk_context *ctx)
{
	bool test_only = duk_to_boolean(ctx, 2);
	duk_set_top(ctx, 3);
	duk_require_string(ctx, 1);
	duk_get_prop_string(ctx, 0, "lastIndex"); /* 3 */
	double li = to_length(ctx, 3);
	duk_get_prop_string(ctx, 0, SLOT_KIND); /* 4 */
	unsigned kind = duk_get_uint(ctx, 4);
	duk_get_prop_string(ctx, 0, SLOT_PROG); /* 5 */
	const uint32_t *prog = require_prog(ctx, 5);
	bool gy = (kind & (KIND_G | KIND_Y)) != 0;
	if (!gy)
		li = 0;
	load_subject(ctx, 1);
	int32_t small[CAPS_SMALL];
	int32_t *caps = NULL;
	if (li <= (double)cache.n) {
		/* match() reads the subject and lastIndex at 1 and 2. */
		duk_push_number(ctx, li);
		duk_replace(ctx, 2);
		caps = match(ctx, prog, small, CAPS_SMALL);
	}
	if (gy) {
		duk_push_int(ctx, caps ? caps[1] : 0);
		duk_put_prop_string(ctx, 0, "lastIndex");
	}
	if (test_only || !caps) {
		if (test_only)
			duk_push_boolean(ctx, caps != NULL);
		else
			duk_push_null(ctx);
		return 1;
	}
	unsigned ncap = regexp_ncaptures(prog);
	duk_get_prop_string(ctx, 0, SLOT_NAMES);
	duk_idx_t names = duk_get_top_index(ctx);
	duk_push_array(ctx);
	duk_idx_t a = duk_get_top_index(ctx);
	for (unsigned i = 0; i < ncap; i++) {
		if (caps[2 * i] < 0) {
			duk_push_undefined(ctx);
		} else {
			duk_dup(ctx, 1);
			duk_substring(ctx, -1, (duk_size_t)caps[2 * i], (duk_size_t)caps[2 * i + 1]);
		}
		duk_put_prop_index(ctx, a, i);
	}
	duk_push_int(ctx, caps[0]);
	define(ctx, a, "index");
	duk_dup(ctx, 1);
	define(ctx, a, "input");
	push_groups_at(ctx, names, ncap, a);
	define(ctx, a, "groups");
	if (kind & KIND_D) {
		duk_push_array(ctx);
		duk_idx_t d = duk_get_top_index(ctx);
		for (unsigned i = 0; i < ncap; i++) {
			if (caps[2 * i] < 0) {
				duk_push_undefined(ctx);
			} else {
				duk_push_array(ctx);
				duk_push_int(ctx, caps[2 * i]);
				duk_put_prop_index(ctx, -2, 0);
				duk_push_int(ctx, caps[2 * i + 1]);
				duk_put_prop_index(ctx, -2, 1);
			}
			duk_put_prop_index(ctx, d, i);
		}
		push_groups_at(ctx, names, ncap, d);
		define(ctx, d, "groups");
		define(ctx, a, "indices");
	}
	duk_dup(ctx, a);
	return 1;
}

/* Output of the loops below: CESU-8 bytes, as Duktape strings hold them. */
struct out {
	duk_context *ctx;
	char *b;
	size_t n, cap;
	duk_idx_t bufidx; /* a dynamic Duktape buffer: GC frees it on a throw */
};

static void out_init(struct out *o, duk_context *ctx)
{
	o->ctx = ctx;
	o->b = duk_push_dynamic_buffer(ctx, 0);
	o->bufidx = duk_get_top_index(ctx);
	o->n = o->cap = 0;
}

static void out_reserve(struct out *o, size_t more)
{
	if (o->n + more <= o->cap)
		return;
	size_t nc = o->cap ? o->cap : 256;
	while (nc < o->n + more)
		nc *= 2;
	o->b = duk_resize_buffer(o->ctx, o->bufidx, nc);
	o->cap = nc;
}

static void out_units(struct out *o, const uint16_t *u, size_t n)
{
	out_reserve(o, 3 * n);
	char *w = o->b + o->n;
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
	o->n = (size_t)(w - o->b);
}

static void out_bytes(struct out *o, const char *s, size_t n)
{
	out_reserve(o, n);
	memcpy(o->b + o->n, s, n);
	o->n += n;
}

static void out_push(struct out *o)
{
	duk_push_lstring(o->ctx, o->b, o->n);
}

static size_t advance(size_t i, bool unicode)
{
	if (unicode && i + 1 < cache.n && cache.units[i] >= 0xd800 && cache.units[i] <= 0xdbff &&
	    cache.units[i + 1] >= 0xdc00 && cache.units[i + 1] <= 0xdfff)
		return i + 2;
	return i + 1;
}

/* Runs prog at `pos` on the cached subject; throws on engine errors. */
static bool step(duk_context *ctx, const uint32_t *prog, size_t pos, int32_t *caps)
{
	int r = regexp_exec(prog, cache.units, cache.n, pos, caps, &state);
	if (r == REGEXP_ERR_STACK)
		(void)duk_error(ctx, DUK_ERR_RANGE_ERROR, "Maximum call stack size exceeded");
	if (r < 0)
		(void)duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
	return r > 0;
}

static int32_t *caps_for(duk_context *ctx, const uint32_t *prog, int32_t *small)
{
	unsigned ncap = regexp_ncaptures(prog);
	if (2 * (size_t)ncap > CAPS_SMALL)
		return duk_push_fixed_buffer(ctx, 2 * (size_t)ncap * sizeof(int32_t));
	return small;
}

/* reReplaceAll(R, S, replacement, unicode) -> S with every match (as a
 * global RegExp finds them) replaced by the literal string `replacement`. */
static duk_ret_t re_replace_all(duk_context *ctx)
{
	const uint32_t *prog = prog_from(ctx, 0, SLOT_PROG);
	duk_require_string(ctx, 1);
	duk_size_t rl;
	const char *rep = duk_require_lstring(ctx, 2, &rl);
	bool unicode = duk_to_boolean(ctx, 3);
	load_subject(ctx, 1);
	int32_t small[CAPS_SMALL], *caps = caps_for(ctx, prog, small);
	struct out o;
	out_init(&o, ctx);
	size_t pos = 0, next = 0;
	bool any = false;
	while (pos <= cache.n && step(ctx, prog, pos, caps)) {
		any = true;
		out_units(&o, cache.units + next, (size_t)caps[0] - next);
		out_bytes(&o, rep, rl);
		next = (size_t)caps[1];
		pos = caps[1] == caps[0] ? advance((size_t)caps[1], unicode) : (size_t)caps[1];
	}
	if (!any) {
		duk_dup(ctx, 1);
		return 1;
	}
	out_units(&o, cache.units + next, cache.n - next);
	out_push(&o);
	return 1;
}

/* reReplaceFn(R, S, fn, unicode, names) -> S with every match replaced
 * by ToString(fn(matched, ...captures, position, S[, groups])), as a global
 * RegExp's @@replace does with a function (groups when names is an array). */
static duk_ret_t re_replace_fn(duk_context *ctx)
{
	duk_set_top(ctx, 5);
	/* On the stack for the whole loop: the callback may recompile R. */
	const uint32_t *prog = prog_from(ctx, 0, SLOT_PROG);
	duk_require_string(ctx, 1);
	duk_require_function(ctx, 2);
	bool unicode = duk_to_boolean(ctx, 3);
	load_subject(ctx, 1);
	int32_t small[CAPS_SMALL], *caps = caps_for(ctx, prog, small);
	unsigned ncap = regexp_ncaptures(prog);
	struct out o;
	out_init(&o, ctx);
	size_t pos = 0, next = 0;
	for (;;) {
		/* The callback may have matched another string: reload. */
		load_subject(ctx, 1);
		if (pos > cache.n || !step(ctx, prog, pos, caps))
			break;
		/* The callback may run another match: keep this one's spans. */
		int32_t s0 = caps[0], e0 = caps[1];
		duk_dup(ctx, 2);
		duk_push_undefined(ctx);
		duk_idx_t argbase = duk_get_top(ctx);
		for (unsigned i = 0; i < ncap; i++) {
			if (caps[2 * i] < 0) {
				duk_push_undefined(ctx);
			} else {
				duk_dup(ctx, 1);
				duk_substring(ctx, -1, (duk_size_t)caps[2 * i], (duk_size_t)caps[2 * i + 1]);
			}
		}
		duk_push_int(ctx, s0);
		duk_dup(ctx, 1);
		duk_idx_t nargs = (duk_idx_t)ncap + 2;
		if (duk_is_object(ctx, 4)) {
			duk_push_bare_object(ctx);
			for (unsigned i = 1; i < ncap; i++) {
				duk_get_prop_index(ctx, 4, i - 1);
				if (duk_is_undefined(ctx, -1)) {
					duk_pop(ctx);
					continue;
				}
				duk_dup(ctx, argbase + (duk_idx_t)i);
				duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WEC);
			}
			nargs++;
		}
		duk_call_method(ctx, nargs);
		duk_size_t rl;
		/* ToString may run user code too (a returned object's toString). */
		const char *rep = duk_to_lstring(ctx, -1, &rl);
		load_subject(ctx, 1);
		out_units(&o, cache.units + next, (size_t)s0 - next);
		out_bytes(&o, rep, rl);
		duk_pop(ctx);
		next = (size_t)e0;
		pos = e0 == s0 ? advance((size_t)e0, unicode) : (size_t)e0;
	}
	load_subject(ctx, 1);
	out_units(&o, cache.units + next, cache.n - next);
	out_push(&o);
	return 1;
}

/* reMatchAll(R, S, unicode) -> array of every match string, or null. */
static duk_ret_t re_match_all(duk_context *ctx)
{
	const uint32_t *prog = prog_from(ctx, 0, SLOT_PROG);
	duk_require_string(ctx, 1);
	bool unicode = duk_to_boolean(ctx, 2);
	load_subject(ctx, 1);
	int32_t small[CAPS_SMALL], *caps = caps_for(ctx, prog, small);
	duk_push_array(ctx);
	duk_idx_t a = duk_get_top_index(ctx);
	duk_uarridx_t n = 0;
	size_t pos = 0;
	while (pos <= cache.n && step(ctx, prog, pos, caps)) {
		duk_dup(ctx, 1);
		duk_substring(ctx, -1, (duk_size_t)caps[0], (duk_size_t)caps[1]);
		duk_put_prop_index(ctx, a, n++);
		pos = caps[1] == caps[0] ? advance((size_t)caps[1], unicode) : (size_t)caps[1];
	}
	if (n == 0)
		duk_push_null(ctx);
	return 1;
}

/* reSplit(R, S, limit, unicode) -> S split at the matches of R's
 * non-sticky program (slot NonStickyMatcher), captures spliced in, at most `limit` items.
 * Equal to the spec's sticky probe at every index: the first index where a
 * sticky match succeeds is where the search finds its first match. */
static duk_ret_t re_split(duk_context *ctx)
{
	const uint32_t *prog = prog_from(ctx, 0, SLOT_FAST);
	duk_require_string(ctx, 1);
	double lim = duk_require_number(ctx, 2);
	bool unicode = duk_to_boolean(ctx, 3);
	load_subject(ctx, 1);
	int32_t small[CAPS_SMALL], *caps = caps_for(ctx, prog, small);
	unsigned ncap = regexp_ncaptures(prog);
	duk_push_array(ctx);
	duk_idx_t a = duk_get_top_index(ctx);
	duk_uarridx_t n = 0;
	size_t size = cache.n, p = 0, q = 0;
	if (lim == 0)
		return 1;
	if (size == 0) {
		if (!(step(ctx, prog, 0, caps) && caps[0] == 0)) {
			duk_dup(ctx, 1);
			duk_put_prop_index(ctx, a, n++);
		}
		return 1;
	}
	while (q < size) {
		if (!step(ctx, prog, q, caps) || (size_t)caps[0] >= size)
			break;
		q = (size_t)caps[0];
		size_t e = (size_t)caps[1] < size ? (size_t)caps[1] : size;
		if (e == p) {
			q = advance(q, unicode);
			continue;
		}
		duk_dup(ctx, 1);
		duk_substring(ctx, -1, p, q);
		duk_put_prop_index(ctx, a, n++);
		if (n == lim)
			return 1;
		p = e;
		for (unsigned i = 1; i < ncap; i++) {
			if (caps[2 * i] < 0) {
				duk_push_undefined(ctx);
			} else {
				duk_dup(ctx, 1);
				duk_substring(ctx, -1, (duk_size_t)caps[2 * i], (duk_size_t)caps[2 * i + 1]);
			}
			duk_put_prop_index(ctx, a, n++);
			if (n == lim)
				return 1;
		}
		q = p;
	}
	duk_dup(ctx, 1);
	duk_substring(ctx, -1, p, size);
	duk_put_prop_index(ctx, a, n++);
	return 1;
}

/* Pushes [name of group 1 or undefined, ...], or null if no group is named. */
static void push_names(duk_context *ctx, const uint32_t *prog)
{
	if (!prog[H_NAMES]) {
		duk_push_null(ctx);
		return;
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
}

/* Validation of the intrinsic protocol is cached: the expensive part (own
 * property descriptors of RegExp.prototype's accessors) can only change
 * through defineProperty and friends, which regexp.js wraps to call
 * reTouched() when the target is RegExp, its prototype or a RegExp. */
static unsigned long proto_version = 1, checked_version;
static bool proto_ok;
#define SLOT_TOUCHED DUK_HIDDEN_SYMBOL("ProtocolTouched")

void regexp_native_forget(void)
{
	free(cache.units);
	memset(&cache, 0, sizeof cache);
	regexp_state_finish(&state);
	memset(&state, 0, sizeof state);
	proto_version = 1;
	checked_version = 0;
	proto_ok = false;
}

/* The intrinsics rePristine compares with, kept in the heap stash by
 * reProtoInit(RP, exec, RegExp, speciesGetter, names, getters). */
static duk_ret_t re_proto_init(duk_context *ctx)
{
	duk_set_top(ctx, 6);
	duk_push_heap_stash(ctx);
	duk_push_array(ctx);
	for (duk_idx_t i = 0; i < 6; i++) {
		duk_dup(ctx, i);
		duk_put_prop_index(ctx, -2, (duk_uarridx_t)i);
	}
	duk_put_prop_string(ctx, -2, "regexpIntrinsics");
	proto_version++;
	return 0;
}

/* Pushes the own property descriptor's `field` of obj[key] (undefined if
 * there is no own property); key is the string at the top, consumed. */
static void own_field(duk_context *ctx, duk_idx_t obj, const char *field)
{
	duk_get_prop_desc(ctx, obj, 0);
	if (duk_is_object(ctx, -1))
		duk_get_prop_string(ctx, -1, field);
	else
		duk_push_undefined(ctx);
	duk_remove(ctx, -2);
}

/* reTouched(obj, instance): obj (RegExp, %RegExp.prototype%, or a RegExp
 * object when `instance`) was given a property through defineProperty or
 * similar. A touched instance is never pristine again; the mark is not put
 * on the prototype, where every instance would inherit it. */
static duk_ret_t re_touched(duk_context *ctx)
{
	proto_version++;
	if (duk_is_object(ctx, 0) && duk_to_boolean(ctx, 1)) {
		duk_push_true(ctx);
		duk_put_prop_string(ctx, 0, SLOT_TOUCHED);
	}
	return 0;
}

/* The full check of the intrinsics at stash index `in` (see rePristine). */
static bool intrinsics_intact(duk_context *ctx, duk_idx_t in, duk_idx_t rp)
{
	bool ok;
	static const char *const data[2] = {"exec", "constructor"};
	for (int k = 0; k < 2; k++) {
		duk_push_string(ctx, data[k]);
		own_field(ctx, rp, "value");
		duk_get_prop_index(ctx, in, (duk_uarridx_t)(k + 1));
		ok = duk_strict_equals(ctx, -1, -2);
		duk_pop_2(ctx);
		if (!ok)
			return false;
	}
	duk_get_prop_index(ctx, in, 2);
	duk_idx_t re = duk_get_top_index(ctx);
	duk_get_global_string(ctx, "Symbol");
	duk_get_prop_string(ctx, -1, "species");
	duk_remove(ctx, -2);
	own_field(ctx, re, "get");
	duk_get_prop_index(ctx, in, 3);
	ok = duk_strict_equals(ctx, -1, -2);
	duk_pop_3(ctx);
	if (!ok)
		return false;
	duk_get_prop_index(ctx, in, 4);
	duk_get_prop_index(ctx, in, 5);
	duk_idx_t names = duk_get_top_index(ctx) - 1, getters = names + 1;
	duk_size_t n = duk_get_length(ctx, names);
	for (duk_uarridx_t k = 0; k < n && ok; k++) {
		duk_get_prop_index(ctx, names, k);
		own_field(ctx, rp, "get");
		duk_get_prop_index(ctx, getters, k);
		ok = duk_strict_equals(ctx, -1, -2);
		duk_pop_2(ctx);
	}
	duk_pop_2(ctx);
	return ok;
}

/* rePristine(R) -> true when R is a RegExp of regexp.js whose observable
 * protocol is untouched: its prototype is %RegExp.prototype% with the
 * original exec, constructor and flag getters, RegExp[@@species] is the
 * original getter, R has no own exec/flags/constructor and a numeric
 * lastIndex. Then the spec's Gets have no side effects and give known
 * values, so the String/RegExp methods may skip them.
 * Per call this costs property reads only: a deleted accessor shows as a
 * missing name, an assigned exec/constructor as a different value, a
 * redefined accessor as a new proto_version. (Deleting an accessor and
 * then assigning a data property of the same name is not noticed.) */
static duk_ret_t re_pristine(duk_context *ctx)
{
	duk_set_top(ctx, 1);
	if (!duk_is_object(ctx, 0) || !duk_get_prop_string(ctx, 0, SLOT_PROG)) /* 1 */
		goto no;
	if (duk_get_prop_string(ctx, 0, SLOT_TOUCHED)) /* 2 */
		goto no;
	duk_push_heap_stash(ctx);
	duk_get_prop_string(ctx, -1, "regexpIntrinsics"); /* 4 */
	duk_idx_t in = duk_get_top_index(ctx);
	duk_get_prop_index(ctx, in, 0); /* RP: 5 */
	duk_idx_t rp = duk_get_top_index(ctx);
	if (checked_version != proto_version) {
		proto_ok = intrinsics_intact(ctx, in, rp);
		checked_version = proto_version;
	}
	if (!proto_ok)
		goto no;
	duk_get_prototype(ctx, 0);
	bool ok = duk_strict_equals(ctx, -1, rp);
	duk_pop(ctx);
	if (!ok)
		goto no;
	static const char *const names[] = {"flags",  "global", "unicode",    "unicodeSets", "hasIndices",
	                                    "sticky", "dotAll", "ignoreCase", "multiline"};
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (!duk_has_prop_string(ctx, rp, names[k]))
			goto no;
	/* exec and constructor as read through R: data values (a redefinition
	 * would have bumped the version), so reading them has no side effect. */
	duk_get_prop_string(ctx, 0, "exec");
	duk_get_prop_index(ctx, in, 1);
	ok = duk_strict_equals(ctx, -1, -2);
	duk_pop_2(ctx);
	if (!ok)
		goto no;
	duk_get_prop_string(ctx, 0, "constructor");
	duk_get_prop_index(ctx, in, 2);
	ok = duk_strict_equals(ctx, -1, -2);
	duk_pop_2(ctx);
	if (!ok)
		goto no;
	duk_get_prop_string(ctx, 0, "lastIndex");
	ok = duk_is_number(ctx, -1);
	duk_pop(ctx);
	if (!ok)
		goto no;
	duk_push_true(ctx);
	return 1;
no:
	duk_push_false(ctx);
	return 1;
}

/* reCaptures(R) -> number of groups including group 0. */
static duk_ret_t re_captures(duk_context *ctx)
{
	duk_push_uint(ctx, regexp_ncaptures(prog_from(ctx, 0, SLOT_PROG)));
	return 1;
}

/* reCompile(R, source, flags, fast): compiles and stores the program in R's
 * hidden slot (NonStickyMatcher when `fast`, else RegExpMatcher with the
 * group names in GroupNames); throws V8's SyntaxError. */
static duk_ret_t re_compile(duk_context *ctx)
{
	duk_size_t sl, fl;
	duk_require_object(ctx, 0);
	bool fast = duk_to_boolean(ctx, 3);
	duk_set_top(ctx, 3);
	const char *src = duk_require_lstring(ctx, 1, &sl);
	const char *fs = duk_require_lstring(ctx, 2, &fl);
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
	if (fast) {
		duk_put_prop_string(ctx, 0, SLOT_FAST);
		return 0;
	}
	push_names(ctx, buf);
	duk_put_prop_string(ctx, 0, SLOT_NAMES);
	duk_put_prop_string(ctx, 0, SLOT_PROG);
	return 0;
}

static const duk_function_list_entry funcs[] = {
        {"reCaptures", re_captures, 1},
        {"reProtoInit", re_proto_init, 6},
        {"rePristine", re_pristine, 1},
        {"reTouched", re_touched, 2},
        {"reBuiltinExec", re_builtin_exec, 3},
        {"reReplaceAll", re_replace_all, 4},
        {"reMatchAll", re_match_all, 3},
        {"reReplaceFn", re_replace_fn, 5},
        {"reSplit", re_split, 4},
        {"reCompile", re_compile, 4},
        {"reMatch", re_match, 4},
        {NULL, NULL, 0},
};

void regexp_native_install(duk_context *ctx)
{
	duk_put_function_list(ctx, -1, funcs);
}
