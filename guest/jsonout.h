/* jsonout: turns Duktape's JSON output into strict UTF-8 JSON for the wire.
 * Runs in: guest. Input: bytes produced by JSON.stringify on values the
 * untrusted program built; Duktape strings are CESU-8-like internally, so
 * characters outside the BMP made from surrogate pairs, lone surrogates and
 * stray bytes would otherwise reach the supervisor as invalid UTF-8. Pure. */
#pragma once

#include <stddef.h>

/* Worst-case growth: one stray byte becomes U+FFFD (3 bytes); a lone
 * surrogate's 3 bytes become a 6-byte escape. */
#define JSONOUT_MAX_GROWTH 3

/* Converts n bytes of in into out, which must hold n * JSONOUT_MAX_GROWTH
 * bytes; returns the output length. A CESU-8 surrogate pair becomes one
 * 4-byte UTF-8 sequence; a lone surrogate (no UTF-8 form) becomes its
 * JSON escape "\udxxx", as node's JSON.stringify writes it, and any other
 * invalid byte U+FFFD, as a well-formed string conversion would. */
size_t jsonout_utf8(const char *in, size_t n, char *out);

/* Writes s (n bytes) as a JSON string literal with quotes into out, which
 * must hold n * 6 + 3 bytes; returns the length. Used for the C fallback
 * result, built when the JS heap cannot be trusted to do it. */
size_t jsonout_quote(const char *s, size_t n, char *out);
