/* lazyunit: see lazyunit.h. */
#include "lazyunit.h"

#include <stdbool.h>
#include <string.h>

#include "diag.h"

/* Where loadUnit keeps the object units run with: a Duktape hidden key
 * (byte 0xFF first, written in octal: a hex escape would eat the "cc"),
 * which no script can name. */
#define LAZYUNIT_CC_KEY "\377cc"

/* One flag per unit; the table is small and fixed at build time. */
#define LAZYUNIT_MAX 16
static bool loaded[LAZYUNIT_MAX];
static lazyunit_hook hook;

static duk_ret_t n_load_unit(duk_context *ctx)
{
	const char *name = duk_require_string(ctx, 0);
	for (size_t i = 0; i < lazy_unit_count && i < LAZYUNIT_MAX; i++) {
		if (strcmp(lazy_units[i].name, name) != 0)
			continue;
		if (loaded[i])
			return duk_error(ctx, DUK_ERR_ERROR, "lazy unit %s loaded twice", name);
		loaded[i] = true;
		if (hook)
			hook(lazy_units[i].name);
		prelude_push_unit(ctx, &lazy_units[i]);
		/* `this`: the internal __cc, whoever called */
		duk_push_current_function(ctx);
		duk_get_prop_string(ctx, -1, LAZYUNIT_CC_KEY);
		duk_remove(ctx, -2);
		duk_call_method(ctx, 0);
		return 1;
	}
	return duk_error(ctx, DUK_ERR_ERROR, "no lazy unit %s", name);
}

void lazyunit_set_hook(lazyunit_hook on_load)
{
	hook = on_load;
}

void lazyunit_install(duk_context *ctx, duk_idx_t cc_idx)
{
	/* A table larger than the flags is a build change this file must see. */
	if (lazy_unit_count > LAZYUNIT_MAX)
		duk_fatal(ctx, "lazyunit: more units than LAZYUNIT_MAX");
	cc_idx = duk_normalize_index(ctx, cc_idx);
	duk_push_c_function(ctx, n_load_unit, 1);
	duk_dup(ctx, cc_idx);
	duk_put_prop_string(ctx, -2, LAZYUNIT_CC_KEY);
	duk_put_prop_string(ctx, cc_idx, "loadUnit");
}

int lazyunit_preload(duk_context *ctx, duk_idx_t cc_idx)
{
	cc_idx = duk_normalize_index(ctx, cc_idx);
	duk_dup(ctx, cc_idx);
	duk_get_prop_string(ctx, -1, "lazyPreload");
	duk_swap_top(ctx, -2);
	if (duk_pcall_method(ctx, 0) != DUK_EXEC_SUCCESS) {
		diag("codecell-guest: lazy units failed: %s\n", duk_safe_to_stacktrace(ctx, -1));
		duk_pop(ctx);
		return -1;
	}
	duk_pop(ctx);
	return 0;
}
