/* loop: see loop.h. */
#include "loop.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "exitcode.h"
#include "msgtype.h"

__attribute__((format(printf, 1, 2), noreturn)) static void die_protocol(const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag("codecell-guest: protocol error from the supervisor: %s\n", msg);
	_exit(GUEST_EXIT_PROTOCOL);
}

struct decode_args {
	const uint8_t *p;
	size_t n;
};

static duk_ret_t decode_safe(duk_context *ctx, void *udata)
{
	struct decode_args *a = udata;
	duk_push_lstring(ctx, (const char *)a->p, a->n);
	duk_json_decode(ctx, -1);
	return 1;
}

/* Duktape keeps a character beyond U+FFFF that arrives as 4-byte UTF-8 as
 * one code point, so a tool's "🎉" would have length 1 and charCodeAt 127881
 * where JS (and node) see two UTF-16 code units. Written as a \uD83C\uDF89
 * escape pair it decodes to the two surrogates JS expects. Such bytes occur
 * only inside JSON strings, so the rewrite is safe anywhere in the frame.
 * Returns a malloc'd copy, or NULL when there is nothing to rewrite. */
static char *escape_astral(const uint8_t *p, size_t n, size_t *out_len)
{
	size_t extra = 0;
	for (size_t i = 0; i + 3 < n; i++)
		if (p[i] >= 0xF0 && p[i] <= 0xF4)
			extra += 12 - 4;
	if (!extra)
		return NULL;
	char *o = malloc(n + extra + 1);
	if (!o)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		if (p[i] >= 0xF0 && p[i] <= 0xF4 && i + 3 < n && (p[i + 1] & 0xC0) == 0x80 &&
		    (p[i + 2] & 0xC0) == 0x80 && (p[i + 3] & 0xC0) == 0x80) {
			uint32_t cp = ((uint32_t)(p[i] & 0x07) << 18) | ((uint32_t)(p[i + 1] & 0x3F) << 12) |
			              ((uint32_t)(p[i + 2] & 0x3F) << 6) | (uint32_t)(p[i + 3] & 0x3F);
			if (cp >= 0x10000 && cp <= 0x10FFFF) {
				cp -= 0x10000;
				k += (size_t)snprintf(o + k, 13, "\\u%04X\\u%04X", 0xD800 + (cp >> 10),
				                      0xDC00 + (cp & 0x3FF));
				i += 4;
				continue;
			}
		}
		o[k++] = (char)p[i++];
	}
	*out_len = k;
	return o;
}

int loop_decode(duk_context *ctx, const uint8_t *payload, size_t len)
{
	size_t n = len;
	char *escaped = escape_astral(payload, len, &n);
	struct decode_args a = {escaped ? (const uint8_t *)escaped : payload, n};
	int r = duk_safe_call(ctx, decode_safe, &a, 0, 1) == DUK_EXEC_SUCCESS ? 0 : -1;
	free(escaped);
	return r;
}

/* Name and message of the error at idx, without trusting it to be sane. */
static void fallback_from_error(duk_context *ctx, struct ccapi *api, const char *what)
{
	char msg[600];
	const char *s = duk_safe_to_string(ctx, -1);
	snprintf(msg, sizeof(msg), "%s: %s", what, s ? s : "unknown error");
	ccapi_send_fallback(api, "Error", msg);
}

int loop_call(duk_context *ctx, struct ccapi *api, const char *method, int nargs)
{
	ccapi_push(ctx);
	duk_get_prop_string(ctx, -1, method);
	duk_swap(ctx, -2, -1); /* [args... fn cc] -> this binding = cc */
	duk_insert(ctx, -2 - nargs);
	duk_insert(ctx, -2 - nargs);
	if (duk_pcall_method(ctx, nargs) != DUK_EXEC_SUCCESS) {
		fallback_from_error(ctx, api, "internal error in the guest event loop");
		return -1;
	}
	return 0;
}

static bool is_id(double v)
{
	return v >= 1 && v <= 9007199254740991.0 && floor(v) == v;
}

/* Whether a frame's text may hold a bytes tag or an escaped key (both end
 * in `bytes`; a \u escape could spell those letters): when not, the value
 * needs no walk (docs/PROTOCOL.md, Binary values). */
static bool may_hold_bytes_tag(const uint8_t *p, size_t n)
{
	return memmem(p, n, "bytes", 5) || memmem(p, n, "\\u", 2);
}

/* Validates a decoded reply at the stack top and passes it to
 * __cc.deliver(id, ok, value, error, mayTag). */
static int deliver(duk_context *ctx, struct ccapi *api, bool may_tag)
{
	if (!duk_is_object(ctx, -1) || duk_is_array(ctx, -1))
		die_protocol("a frame is not a JSON object");
	duk_get_prop_string(ctx, -1, "t");
	const char *t = duk_get_string(ctx, -1);
	if (!t || strcmp(t, msgtype_name(MSG_REPLY)) != 0)
		die_protocol("expected a \"reply\" frame, got %s%.40s%s", t ? "\"" : "", t ? t : "no type",
		             t ? "\"" : "");
	duk_pop(ctx);
	duk_get_prop_string(ctx, -1, "id");
	if (!duk_is_number(ctx, -1) || !is_id(duk_get_number(ctx, -1)))
		die_protocol("reply without a positive integer id");
	double id = duk_get_number(ctx, -1);
	duk_get_prop_string(ctx, -2, "ok");
	if (!duk_is_boolean(ctx, -1))
		die_protocol("reply %.0f without a boolean \"ok\"", id);
	bool ok = duk_get_boolean(ctx, -1);
	duk_get_prop_string(ctx, -3, "value");
	duk_get_prop_string(ctx, -4, "error");
	if (!ok && !duk_is_object(ctx, -1))
		die_protocol("error reply %.0f without an \"error\" object", id);
	duk_remove(ctx, -5); /* [id ok value error] */
	duk_push_boolean(ctx, may_tag);
	if (loop_call(ctx, api, "deliver", 5) < 0)
		return -1;
	if (!duk_get_boolean_default(ctx, -1, 0))
		die_protocol("reply for id %.0f, which is not in flight", id);
	duk_pop(ctx);
	return 0;
}

int loop_run(duk_context *ctx, struct ccapi *api)
{
	while (!api->result_sent) {
		if (loop_call(ctx, api, "pump", 0) < 0)
			return GUEST_EXIT_OK;
		double wait = duk_get_number_default(ctx, -1, -1);
		duk_pop(ctx);
		if (api->result_sent)
			break;
		int timeout = wait < 0 || isnan(wait) ? -1 : wait >= INT_MAX ? INT_MAX : (int)ceil(wait);
		const uint8_t *p;
		size_t n;
		int r = chan_recv(api->chan, timeout, &p, &n);
		if (r == 0)
			continue;
		if (r == -EMSGSIZE)
			die_protocol("a frame declares more than the %zu-byte limit (--max-frame)",
			             api->chan->max_frame);
		if (r == -EPIPE)
			die_protocol("the socket was closed before the result was sent");
		if (r < 0)
			die_protocol("reading the socket failed: %s", strerror(-r));
		bool may_tag = may_hold_bytes_tag(p, n);
		if (loop_decode(ctx, p, n) < 0) {
			if (api->heap->hit) {
				fallback_from_error(ctx, api, "out of memory decoding a reply");
				return GUEST_EXIT_OK;
			}
			die_protocol("malformed JSON in a frame: %s", duk_safe_to_string(ctx, -1));
		}
		if (deliver(ctx, api, may_tag) < 0)
			return GUEST_EXIT_OK;
	}
	return GUEST_EXIT_OK;
}
