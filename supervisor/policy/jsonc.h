/* jsonc: a strict JSON-with-comments parser that keeps the line and column
 * of every value and key, so policy errors can say FILE:LINE:COL.
 * Runs in: supervisor. Input: operator policy files (the one place they are
 * tokenized); a pure function over a buffer, no I/O. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Nesting deeper than this is not a policy; it also bounds recursion. */
#define JSONC_MAX_DEPTH 32

enum jsonc_type { JSONC_NULL, JSONC_BOOL, JSONC_NUMBER, JSONC_STRING, JSONC_ARRAY, JSONC_OBJECT };

struct jsonc_value;

struct jsonc_member {
	char *key;
	unsigned line, col; /* of the key's opening quote */
	struct jsonc_value *val;
};

struct jsonc_value {
	enum jsonc_type type;
	unsigned line, col; /* 1-based; columns count UTF-8 characters */
	bool b;
	/* JSONC_NUMBER: an integer is |mag| with `neg`; is_int is false for a
	 * fraction or exponent; overflow is set when |value| > UINT64_MAX. */
	bool is_int, neg, overflow;
	uint64_t mag;
	/* JSONC_STRING: NUL-terminated UTF-8; strings holding U+0000 are rejected. */
	char *str;
	size_t len;
	/* JSONC_ARRAY */
	struct jsonc_value **items;
	size_t n_items;
	/* JSONC_OBJECT, in file order; duplicate keys are rejected. */
	struct jsonc_member *members;
	size_t n_members;
};

struct jsonc_error {
	unsigned line, col;
	char msg[160];
};

/* Parses exactly one value (surrounded by whitespace and comments) from
 * text[0..len). `//` and block comments and trailing commas are accepted.
 * Returns 0 with *out (free with jsonc_free()), -EINVAL with *err filled,
 * or -ENOMEM. */
int jsonc_parse(const char *text, size_t len, struct jsonc_value **out, struct jsonc_error *err);
void jsonc_free(struct jsonc_value *v); /* accepts NULL */

/* The member named key, or NULL. */
struct jsonc_member *jsonc_get(const struct jsonc_value *obj, const char *key);
const char *jsonc_type_name(enum jsonc_type t);
