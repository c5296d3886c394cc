/* tstypes: TypeScript declarations for tools from their JSON Schemas, the
 * text @cloudflare/codemode's generateTypesFromJsonSchema writes (same
 * type rules, same JSDoc, same escaping), one `declare const NS: {...}` per
 * namespace.
 * Runs in: supervisor (codecell mcp, codecell types). Input: tool
 * descriptions from downstream MCP servers or a tools file (untrusted JSON,
 * parsed by the caller into cJSON trees); a pure function, no I/O. Depth,
 * $ref cycles and output size are bounded. */
#pragma once

#include <cjson/cJSON.h>
#include <stddef.h>

#include "sbuf.h"

/* codemode's depth guard: deeper schemas become `unknown`. */
#define TSTYPES_MAX_DEPTH 20

struct tstypes_tool {
	const char *name;  /* the tool's own name (the JSDoc line when it has no description) */
	const char *safe;  /* its property name in the namespace (tsname_assign) */
	const char *type;  /* the base of its type names (tsname_assign) */
	const cJSON *tool; /* the tool object: description, inputSchema, outputSchema (borrowed) */
};

/* Appends the declarations of one namespace to out: the Input and Output
 * types of every tool, then `declare const ns: {...}`. Type names are
 * type_prefix + tool type + "Input"/"Output". A tool whose schema codemode
 * would fail on (a non-string description, a null schema, ...) gets
 * `unknown` types and its name as documentation, as codemode does. Errors
 * (size, memory) are left in out->failed. */
void tstypes_namespace(struct sbuf *out, const char *ns, const char *type_prefix, const struct tstypes_tool *tools,
                       size_t n);

/* JavaScript's String(number) for a finite or infinite double, into buf
 * (at least 32 bytes). */
void tstypes_js_number(double d, char *buf, size_t len);
