/* jsonraw: JSON values carried as the exact bytes their sender wrote, so a
 * number or a string crosses the supervisor unchanged (cJSON would re-print
 * every number with %.15g: 0.1 + 0.2 would arrive as 0.3). A strict scanner
 * lists the members of a top-level object with the byte span of each value;
 * a printer re-indents raw text for people without touching a token.
 * Runs in: supervisor. Input: untrusted guest frames and host lines. Pure:
 * no I/O, no allocation except jsonraw_pretty's result. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Deepest nesting the scanner follows: cJSON's own limit (CJSON_NESTING_LIMIT),
 * so the two parsers accept exactly the same documents. */
#define JSONRAW_MAX_DEPTH 1000
/* Members of one envelope object: every frame and host message has fewer
 * than a dozen; more is not a message we speak. */
#define JSONRAW_MAX_MEMBERS 32

enum jsonraw_kind { JSONRAW_OBJECT, JSONRAW_ARRAY, JSONRAW_STRING, JSONRAW_NUMBER, JSONRAW_BOOL, JSONRAW_NULL };

/* A span of the buffer given to jsonraw_members (borrowed, not owned). */
struct jsonraw_span {
	const char *p;
	size_t len;
};

struct jsonraw_member {
	struct jsonraw_span key; /* the key's bytes between the quotes, escapes left as written */
	struct jsonraw_span value;
	enum jsonraw_kind kind;
};

/* Checks that buf[0..len) is exactly one JSON object (RFC 8259; whitespace
 * around it allowed) and lists its members in order. Returns 0, or -EPROTO
 * with a reason in *why (static) for malformed text, a key holding an escape
 * (envelope keys are plain names; with escapes two parsers could read two
 * different keys), a duplicate key (the same ambiguity), more than `max`
 * members or nesting deeper than JSONRAW_MAX_DEPTH. */
int jsonraw_members(const char *buf, size_t len, struct jsonraw_member *out, size_t max, size_t *n, const char **why);

/* The members of any object value v (a span jsonraw_members or
 * jsonraw_items returned): keys may hold escapes (decode them with
 * jsonraw_string) and may repeat. Same returns as jsonraw_members. */
int jsonraw_object(struct jsonraw_span v, struct jsonraw_member *out, size_t max, size_t *n, const char **why);

/* The elements of an array value v, each as a span with its kind. Returns 0
 * or -EPROTO (not an array, or more than max elements). */
int jsonraw_items(struct jsonraw_span v, struct jsonraw_span *out, enum jsonraw_kind *kinds, size_t max, size_t *n);

/* Decodes the text of a string value (the span with its quotes) into UTF-8
 * bytes in *out (malloc'd, NUL-terminated for convenience, may hold NULs:
 * *len is the length). *nul says whether a NUL was decoded; a lone
 * surrogate escape becomes U+FFFD (as a well-formed conversion would) and
 * sets *lone. Returns 0, -EPROTO when v is not a valid string, -ENOMEM. */
int jsonraw_string(struct jsonraw_span v, char **out, size_t *len, bool *nul, bool *lone);

/* The member named key (a plain name), or NULL. */
const struct jsonraw_member *jsonraw_find(const struct jsonraw_member *m, size_t n, const char *key);

/* Whether buf[0..len) is exactly one JSON value of any kind. */
bool jsonraw_valid(const char *buf, size_t len);

/* Raw JSON text re-indented as node's JSON.stringify(value, null, 2) lays it
 * out (`codecell run --pretty`), every token copied byte for byte.
 * The text must be valid (jsonraw_valid). Caller frees; NULL on ENOMEM. */
char *jsonraw_pretty(const char *raw, size_t len);
