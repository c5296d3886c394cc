/* unicode: lookups over the generated tables (see unicode.h). */
#include "unicode.h"

#include <string.h>

const struct ru_prop *ru_find(enum ru_kind kind, const char *name)
{
	unsigned lo = 0, hi = ru_nprops;
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		const struct ru_prop *p = &ru_props[mid];
		int c = p->kind != kind ? (p->kind < kind ? -1 : 1) : strcmp(p->name, name);
		if (c == 0)
			return p;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static uint32_t lookup(const uint32_t (*t)[2], unsigned n, uint32_t c)
{
	unsigned lo = 0, hi = n;
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		if (t[mid][0] == c)
			return t[mid][1];
		if (t[mid][0] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return c;
}

uint32_t ru_canonicalize(uint32_t c, int unicode)
{
	if (c < 128) {
		if (unicode)
			return c >= 'A' && c <= 'Z' ? c + 32 : c;
		return c >= 'a' && c <= 'z' ? c - 32 : c;
	}
	return unicode ? lookup(ru_fold, ru_fold_n, c) : lookup(ru_canon, ru_canon_n, c);
}

const uint32_t (*ru_canon_table(int unicode, unsigned *n))[2]
{
	*n = unicode ? ru_fold_n : ru_canon_n;
	return unicode ? ru_fold : ru_canon;
}
