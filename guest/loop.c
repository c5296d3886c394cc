/* loop: see loop.h. */
#include "loop.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "exitcode.h"
#include "msgtype.h"

__attribute__((format(printf, 1, 2), noreturn)) static void die_protocol(const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	dprintf(2, "codecell-guest: protocol error from the supervisor: %s\n", msg);
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

int loop_decode(duk_context *ctx, const uint8_t *payload, size_t len)
{
	struct decode_args a = {payload, len};
	return duk_safe_call(ctx, decode_safe, &a, 0, 1) == DUK_EXEC_SUCCESS ? 0 : -1;
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

/* Validates a decoded reply at the stack top and passes it to
 * __cc.deliver(id, ok, value, error). */
static int deliver(duk_context *ctx, struct ccapi *api)
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
	if (loop_call(ctx, api, "deliver", 4) < 0)
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
		if (loop_decode(ctx, p, n) < 0) {
			if (api->heap->hit) {
				fallback_from_error(ctx, api, "out of memory decoding a reply");
				return GUEST_EXIT_OK;
			}
			die_protocol("malformed JSON in a frame: %s", duk_safe_to_string(ctx, -1));
		}
		if (deliver(ctx, api) < 0)
			return GUEST_EXIT_OK;
	}
	return GUEST_EXIT_OK;
}
