/* prelude: see prelude.h. */
#include "prelude.h"

#include <stdio.h>

#include "diag.h"

void prelude_push_unit(duk_context *ctx, const struct prelude_unit *u)
{
	/* An external buffer avoids copying; Duktape only reads it. */
	duk_push_external_buffer(ctx);
	duk_config_buffer(ctx, -1, (void *)u->bytecode, u->len);
	duk_load_function(ctx);
}

int prelude_load(duk_context *ctx, bool collect)
{
	for (size_t i = 0; i < prelude_unit_count; i++) {
		const struct prelude_unit *u = &prelude_units[i];
		prelude_push_unit(ctx, u);
		if (duk_pcall(ctx, 0) != DUK_EXEC_SUCCESS) {
			diag("codecell-guest: prelude %s failed: %s\n", u->name, duk_safe_to_stacktrace(ctx, -1));
			duk_pop(ctx);
			return -1;
		}
		duk_pop(ctx);
		if (collect)
			duk_gc(ctx, 0);
	}
	return 0;
}
