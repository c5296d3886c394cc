/* jsonout: turns Duktape's JSON output into strict UTF-8 JSON for the wire.
 * Runs in: guest. Input: bytes produced by JSON.stringify on values the
 * untrusted program built; Duktape strings are CESU-8-like internally, so
 * characters outside the BMP made from surrogate pairs, lone surrogates and
 * stray bytes would otherwise reach the supervisor as invalid UTF-8. Pure. */
#pragma once

#include <stddef.h>

/* Worst-case growth: one stray byte becomes U+FFFD (3 bytes). */
#define JSONOUT_MAX_GROWTH 3

/* Converts n bytes of in into out, which must hold n * JSONOUT_MAX_GROWTH
 * bytes; returns the output length. A CESU-8 surrogate pair becomes one
 * 4-byte UTF-8 sequence; a lone surrogate (no UTF-8 form) and any other
 * invalid byte become U+FFFD, as a well-formed string conversion would. */
size_t jsonout_utf8(const char *in, size_t n, char *out);

/* Writes s (n bytes) as a JSON string literal with quotes into out, which
 * must hold n * 6 + 3 bytes; returns the length. Used for the C fallback
 * result, built when the JS heap cannot be trusted to do it. */
size_t jsonout_quote(const char *s, size_t n, char *out);
