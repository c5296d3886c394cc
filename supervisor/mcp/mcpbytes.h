/* mcpbytes: codecell's binary tags and escaped keys (docs/PROTOCOL.md,
 * "Binary values") at codecell mcp's edge with downstream MCP servers. A
 * run's tool arguments reach a server in MCP's own terms: a {"$bytes": B64}
 * tag becomes the base64 string B64 (MCP carries binary as base64 text),
 * and an escaped key ($$bytes, $$$bytes, ...) loses the $ the wire added. A
 * server's answer goes to the run with such keys escaped, so a server's
 * "$bytes" key arrives as written instead of passing for a tag. A run's
 * value goes to the MCP client as tool arguments go to a server.
 * Runs in: supervisor (codecell mcp). Input: tool arguments from a run (the
 * guest's encoding, untrusted) and a downstream server's result
 * (untrusted); both already parsed by cJSON; no I/O. */
#pragma once

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

/* Rewrites *v (owned; the root may be replaced) from the wire's form to
 * what an MCP server receives. 0, -EINVAL when a $bytes key is not alone
 * or holds no valid base64 (reason in why), or -ENOMEM. */
int mcpbytes_to_mcp(cJSON **v, char *why, size_t why_len);

/* v (borrowed) as JSON text with every key spelled $bytes, $$bytes, ...
 * given one more $. Caller frees; NULL on -ENOMEM. */
char *mcpbytes_print_escaped(const cJSON *v);

/* Whether key is one the wire escapes: one or more '$', then "bytes". */
bool mcpbytes_is_tag_key(const char *key);
