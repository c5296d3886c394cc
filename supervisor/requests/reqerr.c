/* reqerr: see reqerr.h. */
#include "reqerr.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void req_error_set(struct req_error *e, const char *name, const char *code, const char *rule, const char *fmt, ...)
{
	snprintf(e->name, sizeof(e->name), "%s", name);
	snprintf(e->code, sizeof(e->code), "%s", code ? code : "");
	snprintf(e->rule, sizeof(e->rule), "%s", rule ? rule : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
}

bool req_error_is_denial(const struct req_error *e)
{
	return strcmp(e->name, "PermissionDenied") == 0;
}
