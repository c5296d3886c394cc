/* regexp: an ECMAScript 2023 regular expression engine (parser, compiler to
 * bytecode, backtracking matcher) over UTF-16 code units.
 * Runs in: guest (the RegExp built-in and the compiler's early errors).
 * Input: untrusted patterns, flags and subject strings; every size is
 * bounded by the limits below before it is allocated. */
#pragma once

#include <stddef.h>
#include <stdint.h>

enum {
	RE_FLAG_D = 1u << 0, /* hasIndices */
	RE_FLAG_G = 1u << 1, /* global */
	RE_FLAG_I = 1u << 2, /* ignoreCase */
	RE_FLAG_M = 1u << 3, /* multiline */
	RE_FLAG_S = 1u << 4, /* dotAll */
	RE_FLAG_U = 1u << 5, /* unicode */
	RE_FLAG_V = 1u << 6, /* unicodeSets */
	RE_FLAG_Y = 1u << 7, /* sticky */
};

/* A pattern longer than this (in code units) is refused as "Regular
 * expression too large": the compiled program is linear in the pattern, so
 * this bounds compile memory (V8's own limit is in the same range). */
#define REGEXP_MAX_PATTERN (1u << 20)
/* Capture groups per pattern: bounds the per-match capture array. */
#define REGEXP_MAX_CAPTURES 65535u
/* Compiled program words: counted repetitions of big classes can grow a
 * program past the pattern size; past this it is "too large". */
#define REGEXP_MAX_PROGRAM (1u << 24)
/* Backtrack entries (16 bytes each: 64 MiB): past this a match fails with
 * REGEXP_ERR_STACK, which the binding throws as V8's RangeError. */
#define REGEXP_MAX_BACKTRACK (1u << 22)

/* Error text buffer size for regexp_compile (V8's messages are short). */
#define REGEXP_ERRLEN 96

/* Parses flags (code units), rejecting unknown and repeated ones (and u with
 * v). Returns 0 and sets *out, or -1. */
int regexp_parse_flags(const uint16_t *f, size_t n, unsigned *out);

/* A compiled program: one malloc'd block of 32-bit words, position
 * independent (the binding copies it into a Duktape buffer). */
struct regexp_prog {
	uint32_t *words;
	size_t nwords;
};

/* Compiles pattern `p` (code units) under `flags`. On success returns 0 and
 * *out owns a program (free out->words with free()). On a syntax error
 * returns -1 with V8's message ("Unterminated group") in err. On out of
 * memory returns -2. */
int regexp_compile(const uint16_t *p, size_t n, unsigned flags, struct regexp_prog *out, char err[REGEXP_ERRLEN]);

/* Facts about a compiled program (words as returned by regexp_compile). */
unsigned regexp_ncaptures(const uint32_t *prog); /* including group 0 */
unsigned regexp_flags(const uint32_t *prog);
/* Name of group i (1-based) as code units, or NULL with *len 0 if unnamed. */
const uint16_t *regexp_group_name(const uint32_t *prog, unsigned i, size_t *len);

/* Reusable matcher memory (backtrack stack and slots); zero-initialise, free
 * with regexp_state_finish(). */
struct regexp_state {
	void *stack;
	size_t cap;
	int32_t *slots;
	size_t nslots;
};
void regexp_state_finish(struct regexp_state *st);

enum { REGEXP_ERR_STACK = -1, REGEXP_ERR_NOMEM = -2 };

/* Matches `prog` against s[0..len) starting at `start` (only there if the
 * program is sticky). On a match returns 1 and fills caps[0 .. 2*ncaptures)
 * with start/end indices (-1 for an unmatched group); no match returns 0;
 * a negative REGEXP_ERR_* otherwise. */
int regexp_exec(const uint32_t *prog, const uint16_t *s, size_t len, size_t start, int32_t *caps,
                struct regexp_state *st);
