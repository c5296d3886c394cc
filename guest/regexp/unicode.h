/* unicode: the Unicode data the RegExp engine needs (property escapes,
 * case folding), generated at build time from Debian's unicode-data.
 * Runs in: guest. Input: property names from untrusted patterns (looked up
 * by exact match only) and code points. */
#pragma once

#include <stdint.h>

enum ru_kind {
	RU_BINARY = 0, /* \p{Alphabetic}: ECMA-262's binary properties */
	RU_GC = 1,     /* General_Category values and groups (L, LC...) */
	RU_SC = 2,     /* Script */
	RU_SCX = 3,    /* Script_Extensions */
};

struct ru_prop {
	unsigned char kind;
	const char *name;
	uint32_t off, n; /* ru_ranges[off .. off + n): sorted, disjoint, inclusive */
};

extern const char ru_version[];
extern const uint32_t ru_ranges[][2];
extern const struct ru_prop ru_props[];
extern const unsigned ru_nprops;
extern const uint32_t ru_fold[][2]; /* simple case folding (C + S) */
extern const unsigned ru_fold_n;
extern const uint32_t ru_canon[][2]; /* Canonicalize without /u: toUppercase */
extern const unsigned ru_canon_n;

/* The property of `kind` named exactly `name` (NUL-terminated ASCII), or NULL. */
const struct ru_prop *ru_find(enum ru_kind kind, const char *name);

/* Canonicalize(ch) of ECMA-262 22.2.2.7.3 with IgnoreCase: simple case
 * folding when `unicode` (u or v flag), else toUppercase restricted to one
 * code unit and never from non-ASCII to ASCII. */
uint32_t ru_canonicalize(uint32_t c, int unicode);

/* The case table of ru_canonicalize (sorted by source code point; code
 * points absent from it canonicalize to themselves): *n entries. Used to
 * close a class under Canonicalize. */
const uint32_t (*ru_canon_table(int unicode, unsigned *n))[2];
