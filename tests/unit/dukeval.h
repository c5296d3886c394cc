/* dukeval: what the Duktape unit tests (test-duk-errors, test-duk-numconv)
 * share: the heap they make, and the evaluation of a snippet into its
 * result, or its error, as a string. Runs in: test binaries only. */
#pragma once

#include <stdio.h>
#include <stdlib.h>

#include "duktape.h"

/* A default Duktape heap, or a TAP bail-out and exit 1. */
static inline duk_context *dukeval_heap(void)
{
	duk_context *ctx = duk_create_heap_default();
	if (!ctx) {
		printf("Bail out! cannot create a Duktape heap\n");
		exit(1);
	}
	return ctx;
}

/* Evaluates src; the result (or the error) as a string into out. Returns
 * whether it evaluated without an error. */
static inline int dukeval(duk_context *ctx, const char *src, char *out, size_t outlen)
{
	int ok = duk_peval_string(ctx, src) == 0;
	snprintf(out, outlen, "%s", duk_safe_to_string(ctx, -1));
	duk_pop(ctx);
	return ok;
}
