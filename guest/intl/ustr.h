/* ustr: conversion between Duktape's internal string bytes (CESU-8 with
 * Duktape's extended UTF-8 for code points past U+FFFF) and ICU's UTF-16.
 * Runs in: guest. Input: strings built by the untrusted program; pure
 * functions over a buffer, no I/O (unit-tested in tests/unit/test-ustr.c). */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* Longest UTF-16 form of n input bytes: every byte may become one unit. */
#define USTR_UTF16_MAX(n) (n)
/* Longest CESU-8 form of n UTF-16 units: three bytes per unit. */
#define USTR_CESU8_MAX(n) ((n)*3)

/* Decodes n bytes at s into UTF-16 at out (room for USTR_UTF16_MAX(n)
 * units); returns the number of units. Each lead byte gives one code point:
 * a surrogate stays one unit (lone or paired, as JS sees it), a code point
 * past U+FFFF becomes a pair, and a malformed sequence becomes U+FFFD, so
 * the result is always defined. */
size_t ustr_to_utf16(const uint8_t *s, size_t n, uint16_t *out);

/* Encodes n UTF-16 units as CESU-8 (each unit on its own, so JS indices
 * equal ICU's UTF-16 offsets) into out (room for USTR_CESU8_MAX(n) bytes);
 * returns the number of bytes. */
size_t ustr_to_cesu8(const uint16_t *u, size_t n, uint8_t *out);
