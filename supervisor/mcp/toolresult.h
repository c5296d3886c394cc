/* toolresult: what a program sees of a downstream tools/call answer: the
 * structured content, else the text (parsed as JSON where it is JSON), else
 * the result as it came; an isError result becomes an error naming the
 * server and the tool. The value is in the host protocol's form: keys
 * spelled $bytes, $$bytes, ... escaped (mcpbytes.h), so a server's own such
 * key reaches the program as written.
 * Runs in: supervisor (codecell mcp). Input: a downstream server's
 * CallToolResult (untrusted, already parsed by rpc_decode). */
#pragma once

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

/* An error message for the program is cut at this many bytes. */
#define TOOLRESULT_MAX_ERROR 4096

struct toolresult {
	bool ok;
	char *value_json; /* ok: the value as JSON text (owned) */
	char *error;      /* !ok: a message for the program (owned) */
};

/* Converts result (borrowed). 0 or -ENOMEM. */
int toolresult_from_call(const cJSON *result, const char *server, const char *tool, struct toolresult *out);
/* An error result with a formatted message; 0 or -ENOMEM. */
int toolresult_error(struct toolresult *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void toolresult_finish(struct toolresult *r);
