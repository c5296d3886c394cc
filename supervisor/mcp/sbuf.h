/* sbuf: a growable byte string with a hard cap, for building declarations
 * and JSON-RPC lines. An append that would pass the cap fails once and
 * leaves the buffer marked, so a builder checks one flag at the end.
 * Runs in: supervisor (codecell mcp, codecell types). Input: bytes from the
 * caller; no I/O. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct sbuf {
	char *data; /* NUL-terminated while not failed; owned */
	size_t len, cap, max;
	bool failed; /* allocation failure or max reached; appends are no-ops */
};

/* max: the most bytes the string may hold (not counting the NUL). */
void sbuf_init(struct sbuf *b, size_t max);
void sbuf_finish(struct sbuf *b); /* frees; the struct may be reused after sbuf_init */
void sbuf_add(struct sbuf *b, const char *s, size_t n);
void sbuf_adds(struct sbuf *b, const char *s);
void sbuf_addc(struct sbuf *b, char c);
void sbuf_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the string to the caller (free()) and resets b; NULL when failed. */
char *sbuf_steal(struct sbuf *b, size_t *len);
