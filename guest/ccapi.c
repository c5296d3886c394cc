/* ccapi: see ccapi.h. */
#include "ccapi.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "duk_hooks.h"
#include "exitcode.h"
#include "jsc.h"
#include "jsonout.h"
#include "msgtype.h"
#include "rtnative.h"

static struct ccapi *g_api;

static void die_io(int err)
{
	diag("codecell-guest: writing to the protocol socket failed: %s\n", strerror(-err));
	_exit(GUEST_EXIT_IO);
}

/* __cc.send(obj): JSON.stringify(obj), strict UTF-8, one frame on fd 3.
 * Throws TypeError for what JSON cannot carry (cycles, a throwing toJSON)
 * and RangeError "frame too large" above --max-frame. */
static duk_ret_t encode_safely(duk_context *ctx, void *udata)
{
	(void)udata;
	duk_json_encode(ctx, -1);
	return 1;
}

static duk_ret_t cc_send(duk_context *ctx)
{
	duk_require_object(ctx, 0);
	bool is_result = false, is_tool = false;
	if (duk_get_prop_string(ctx, 0, "t") && duk_is_string(ctx, -1)) {
		is_result = strcmp(duk_get_string(ctx, -1), msgtype_name(MSG_RESULT)) == 0;
		is_tool = strcmp(duk_get_string(ctx, -1), msgtype_name(MSG_TOOL)) == 0;
	}
	duk_pop(ctx);
	duk_dup(ctx, 0);
	/* A tool call's arguments and the program's result cross the tool
	 * bridge: bytes travel tagged (duk_hooks.h). The flag must be cleared
	 * however the encoder ends (a throwing toJSON, a cycle): a safe call,
	 * then the error is rethrown. */
	duk_hooks_json_bytes = is_result || is_tool;
	duk_int_t rc = duk_safe_call(ctx, encode_safely, NULL, 1, 1);
	duk_hooks_json_bytes = 0;
	if (rc != DUK_EXEC_SUCCESS)
		return duk_throw(ctx);
	duk_size_t n;
	const char *json = duk_get_lstring(ctx, -1, &n);
	if (!json)
		return duk_type_error(ctx, "value is not JSON-serialisable");
	size_t max = g_api->chan->max_frame;
	if (n > max)
		return duk_range_error(ctx, "frame too large: %lu bytes (limit %lu)", (unsigned long)n,
		                       (unsigned long)max);
	/* Outside the capped heap: the buffer lives only for this call. */
	char *buf = malloc(n * JSONOUT_MAX_GROWTH + 1);
	if (!buf)
		return duk_error(ctx, DUK_ERR_ERROR, "out of memory encoding a frame");
	size_t m = jsonout_utf8(json, n, buf);
	if (m > max) {
		free(buf);
		return duk_range_error(ctx, "frame too large: %lu bytes (limit %lu)", (unsigned long)m,
		                       (unsigned long)max);
	}
	int r = chan_send(g_api->chan, buf, m);
	free(buf);
	if (r < 0)
		die_io(r);
	if (is_result)
		g_api->result_sent = true;
	return 0;
}

static duk_ret_t cc_now_ms(duk_context *ctx)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	duk_push_number(ctx, (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6);
	return 1;
}

static duk_ret_t cc_heap_hit(duk_context *ctx)
{
	duk_push_boolean(ctx, g_api->heap->hit);
	return 1;
}

/* Read at each call: the run's --max-frame is known only once its channel
 * is set up, after the prelude built __cc (and, from an image, in another
 * process). */
static duk_ret_t cc_max_frame(duk_context *ctx)
{
	duk_push_number(ctx, (double)g_api->chan->max_frame);
	return 1;
}

static duk_ret_t cc_heap_stats(duk_context *ctx)
{
	duk_push_object(ctx);
	duk_push_number(ctx, (double)g_api->heap->used);
	duk_put_prop_string(ctx, -2, "used");
	duk_push_number(ctx, (double)g_api->heap->peak);
	duk_put_prop_string(ctx, -2, "peak");
	duk_push_number(ctx, (double)g_api->heap->max);
	duk_put_prop_string(ctx, -2, "max");
	return 1;
}

/* Web Crypto's getRandomValues limit (QuotaExceededError above it). */
#define CC_RANDOM_MAX 65536

/* __cc.randomBytes(n): a Uint8Array of n bytes from getrandom(2) (allowed by
 * the seccomp filter; the kernel CSPRNG, never blocking once seeded). */
static duk_ret_t cc_random_bytes(duk_context *ctx)
{
	duk_uint_t n = duk_require_uint(ctx, 0);
	if (n > CC_RANDOM_MAX)
		return duk_range_error(ctx, "at most %d random bytes per call", CC_RANDOM_MAX);
	unsigned char *p = duk_push_fixed_buffer(ctx, n);
	size_t got = 0;
	while (got < n) {
		ssize_t r = getrandom(p + got, n - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return duk_error(ctx, DUK_ERR_ERROR, "getrandom failed: %s", strerror(errno));
		got += (size_t)r;
	}
	duk_push_buffer_object(ctx, -1, 0, n, DUK_BUFOBJ_UINT8ARRAY);
	return 1;
}

/* Values from a tool's reply are JSON the supervisor passed on unparsed;
 * nesting is bounded by its decoder (1000), and again here. */
#define UNWIRE_MAX_DEPTH 1100

static bool unwire(duk_context *ctx, int depth);

/* Object at -1: revives {"$bytes": base64} into a Uint8Array and gives a
 * key of "$" + ... + "bytes" one "$" back (docs/PROTOCOL.md, Binary
 * values). Returns whether the value at -1 was replaced. */
static bool unwire_object(duk_context *ctx, int depth)
{
	size_t keys = 0;
	bool reserved = false, tag = false;
	duk_enum(ctx, -1, DUK_ENUM_OWN_PROPERTIES_ONLY);
	while (duk_next(ctx, -1, 0)) {
		duk_size_t kl;
		const char *k = duk_get_lstring(ctx, -1, &kl);
		keys++;
		if (k && kl == 6 && !memcmp(k, "$bytes", 6))
			tag = true;
		else if (k && duk_hooks_json_key_reserved(k, kl))
			reserved = true;
		duk_pop(ctx);
	}
	duk_pop(ctx);
	if (tag && keys == 1) {
		duk_get_prop_string(ctx, -1, "$bytes");
		if (!duk_is_string(ctx, -1))
			return duk_type_error(ctx, "a $bytes tag must hold a base64 string");
		/* Throws TypeError on bad base64. */
		duk_base64_decode(ctx, -1);
		duk_size_t n;
		duk_get_buffer(ctx, -1, &n);
		duk_push_buffer_object(ctx, -1, 0, n, DUK_BUFOBJ_UINT8ARRAY);
		duk_replace(ctx, -3);
		duk_pop(ctx);
		return true;
	}
	if (tag)
		reserved = true; /* "$bytes" among other keys: a malformed tag */
	if (!reserved) {
		duk_enum(ctx, -1, DUK_ENUM_OWN_PROPERTIES_ONLY);
		while (duk_next(ctx, -1, 1)) {
			/* [obj enum key value] */
			if (unwire(ctx, depth + 1)) {
				/* Defined, not put: a parsed "__proto__" key is an own
				 * property, and a put would run the setter. */
				duk_def_prop(ctx, -4, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WEC);
			} else {
				duk_pop_2(ctx);
			}
		}
		duk_pop(ctx);
		return false;
	}
	if (tag)
		return duk_type_error(ctx, "a $bytes tag must be the object's only key");
	/* Rebuilt in the same key order, escaped keys one "$" shorter. */
	duk_push_object(ctx);
	duk_enum(ctx, -2, DUK_ENUM_OWN_PROPERTIES_ONLY);
	while (duk_next(ctx, -1, 1)) {
		/* [obj new enum key value] */
		unwire(ctx, depth + 1);
		duk_size_t kl;
		const char *k = duk_get_lstring(ctx, -2, &kl);
		if (k && duk_hooks_json_key_reserved(k, kl)) {
			duk_push_lstring(ctx, k + 1, kl - 1);
			duk_replace(ctx, -3);
		}
		duk_def_prop(ctx, -4, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WEC);
	}
	duk_pop(ctx);
	duk_replace(ctx, -2);
	return true;
}

/* The value at -1 (parsed JSON: plain objects, arrays, primitives). */
static bool unwire(duk_context *ctx, int depth)
{
	if (!duk_is_object(ctx, -1) || duk_is_function(ctx, -1) || duk_is_buffer_data(ctx, -1))
		return false;
	if (depth > UNWIRE_MAX_DEPTH)
		return duk_range_error(ctx, "a tool's value is nested too deeply");
	duk_require_stack(ctx, 8);
	if (!duk_is_array(ctx, -1))
		return unwire_object(ctx, depth);
	duk_size_t n = duk_get_length(ctx, -1);
	for (duk_size_t i = 0; i < n; i++) {
		duk_get_prop_index(ctx, -1, (duk_uarridx_t)i);
		if (unwire(ctx, depth + 1))
			duk_put_prop_index(ctx, -2, (duk_uarridx_t)i);
		else
			duk_pop(ctx);
	}
	return false;
}

/* __cc.unwire(v): a tool reply's value with bytes tags revived (a Uint8Array
 * each) and escaped keys restored; TypeError for a malformed tag. */
static duk_ret_t cc_unwire(duk_context *ctx)
{
	duk_set_top(ctx, 1);
	unwire(ctx, 0);
	return 1;
}

static const duk_function_list_entry cc_funcs[] = {
        {"send", cc_send, 1},
        {"unwire", cc_unwire, 1},
        {"nowMs", cc_now_ms, 0},
        {"heapHit", cc_heap_hit, 0},
        {"heapStats", cc_heap_stats, 0},
        {"maxFrame", cc_max_frame, 0},
        {"randomBytes", cc_random_bytes, 1},
        {NULL, NULL, 0},
};

void ccapi_install(duk_context *ctx)
{
	duk_push_global_object(ctx);
	duk_push_string(ctx, "__cc");
	duk_push_object(ctx);
	duk_put_function_list(ctx, -1, cc_funcs);
	rtnative_install(ctx, -1);
	duk_push_heap_stash(ctx);
	duk_dup(ctx, -2);
	duk_put_prop_string(ctx, -2, "cc");
	duk_pop(ctx);
	/* Not enumerable (for-in over the global stays clean), not writable. */
	duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_CLEAR_WEC);
	duk_pop(ctx);
}

void ccapi_attach(struct ccapi *api)
{
	g_api = api;
}

void ccapi_push(duk_context *ctx)
{
	duk_push_heap_stash(ctx);
	duk_get_prop_string(ctx, -1, "cc");
	duk_remove(ctx, -2);
}

int ccapi_seal(duk_context *ctx)
{
	ccapi_push(ctx);
	duk_push_object(ctx);
	for (size_t i = 0; jsc_rt_helpers[i]; i++) {
		duk_get_prop_string(ctx, -2, jsc_rt_helpers[i]);
		if (!duk_is_function(ctx, -1)) {
			diag("codecell-guest: the prelude defines no compiler helper __cc.%s\n", jsc_rt_helpers[i]);
			duk_pop_3(ctx);
			return -1;
		}
		duk_put_prop_string(ctx, -2, jsc_rt_helpers[i]);
	}
	duk_freeze(ctx, -1);
	duk_push_global_object(ctx);
	duk_push_string(ctx, "__cc");
	duk_dup(ctx, -3);
	/* The install-time global is non-configurable: FORCE replaces it. */
	duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_FORCE | DUK_DEFPROP_CLEAR_WEC);
	duk_del_prop_string(ctx, -1, "Duktape");
	duk_pop_2(ctx);
	duk_freeze(ctx, -1);
	duk_pop(ctx);
	return 0;
}

/* Bounds the C-built message: a fallback result never needs more. */
#define FALLBACK_TEXT_MAX 1024

void ccapi_send_fallback(struct ccapi *api, const char *name, const char *message)
{
	char qn[FALLBACK_TEXT_MAX * 6 + 3], qm[FALLBACK_TEXT_MAX * 6 + 3];
	char frame[sizeof(qn) + sizeof(qm) + 128];
	size_t nl = strnlen(name, FALLBACK_TEXT_MAX), ml = strnlen(message, FALLBACK_TEXT_MAX);
	qn[jsonout_quote(name, nl, qn)] = '\0';
	qm[jsonout_quote(message, ml, qm)] = '\0';
	int len = snprintf(frame, sizeof(frame),
	                   "{\"t\":\"result\",\"ok\":false,\"error\":{\"name\":%s,\"message\":%s,\"stack\":\"\"}%s}",
	                   qn, qm, api->heap->hit ? ",\"limit\":\"memory\"" : "");
	int r = chan_send(api->chan, frame, (size_t)len);
	if (r < 0)
		die_io(r);
	api->result_sent = true;
}
