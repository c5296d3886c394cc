/* jsonin: the one door for JSON text from outside the process in codecell
 * mcp and codecell types: well-formed UTF-8 without NUL, exactly one value,
 * into a cJSON tree.
 * Runs in: supervisor. Input: untrusted bytes (a downstream server's line,
 * the MCP client's line, a tools file); a pure function, no I/O. */
#pragma once

#include <cjson/cJSON.h>
#include <stddef.h>

/* Parses text[0..len). Returns the tree (free with cJSON_Delete) or NULL
 * with a one-line reason in why. */
cJSON *jsonin_parse(const char *text, size_t len, char *why, size_t why_len);
