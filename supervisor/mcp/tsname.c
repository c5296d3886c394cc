/* tsname: program-visible names for downstream tools (see tsname.h). */
#include "tsname.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The same list codemode checks (ES reserved words, strict-mode and old
 * future-reserved words, and the literals). */
static const char *const reserved[] = {
        "abstract", "arguments",  "await",        "boolean",   "break",    "byte",     "case",       "catch",
        "char",     "class",      "const",        "continue",  "debugger", "default",  "delete",     "do",
        "double",   "else",       "enum",         "eval",      "export",   "extends",  "false",      "final",
        "finally",  "float",      "for",          "function",  "goto",     "if",       "implements", "import",
        "in",       "instanceof", "int",          "interface", "let",      "long",     "native",     "new",
        "null",     "package",    "private",      "protected", "public",   "return",   "short",      "static",
        "super",    "switch",     "synchronized", "this",      "throw",    "throws",   "transient",  "true",
        "try",      "typeof",     "undefined",    "var",       "void",     "volatile", "while",      "with",
        "yield",
};

static bool is_reserved(const char *s)
{
	for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
		if (!strcmp(s, reserved[i]))
			return true;
	return false;
}

bool tsname_is_js_space(unsigned cp)
{
	switch (cp) {
	case '\t':
	case '\n':
	case 0x0b:
	case 0x0c:
	case '\r':
	case ' ':
	case 0xa0:
	case 0x1680:
	case 0x2028:
	case 0x2029:
	case 0x202f:
	case 0x205f:
	case 0x3000:
	case 0xfeff: return true;
	default: return cp >= 0x2000 && cp <= 0x200a;
	}
}

size_t tsname_utf8_next(const char *s, size_t n, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = u[0] < 0x80 ? 1 : u[0] < 0xe0 ? 2 : u[0] < 0xf0 ? 3 : 4;
	if (len > n)
		len = n;
	unsigned c = len == 1 ? u[0] : len == 2 ? u[0] & 0x1f : len == 3 ? u[0] & 0x0f : u[0] & 0x07;
	for (size_t i = 1; i < len; i++)
		c = c << 6 | (u[i] & 0x3f);
	*cp = c;
	return len ? len : 1;
}

static bool ident_char(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

void tsname_sanitize(const char *name, char *out)
{
	size_t o = 0, n = strlen(name);
	/* Cut two short: a leading and a trailing '_' may still be added. */
	char buf[TSNAME_MAX + 1];
	for (size_t i = 0; i < n && o < TSNAME_MAX - 2;) {
		unsigned cp;
		i += tsname_utf8_next(name + i, n - i, &cp);
		if (cp == '-' || cp == '.' || tsname_is_js_space(cp))
			buf[o++] = '_';
		else if (ident_char(cp))
			buf[o++] = (char)cp;
	}
	buf[o] = '\0';
	if (!o) {
		strcpy(out, "_");
		return;
	}
	size_t w = 0;
	if (buf[0] >= '0' && buf[0] <= '9')
		out[w++] = '_';
	memcpy(out + w, buf, o + 1);
	if (is_reserved(out))
		strcat(out, "_");
}

void tsname_pascal(const char *in, char *out)
{
	size_t o = 0;
	for (size_t i = 0; in[i]; i++) {
		if (in[i] == '_' && in[i + 1] >= 'a' && in[i + 1] <= 'z') {
			out[o++] = (char)(in[i + 1] - 'a' + 'A');
			i++;
		} else {
			out[o++] = in[i];
		}
	}
	out[o] = '\0';
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

bool tsname_is_identifier(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > TSNAME_MAX || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!ident_char((unsigned char)s[i]))
			return false;
	return !is_reserved(s);
}

static const char *const *sort_names;

static int by_name(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(sort_names[i], sort_names[j]);
	return c ? c : (i > j) - (i < j);
}

static bool in_list(char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] && !strcmp(list[i], s))
			return true;
	return false;
}

/* Gives each of n natural names (in the order idx says) itself, or the
 * first "name_K" (K >= 2) that is neither assigned nor natural to another. */
static int uniquify(char **natural, const size_t *idx, size_t n, char **out)
{
	for (size_t k = 0; k < n; k++) {
		size_t i = idx[k];
		const char *nat = natural[i];
		if (!in_list(out, n, nat)) {
			out[i] = strdup(nat);
		} else {
			char cand[TSNAME_MAX + 32];
			for (unsigned suffix = 2;; suffix++) {
				snprintf(cand, sizeof cand, "%s_%u", nat, suffix);
				if (!in_list(out, n, cand) && !in_list(natural, n, cand))
					break;
			}
			out[i] = strdup(cand);
		}
		if (!out[i])
			return -ENOMEM;
	}
	return 0;
}

int tsname_assign(const char *const *names, size_t n, char **out, char **types)
{
	int r = -ENOMEM;
	size_t *idx = calloc(n ? n : 1, sizeof *idx);
	char **natural = calloc(n ? n : 1, sizeof *natural);
	char **pascal = calloc(n ? n : 1, sizeof *pascal);
	memset(out, 0, n * sizeof *out);
	memset(types, 0, n * sizeof *types);
	if (!idx || !natural || !pascal)
		goto out;
	for (size_t i = 0; i < n; i++) {
		idx[i] = i;
		natural[i] = malloc(TSNAME_MAX + 1);
		if (!natural[i])
			goto out;
		tsname_sanitize(names[i], natural[i]);
	}
	/* qsort has no context argument: the comparator reads a static that is
	 * set only for this call (codecell mcp is single-threaded). */
	sort_names = names;
	qsort(idx, n, sizeof *idx, by_name);
	sort_names = NULL;
	r = uniquify(natural, idx, n, out);
	if (r < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		pascal[i] = malloc(strlen(out[i]) + 1);
		if (!pascal[i]) {
			r = -ENOMEM;
			goto out;
		}
		tsname_pascal(out[i], pascal[i]);
	}
	r = uniquify(pascal, idx, n, types);
out:
	for (size_t i = 0; i < n && natural; i++)
		free(natural[i]);
	for (size_t i = 0; i < n && pascal; i++)
		free(pascal[i]);
	free(natural);
	free(pascal);
	free(idx);
	if (r < 0) {
		for (size_t i = 0; i < n; i++) {
			free(out[i]);
			free(types[i]);
			out[i] = types[i] = NULL;
		}
	}
	return r;
}
