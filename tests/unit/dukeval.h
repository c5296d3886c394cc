/* dukeval: the one way the Duktape unit tests (test-duk-errors,
 * test-duk-numconv) evaluate a snippet: the result, or the error, as a
 * string. Runs in: test binaries only. */
#pragma once

#include <stdio.h>

#include "duktape.h"

/* Evaluates src; the result (or the error) as a string into out. Returns
 * whether it evaluated without an error. */
static inline int dukeval(duk_context *ctx, const char *src, char *out, size_t outlen)
{
	int ok = duk_peval_string(ctx, src) == 0;
	snprintf(out, outlen, "%s", duk_safe_to_string(ctx, -1));
	duk_pop(ctx);
	return ok;
}
