/* tsname: the names a program sees. A downstream tool's name becomes a
 * JavaScript identifier the way @cloudflare/codemode's sanitizeToolName does
 * (separators to '_', other characters dropped, a leading digit prefixed,
 * reserved words suffixed), bounded in length, and made unique within its
 * namespace by a rule that depends only on the set of names.
 * Runs in: supervisor (codecell mcp, codecell types). Input: tool names from
 * downstream MCP servers or a tools file (untrusted UTF-8, already checked
 * well-formed by the decoder); pure functions, no I/O. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* A property name longer than this is cut: it only has to be unique and
 * readable, and a model copies it into code. */
#define TSNAME_MAX 64

/* True when the code point is JavaScript whitespace or a line terminator
 * (what /\s/ and String.prototype.trim() match). */
bool tsname_is_js_space(unsigned cp);

/* Decodes one UTF-8 sequence at s (n bytes left, well-formed): returns its
 * length and stores the code point. */
size_t tsname_utf8_next(const char *s, size_t n, unsigned *cp);

/* codemode's sanitizeToolName, cut so the result has at most TSNAME_MAX bytes
 * (a long name is cut before the checks, so a cut name is still an identifier). out holds
 * TSNAME_MAX + 1 bytes. */
void tsname_sanitize(const char *name, char *out);

/* codemode's toPascalCase ("_x" -> "X", first letter upper-cased).
 * out holds strlen(in) + 1 bytes. */
void tsname_pascal(const char *in, char *out);

/* True when s is an identifier a namespace may use: [A-Za-z_$][A-Za-z0-9_$]*,
 * at most TSNAME_MAX bytes, not a reserved word. */
bool tsname_is_identifier(const char *s);

/* Unique program names for n tools: names[i] is the original name,
 * out[i] receives a malloc'd identifier (caller frees each). A name whose
 * sanitised form is already taken gets "_2", "_3", ... in the byte order of
 * the original names, never a name another tool sanitises to, so the result
 * does not depend on the order a server lists its tools in. Type names
 * (PascalCase of the result) are made unique the same way into types[i].
 * 0 or -ENOMEM (out and types then hold nothing to free). */
int tsname_assign(const char *const *names, size_t n, char **out, char **types);
