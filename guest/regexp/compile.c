/* compile: ECMAScript 2023 pattern syntax (with Annex B's web-compatibility
 * grammar when neither u nor v is set) to the bytecode of program.h.
 * Errors carry V8's wording, since node is the oracle a program is judged by.
 *
 * The parser builds a small tree in an arena first: lookbehind bodies are
 * emitted right to left and quantifiers need to know the captures inside
 * them, both of which are awkward in a single pass. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "program.h"
#include "regexp.h"
#include "unicode.h"

enum nkind {
	N_EMPTY,
	N_CHAR,
	N_SET,
	N_ANY,
	N_SEQ,
	N_ALT,
	N_GROUP,
	N_LOOK,
	N_QUANT,
	N_BACKREF,
	N_BOL,
	N_EOL,
	N_WORDB,
	N_NWORDB,
};

struct node {
	unsigned char kind, greedy, neg, behind;
	uint32_t c; /* N_CHAR: code point; N_SET: set index */
	uint32_t min, max;
	int cap;            /* N_GROUP: index (0 = non-capturing); N_BACKREF: group */
	int cap_lo, cap_hi; /* N_QUANT: captures [cap_lo, cap_hi) inside */
	struct node *kid, *next;
	const uint16_t *name; /* N_BACKREF by name, resolved after parsing */
	size_t namelen;
};

struct cset {
	uint32_t (*r)[2];
	uint32_t n, cap;
};

struct arena {
	struct arena *prev;
	size_t used;
	unsigned char mem[8192 - 2 * sizeof(void *)];
};

struct parser {
	const uint16_t *s;
	size_t len, pos;
	unsigned flags;
	bool u, v, ci, named; /* named: the pattern has a (?<name>...) somewhere */
	int ncap, total_caps;
	struct arena *arena;
	struct cset *sets;
	uint32_t nsets, csets;
	struct {
		const uint16_t *s;
		size_t n;
	} * names;              /* names[i]: group i's name, or s == NULL */
	struct node **backrefs; /* named backreferences, to resolve */
	size_t nbackrefs, cbackrefs;
	uint32_t *w;      /* program under construction */
	uint32_t *setoff; /* word offset of each set in w */
	size_t nw, cw;
	uint32_t nregs;
	char *err;
	int status;
	jmp_buf jb;
};

__attribute__((noreturn)) static void fail(struct parser *p, const char *msg)
{
	snprintf(p->err, REGEXP_ERRLEN, "%s", msg);
	p->status = -1;
	longjmp(p->jb, 1);
}

__attribute__((noreturn)) static void nomem(struct parser *p)
{
	snprintf(p->err, REGEXP_ERRLEN, "out of memory");
	p->status = -2;
	longjmp(p->jb, 1);
}

static void *xrealloc(struct parser *p, void *old, size_t n, size_t size)
{
	if (n && size > SIZE_MAX / n)
		nomem(p);
	void *q = realloc(old, (n && size) ? n * size : 1);
	if (!q)
		nomem(p);
	return q;
}

/* Memory freed with the parser (also on a syntax error's longjmp). */
static void *arena_alloc(struct parser *p, size_t size)
{
	size_t sz = (size + 15) & ~(size_t)15;
	if (sz > sizeof p->arena->mem / 2) {
		/* Big: a chunk of its own, linked behind the current one. */
		if (sz > SIZE_MAX - sizeof(struct arena))
			nomem(p);
		struct arena *a = malloc(sizeof(struct arena) + sz);
		if (!a)
			nomem(p);
		if (p->arena) {
			a->prev = p->arena->prev;
			p->arena->prev = a;
		} else {
			a->prev = NULL;
			p->arena = a;
			a->used = sizeof a->mem;
		}
		return (unsigned char *)(a + 1);
	}
	if (!p->arena || p->arena->used + sz > sizeof p->arena->mem) {
		struct arena *a = malloc(sizeof *a);
		if (!a)
			nomem(p);
		a->prev = p->arena;
		a->used = 0;
		p->arena = a;
	}
	void *m = p->arena->mem + p->arena->used;
	p->arena->used += sz;
	return m;
}

static struct node *new_node(struct parser *p, enum nkind k)
{
	struct node *n = arena_alloc(p, sizeof *n);
	memset(n, 0, sizeof *n);
	n->kind = (unsigned char)k;
	return n;
}

/* ---- character sets ---------------------------------------------------- */

static uint32_t new_set(struct parser *p)
{
	if (p->nsets == p->csets) {
		p->csets = p->csets ? p->csets * 2 : 8;
		p->sets = xrealloc(p, p->sets, p->csets, sizeof *p->sets);
	}
	memset(&p->sets[p->nsets], 0, sizeof p->sets[0]);
	return p->nsets++;
}

static void set_add(struct parser *p, uint32_t si, uint32_t lo, uint32_t hi)
{
	struct cset *s = &p->sets[si];
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->r = xrealloc(p, s->r, s->cap, sizeof *s->r);
	}
	s->r[s->n][0] = lo;
	s->r[s->n][1] = hi;
	s->n++;
}

/* Heapsort by range start. Not qsort(3): glibc's qsort calls sysinfo(2)
 * for large arrays, which the guest's seccomp filter forbids. */
static void sift(uint32_t (*r)[2], uint32_t i, uint32_t n)
{
	for (;;) {
		uint32_t c = 2 * i + 1;
		if (c >= n)
			return;
		if (c + 1 < n && r[c + 1][0] > r[c][0])
			c++;
		if (r[i][0] >= r[c][0])
			return;
		uint32_t t0 = r[i][0], t1 = r[i][1];
		r[i][0] = r[c][0];
		r[i][1] = r[c][1];
		r[c][0] = t0;
		r[c][1] = t1;
		i = c;
	}
}

static void sort_ranges(uint32_t (*r)[2], uint32_t n)
{
	for (uint32_t i = n / 2; i-- > 0;)
		sift(r, i, n);
	for (uint32_t end = n; end-- > 1;) {
		uint32_t t0 = r[0][0], t1 = r[0][1];
		r[0][0] = r[end][0];
		r[0][1] = r[end][1];
		r[end][0] = t0;
		r[end][1] = t1;
		sift(r, 0, end);
	}
}

static void set_norm(struct cset *s)
{
	if (s->n < 2)
		return;
	sort_ranges(s->r, s->n);
	uint32_t w = 0;
	for (uint32_t i = 1; i < s->n; i++) {
		if (s->r[i][0] <= s->r[w][1] + 1) {
			if (s->r[i][1] > s->r[w][1])
				s->r[w][1] = s->r[i][1];
		} else {
			s->r[++w][0] = s->r[i][0];
			s->r[w][1] = s->r[i][1];
		}
	}
	s->n = w + 1;
}

static void set_invert(struct parser *p, uint32_t si)
{
	set_norm(&p->sets[si]);
	struct cset old = p->sets[si];
	memset(&p->sets[si], 0, sizeof old);
	uint32_t next = 0;
	for (uint32_t i = 0; i < old.n; i++) {
		if (old.r[i][0] > next)
			set_add(p, si, next, old.r[i][0] - 1);
		next = old.r[i][1] + 1;
	}
	if (next <= 0x10ffff)
		set_add(p, si, next, 0x10ffff);
	free(old.r);
}

static void set_union(struct parser *p, uint32_t dst, uint32_t src)
{
	for (uint32_t i = 0; i < p->sets[src].n; i++)
		set_add(p, dst, p->sets[src].r[i][0], p->sets[src].r[i][1]);
}

/* \d \s \w and their negations, as a fresh set. */
static uint32_t class_escape_set(struct parser *p, uint16_t e)
{
	uint32_t si = new_set(p);
	switch (e | 0x20) {
	case 'd': set_add(p, si, '0', '9'); break;
	case 's': {
		static const uint32_t ws[][2] = {{9, 13},          {32, 32},         {0xa0, 0xa0},     {0x1680, 0x1680},
		                                 {0x2000, 0x200a}, {0x2028, 0x2029}, {0x202f, 0x202f}, {0x205f, 0x205f},
		                                 {0x3000, 0x3000}, {0xfeff, 0xfeff}};
		for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++)
			set_add(p, si, ws[i][0], ws[i][1]);
		break;
	}
	case 'w':
		set_add(p, si, '0', '9');
		set_add(p, si, 'A', 'Z');
		set_add(p, si, '_', '_');
		set_add(p, si, 'a', 'z');
		/* With u and i, WordCharacters also holds what canonicalizes into
		 * the basic set: U+017F (long s) and U+212A (Kelvin sign). */
		if (p->u && p->ci) {
			set_add(p, si, 0x17f, 0x17f);
			set_add(p, si, 0x212a, 0x212a);
		}
		break;
	}
	if (e >= 'A' && e <= 'Z')
		set_invert(p, si);
	return si;
}

/* ---- lexing helpers ---------------------------------------------------- */

static int peek(struct parser *p, size_t k)
{
	return p->pos + k < p->len ? p->s[p->pos + k] : -1;
}

static bool is_hi(uint32_t c)
{
	return c >= 0xd800 && c <= 0xdbff;
}
static bool is_lo(uint32_t c)
{
	return c >= 0xdc00 && c <= 0xdfff;
}

/* Next source character: a code point in unicode mode (surrogate pairs of
 * the pattern combine), else a code unit. */
static uint32_t next_char(struct parser *p)
{
	uint32_t c = p->s[p->pos++];
	if (p->u && is_hi(c) && p->pos < p->len && is_lo(p->s[p->pos]))
		c = 0x10000 + ((c - 0xd800) << 10) + (p->s[p->pos++] - 0xdc00);
	return c;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool is_syntax_char(int c)
{
	return c >= 0 && c < 128 && strchr("^$\\.*+?()[]{}|/", c) && c;
}

/* After "\u": HHHH, a surrogate pair \uHHHH\uHHHH in unicode mode, or
 * {H...} in unicode mode (or when `braces`). Returns the code point, or -1
 * with the position unchanged. */
static int32_t unicode_escape(struct parser *p, bool unicode)
{
	size_t save = p->pos;
	if (unicode && peek(p, 0) == '{') {
		p->pos++;
		uint32_t v = 0;
		int n = 0;
		while (hexval(peek(p, 0)) >= 0) {
			v = v * 16 + (uint32_t)hexval(p->s[p->pos++]);
			n++;
			if (v > 0x10ffff)
				goto bad;
		}
		if (n == 0 || peek(p, 0) != '}')
			goto bad;
		p->pos++;
		return (int32_t)v;
	}
	uint32_t v = 0;
	for (int i = 0; i < 4; i++) {
		int h = hexval(peek(p, 0));
		if (h < 0)
			goto bad;
		v = v * 16 + (uint32_t)h;
		p->pos++;
	}
	if (unicode && is_hi(v) && peek(p, 0) == '\\' && peek(p, 1) == 'u') {
		size_t s2 = p->pos;
		p->pos += 2;
		uint32_t lo = 0;
		int i;
		for (i = 0; i < 4 && hexval(peek(p, 0)) >= 0; i++)
			lo = lo * 16 + (uint32_t)hexval(p->s[p->pos++]);
		if (i == 4 && is_lo(lo))
			return (int32_t)(0x10000 + ((v - 0xd800) << 10) + (lo - 0xdc00));
		p->pos = s2;
	}
	return (int32_t)v;
bad:
	p->pos = save;
	return -1;
}

/* ---- group names -------------------------------------------------------- */

static bool id_prop(const char *prop, uint32_t c)
{
	const struct ru_prop *rp = ru_find(RU_BINARY, prop);
	uint32_t lo = 0, hi = rp->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const uint32_t *r = ru_ranges[rp->off + mid];
		if (c < r[0])
			hi = mid;
		else if (c > r[1])
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/* After '<': RegExpIdentifierName '>'. Returns the name's code units (in a
 * malloc'd buffer tracked nowhere else: caller stores it) and its length. */
static uint16_t *group_name(struct parser *p, size_t *outlen)
{
	uint16_t *buf = NULL;
	size_t n = 0, cap = 0;
	for (bool first = true;; first = false) {
		if (p->pos >= p->len)
			goto bad;
		uint32_t c;
		if (p->s[p->pos] == '>' && !first) {
			p->pos++;
			break;
		}
		if (p->s[p->pos] == '\\') {
			p->pos++;
			if (peek(p, 0) != 'u')
				goto bad;
			p->pos++;
			int32_t v = unicode_escape(p, true);
			if (v < 0)
				goto bad;
			c = (uint32_t)v;
		} else {
			c = p->s[p->pos++];
			/* Group names are read as code points in every mode (ES2020). */
			if (is_hi(c) && p->pos < p->len && is_lo(p->s[p->pos]))
				c = 0x10000 + ((c - 0xd800) << 10) + (p->s[p->pos++] - 0xdc00);
		}
		bool ok = c == '$' || c == '_' ||
		          (first ? id_prop("ID_Start", c) : (id_prop("ID_Continue", c) || c == 0x200c || c == 0x200d));
		if (!ok)
			goto bad;
		if (n + 2 > cap) {
			cap = cap ? cap * 2 : 16;
			uint16_t *nb = realloc(buf, cap * sizeof *buf);
			if (!nb) {
				free(buf);
				nomem(p);
			}
			buf = nb;
		}
		if (c > 0xffff) {
			buf[n++] = (uint16_t)(0xd800 + ((c - 0x10000) >> 10));
			buf[n++] = (uint16_t)(0xdc00 + ((c - 0x10000) & 0x3ff));
		} else {
			buf[n++] = (uint16_t)c;
		}
	}
	*outlen = n;
	return buf;
bad:
	free(buf);
	fail(p, "Invalid capture group name");
}

/* ---- pre-scan ----------------------------------------------------------- */

/* Counts capture groups and notes whether any is named: a decimal escape
 * is a backreference when its value is at most the total count, and \k is
 * a named reference (not an identity escape) once any group is named. */
static void prescan(struct parser *p)
{
	bool in_class = false;
	for (size_t i = 0; i < p->len; i++) {
		uint16_t c = p->s[i];
		if (c == '\\') {
			i++;
			continue;
		}
		if (in_class) {
			if (c == ']')
				in_class = false;
			continue;
		}
		if (c == '[') {
			in_class = true;
		} else if (c == '(') {
			if (i + 1 < p->len && p->s[i + 1] == '?') {
				if (i + 2 < p->len && p->s[i + 2] == '<' && i + 3 < p->len && p->s[i + 3] != '=' &&
				    p->s[i + 3] != '!') {
					p->total_caps++;
					p->named = true;
				}
			} else {
				p->total_caps++;
			}
		}
	}
}

/* ---- parser ------------------------------------------------------------- */

static struct node *disjunction(struct parser *p);

static struct node *char_node(struct parser *p, uint32_t c)
{
	struct node *n = new_node(p, N_CHAR);
	n->c = c;
	return n;
}

static struct node *set_node(struct parser *p, uint32_t si)
{
	struct node *n = new_node(p, N_SET);
	n->c = si;
	return n;
}

/* \p{...} / \P{...} after the 'p' or 'P'. */
static uint32_t property_escape(struct parser *p, bool neg, bool in_class)
{
	const char *msg = in_class ? "Invalid property name in character class" : "Invalid property name";
	if (peek(p, 0) != '{')
		fail(p, msg);
	p->pos++;
	char name[64], value[64];
	size_t nn = 0, nv = 0;
	bool eq = false;
	for (;;) {
		int c = peek(p, 0);
		if (c == '}')
			break;
		if (c < 0 || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
		               (c == '=' && !eq)))
			fail(p, msg);
		p->pos++;
		if (c == '=') {
			eq = true;
			continue;
		}
		if (eq) {
			if (nv + 1 >= sizeof value)
				fail(p, msg);
			value[nv++] = (char)c;
		} else {
			if (nn + 1 >= sizeof name)
				fail(p, msg);
			name[nn++] = (char)c;
		}
	}
	p->pos++;
	name[nn] = 0;
	value[nv] = 0;
	const struct ru_prop *rp = NULL;
	if (eq) {
		if (!nv)
			fail(p, msg);
		if (!strcmp(name, "General_Category") || !strcmp(name, "gc"))
			rp = ru_find(RU_GC, value);
		else if (!strcmp(name, "Script") || !strcmp(name, "sc"))
			rp = ru_find(RU_SC, value);
		else if (!strcmp(name, "Script_Extensions") || !strcmp(name, "scx"))
			rp = ru_find(RU_SCX, value);
	} else {
		rp = ru_find(RU_GC, name);
		if (!rp)
			rp = ru_find(RU_BINARY, name);
	}
	if (!rp)
		fail(p, msg);
	uint32_t si = new_set(p);
	for (uint32_t i = 0; i < rp->n; i++)
		set_add(p, si, ru_ranges[rp->off + i][0], ru_ranges[rp->off + i][1]);
	if (neg)
		set_invert(p, si);
	return si;
}

/* CharacterEscape after the backslash (the escape letter not yet consumed),
 * for atoms and classes. Returns a code point. Handles the Annex B forms
 * when not in unicode mode. */
static uint32_t char_escape(struct parser *p, bool in_class)
{
	uint32_t c = p->s[p->pos];
	switch (c) {
	case 'f': p->pos++; return 0xc;
	case 'n': p->pos++; return 0xa;
	case 'r': p->pos++; return 0xd;
	case 't': p->pos++; return 0x9;
	case 'v': p->pos++; return 0xb;
	case 'c': {
		int l = peek(p, 1);
		if ((l >= 'a' && l <= 'z') || (l >= 'A' && l <= 'Z')) {
			p->pos += 2;
			return (uint32_t)l % 32;
		}
		if (!p->u && in_class && ((l >= '0' && l <= '9') || l == '_')) {
			p->pos += 2;
			return (uint32_t)l % 32;
		}
		if (p->u)
			fail(p, "Invalid Unicode escape");
		/* Annex B: "\c" not followed by a letter is a backslash, and the
		 * 'c' is read again as itself. */
		return '\\';
	}
	case '0':
		if (!(peek(p, 1) >= '0' && peek(p, 1) <= '9')) {
			p->pos++;
			return 0;
		}
		if (p->u)
			fail(p, in_class ? "Invalid class escape" : "Invalid decimal escape");
		__attribute__((fallthrough)); /* legacy octal */
	case '1':
	case '2':
	case '3':
	case '4':
	case '5':
	case '6':
	case '7':
		if (p->u)
			fail(p, in_class ? "Invalid class escape" : "Invalid escape");
		{
			uint32_t v = c - '0';
			p->pos++;
			if (peek(p, 0) >= '0' && peek(p, 0) <= '7') {
				v = v * 8 + (uint32_t)(p->s[p->pos++] - '0');
				if (c <= '3' && peek(p, 0) >= '0' && peek(p, 0) <= '7')
					v = v * 8 + (uint32_t)(p->s[p->pos++] - '0');
			}
			return v;
		}
	case 'x': {
		int a = hexval(peek(p, 1)), b = hexval(peek(p, 2));
		if (a >= 0 && b >= 0) {
			p->pos += 3;
			return (uint32_t)(a * 16 + b);
		}
		if (p->u)
			fail(p, "Invalid escape");
		p->pos++;
		return 'x';
	}
	case 'u': {
		p->pos++;
		int32_t v = unicode_escape(p, p->u);
		if (v >= 0)
			return (uint32_t)v;
		if (p->u)
			fail(p, "Invalid Unicode escape");
		return 'u';
	}
	default:
		if (p->u) {
			if (is_syntax_char((int)c) || (in_class && c == '-')) {
				p->pos++;
				return c;
			}
			fail(p, "Invalid escape");
		}
		if (c == 'k' && p->named)
			fail(p, "Invalid named reference");
		p->pos++;
		return c;
	}
}

/* One ClassAtom: returns true and sets *set for a class escape (\d, \p{}),
 * else false with the code point in *cp. */
static bool class_atom(struct parser *p, uint32_t *cp, uint32_t *set)
{
	if (p->s[p->pos] != '\\') {
		*cp = next_char(p);
		return false;
	}
	p->pos++;
	int c = peek(p, 0);
	if (c < 0)
		fail(p, "\\ at end of pattern");
	switch (c) {
	case 'b':
		p->pos++;
		*cp = 8;
		return false;
	case '-':
		if (p->u) {
			p->pos++;
			*cp = '-';
			return false;
		}
		break;
	case 'd':
	case 'D':
	case 's':
	case 'S':
	case 'w':
	case 'W':
		p->pos++;
		*set = class_escape_set(p, (uint16_t)c);
		return true;
	case 'p':
	case 'P':
		if (p->u) {
			p->pos++;
			*set = property_escape(p, c == 'P', true);
			return true;
		}
		break;
	case '8':
	case '9':
		if (p->u)
			fail(p, "Invalid class escape");
		p->pos++;
		*cp = (uint32_t)c;
		return false;
	}
	if (c == 'k' && !p->u) {
		if (p->named)
			fail(p, "Invalid escape");
		p->pos++;
		*cp = 'k';
		return false;
	}
	*cp = char_escape(p, true);
	return false;
}

static struct node *char_class(struct parser *p)
{
	p->pos++; /* '[' */
	bool neg = false;
	if (peek(p, 0) == '^') {
		neg = true;
		p->pos++;
	}
	uint32_t si = new_set(p);
	for (;;) {
		if (p->pos >= p->len)
			fail(p, "Unterminated character class");
		if (p->s[p->pos] == ']') {
			p->pos++;
			break;
		}
		uint32_t a = 0, b = 0, sa = 0, sb = 0;
		bool is_set_a = class_atom(p, &a, &sa);
		if (peek(p, 0) == '-' && peek(p, 1) != ']' && peek(p, 1) >= 0) {
			p->pos++;
			bool is_set_b = class_atom(p, &b, &sb);
			if (is_set_a || is_set_b) {
				if (p->u)
					fail(p, "Invalid character class");
				/* Annex B: [\d-x] is \d, '-' and x. */
				if (is_set_a)
					set_union(p, si, sa);
				else
					set_add(p, si, a, a);
				set_add(p, si, '-', '-');
				if (is_set_b)
					set_union(p, si, sb);
				else
					set_add(p, si, b, b);
				continue;
			}
			if (a > b)
				fail(p, "Range out of order in character class");
			set_add(p, si, a, b);
			continue;
		}
		if (is_set_a)
			set_union(p, si, sa);
		else
			set_add(p, si, a, a);
	}
	struct node *n = set_node(p, si);
	n->neg = neg;
	return n;
}

/* ---- v-mode classes (ES2024 ClassSetExpression) --------------------------- */

/* Strings of a class (\q{...} alternatives that are not one code point). */
struct vstrings {
	uint32_t **s;
	size_t *n, count, cap;
};

/* All in the parser's arena: nothing to free, even on a syntax error. */
static void vstr_add(struct parser *p, struct vstrings *vs, const uint32_t *cps, size_t n)
{
	if (vs->count == vs->cap) {
		size_t nc = vs->cap ? vs->cap * 2 : 4;
		uint32_t **ns = arena_alloc(p, nc * sizeof *ns);
		size_t *nn = arena_alloc(p, nc * sizeof *nn);
		if (vs->count) {
			memcpy(ns, vs->s, vs->count * sizeof *ns);
			memcpy(nn, vs->n, vs->count * sizeof *nn);
		}
		vs->s = ns;
		vs->n = nn;
		vs->cap = nc;
	}
	uint32_t *copy = arena_alloc(p, (n ? n : 1) * sizeof *copy);
	memcpy(copy, cps, n * sizeof *copy);
	vs->s[vs->count] = copy;
	vs->n[vs->count] = n;
	vs->count++;
}

/* MaybeSimpleCaseFolding: with i, a v-mode operand holds folded code
 * points only (set operations then compare like for like). */
static void fold_set(struct parser *p, uint32_t si)
{
	if (!p->ci)
		return;
	set_norm(&p->sets[si]);
	unsigned tn;
	const uint32_t(*t)[2] = ru_canon_table(1, &tn);
	uint32_t out = new_set(p);
	for (uint32_t r = 0; r < p->sets[si].n; r++) {
		uint32_t lo = p->sets[si].r[r][0], hi = p->sets[si].r[r][1];
		unsigned a = 0, b = tn;
		while (a < b) {
			unsigned mid = a + (b - a) / 2;
			if (t[mid][0] < lo)
				a = mid + 1;
			else
				b = mid;
		}
		uint32_t next = lo;
		for (; a < tn && t[a][0] <= hi; a++) {
			if (t[a][0] > next)
				set_add(p, out, next, t[a][0] - 1);
			set_add(p, out, t[a][1], t[a][1]);
			next = t[a][0] + 1;
		}
		if (next <= hi)
			set_add(p, out, next, hi);
	}
	struct cset tmp = p->sets[si];
	p->sets[si] = p->sets[out];
	p->sets[out] = tmp;
	set_norm(&p->sets[si]);
}

static void set_subtract(struct parser *p, uint32_t dst, uint32_t src);

/* CharacterComplement in v mode: with i, relative to the characters that
 * fold to themselves (AllCharacters), so the sources of the folding table
 * are removed after inverting. */
static void v_complement(struct parser *p, uint32_t si)
{
	set_invert(p, si);
	if (!p->ci)
		return;
	unsigned tn;
	const uint32_t(*t)[2] = ru_canon_table(1, &tn);
	uint32_t src = new_set(p);
	for (unsigned i = 0; i < tn; i++)
		if (t[i][0] != t[i][1])
			set_add(p, src, t[i][0], t[i][0]);
	set_subtract(p, si, src);
}

static void set_intersect(struct parser *p, uint32_t dst, uint32_t src)
{
	/* A & B = ~(~A | ~B) */
	set_invert(p, dst);
	uint32_t nb = new_set(p);
	set_union(p, nb, src);
	set_invert(p, nb);
	set_union(p, dst, nb);
	set_invert(p, dst);
}

static void set_subtract(struct parser *p, uint32_t dst, uint32_t src)
{
	/* A - B = ~(~A | B) */
	set_invert(p, dst);
	set_union(p, dst, src);
	set_invert(p, dst);
}

static bool v_syntax_char(int c)
{
	return c >= 0 && c < 128 && c && strchr("()[]{}/-\\|", c);
}
static bool v_reserved_double(int c)
{
	return c >= 0 && c < 128 && c && strchr("&!#$%*+,.:;<=>?@^`~", c);
}

/* One character of a class or \q string: returns the code point. */
static uint32_t v_char(struct parser *p)
{
	int c = peek(p, 0);
	if (c == '\\') {
		p->pos++;
		int e = peek(p, 0);
		if (e < 0)
			fail(p, "\\ at end of pattern");
		if (e == 'b') {
			p->pos++;
			return 8;
		}
		/* ClassSetReservedPunctuator may be escaped in v mode. */
		if (e < 128 && e && strchr("&-!#%,:;<=>@`~", e)) {
			p->pos++;
			return (uint32_t)e;
		}
		return char_escape(p, true);
	}
	if (v_reserved_double(c) && peek(p, 1) == c)
		fail(p, "Invalid set operation in character class");
	if (v_syntax_char(c))
		fail(p, "Invalid character in character class");
	return next_char(p);
}

static uint32_t v_class(struct parser *p, struct vstrings *vs, bool *neg_out);

/* A ClassSetOperand: nested class, class escape, \q{...} or one character.
 * Returns a set; *single is set (with *cp) when it was one character. */
static uint32_t v_operand(struct parser *p, struct vstrings *vs, bool *single, uint32_t *cp)
{
	*single = false;
	int c = peek(p, 0);
	uint32_t si;
	if (c == '[') {
		bool neg;
		struct vstrings inner = {0};
		si = v_class(p, &inner, &neg);
		for (size_t i = 0; i < inner.count; i++)
			vstr_add(p, vs, inner.s[i], inner.n[i]);
		return si;
	}
	if (c == '\\') {
		int e = peek(p, 1);
		/* Negated escapes: the positive set folded, then complemented. */
		if (e == 'd' || e == 'D' || e == 's' || e == 'S' || e == 'w' || e == 'W') {
			p->pos += 2;
			si = class_escape_set(p, (uint16_t)(e | 0x20));
			fold_set(p, si);
			if (e != (e | 0x20))
				v_complement(p, si);
			return si;
		}
		if (e == 'p' || e == 'P') {
			p->pos += 2;
			si = property_escape(p, false, true);
			fold_set(p, si);
			if (e == 'P')
				v_complement(p, si);
			return si;
		}
		if (e == 'q') {
			p->pos += 2;
			if (peek(p, 0) != '{')
				fail(p, "Invalid escape");
			p->pos++;
			si = new_set(p);
			uint32_t buf[256];
			for (;;) {
				size_t n = 0;
				while (peek(p, 0) >= 0 && peek(p, 0) != '|' && peek(p, 0) != '}') {
					if (n == sizeof buf / sizeof buf[0])
						fail(p, "Regular expression too large");
					uint32_t ch = v_char(p);
					buf[n++] = p->ci ? ru_canonicalize(ch, 1) : ch;
				}
				if (peek(p, 0) < 0)
					fail(p, "Unterminated character class");
				if (n == 1)
					set_add(p, si, buf[0], buf[0]);
				else
					vstr_add(p, vs, buf, n);
				if (p->s[p->pos++] == '}')
					break;
			}
			return si;
		}
	}
	*cp = v_char(p);
	*single = true;
	si = new_set(p);
	set_add(p, si, *cp, *cp);
	fold_set(p, si);
	return si;
}

/* [ ClassSetExpression ] at p->pos: returns the set; strings go to vs. */
static uint32_t v_class(struct parser *p, struct vstrings *vs, bool *neg_out)
{
	p->pos++; /* '[' */
	bool neg = false;
	if (peek(p, 0) == '^') {
		neg = true;
		p->pos++;
	}
	uint32_t si = new_set(p);
	if (peek(p, 0) == ']') {
		p->pos++;
		goto done;
	}
	bool single;
	uint32_t cp, first = v_operand(p, vs, &single, &cp);
	int op = 0; /* '&' intersection, '-' subtraction, 'u' union */
	if (peek(p, 0) == '&' && peek(p, 1) == '&')
		op = '&';
	else if (peek(p, 0) == '-' && peek(p, 1) == '-')
		op = '-';
	if (op) {
		set_union(p, si, first);
		while (peek(p, 0) == op && peek(p, 1) == op) {
			p->pos += 2;
			if (op == '&' && peek(p, 0) == '&')
				fail(p, "Invalid character in character class");
			size_t before = vs->count;
			uint32_t rhs = v_operand(p, vs, &single, &cp);
			if (vs->count != before)
				fail(p, "Invalid set operation in character class");
			if (op == '&')
				set_intersect(p, si, rhs);
			else
				set_subtract(p, si, rhs);
		}
		if (vs->count)
			fail(p, "Invalid set operation in character class");
		if (peek(p, 0) != ']')
			fail(p, p->pos >= p->len ? "Unterminated character class"
			                         : "Invalid set operation in character class");
		p->pos++;
		goto done;
	}
	for (;;) {
		/* ClassUnion: operands and ranges. */
		if (single && peek(p, 0) == '-' && peek(p, 1) != '-') {
			p->pos++;
			bool s2;
			uint32_t b;
			int c2 = peek(p, 0);
			if (c2 < 0 || c2 == ']')
				fail(p, "Invalid character in character class");
			if (c2 == '[')
				fail(p, "Invalid character class");
			(void)v_operand(p, vs, &s2, &b);
			if (!s2)
				fail(p, "Invalid character class");
			if (cp > b)
				fail(p, "Range out of order in character class");
			uint32_t r = new_set(p);
			set_add(p, r, cp, b);
			fold_set(p, r);
			set_union(p, si, r);
		} else {
			set_union(p, si, first);
		}
		if (peek(p, 0) == ']') {
			p->pos++;
			break;
		}
		if (p->pos >= p->len)
			fail(p, "Unterminated character class");
		if ((peek(p, 0) == '&' && peek(p, 1) == '&') || (peek(p, 0) == '-' && peek(p, 1) == '-'))
			fail(p, "Invalid set operation in character class");
		first = v_operand(p, vs, &single, &cp);
	}
done:
	if (neg) {
		if (vs->count)
			fail(p, "Negated character class may contain strings");
		v_complement(p, si);
	}
	*neg_out = false;
	return si;
}

static int cmp_len_desc(size_t a, size_t b)
{
	return a < b;
}

/* A v-mode class as a node: the set, preceded by its strings longest
 * first (and followed by the empty string, if listed). */
static struct node *v_class_node(struct parser *p)
{
	struct vstrings vs = {0};
	bool neg;
	uint32_t si = v_class(p, &vs, &neg);
	struct node *setn = set_node(p, si);
	if (!vs.count)
		return setn;
	/* Order: by length descending (stable insertion sort: few strings). */
	for (size_t i = 1; i < vs.count; i++)
		for (size_t j = i; j > 0 && cmp_len_desc(vs.n[j - 1], vs.n[j]); j--) {
			uint32_t *ts = vs.s[j];
			size_t tn = vs.n[j];
			vs.s[j] = vs.s[j - 1];
			vs.n[j] = vs.n[j - 1];
			vs.s[j - 1] = ts;
			vs.n[j - 1] = tn;
		}
	struct node *alt = new_node(p, N_ALT), **tail = &alt->kid;
	bool empty = false;
	for (size_t i = 0; i < vs.count; i++) {
		if (vs.n[i] == 0) {
			empty = true;
			continue;
		}
		struct node *seq = new_node(p, N_SEQ), **st = &seq->kid;
		for (size_t k = 0; k < vs.n[i]; k++) {
			struct node *c = char_node(p, vs.s[i][k]);
			*st = c;
			st = &c->next;
		}
		*tail = seq;
		tail = &seq->next;
	}
	struct node *wrap = new_node(p, N_SEQ);
	wrap->kid = setn;
	*tail = wrap;
	tail = &wrap->next;
	if (empty) {
		struct node *e = new_node(p, N_SEQ);
		*tail = e;
	}
	return alt;
}

/* {n}, {n,}, {n,m} at p->pos ('{'). Returns true and consumes it when
 * well formed; false with nothing consumed otherwise. */
static bool braces(struct parser *p, uint32_t *min, uint32_t *max)
{
	size_t save = p->pos;
	p->pos++;
	uint64_t a = 0, b;
	int n = 0;
	while (peek(p, 0) >= '0' && peek(p, 0) <= '9') {
		a = a * 10 + (uint64_t)(p->s[p->pos++] - '0');
		if (a > RE_INF - 1)
			a = RE_INF - 1;
		n++;
	}
	if (!n)
		goto no;
	b = a;
	if (peek(p, 0) == ',') {
		p->pos++;
		if (peek(p, 0) == '}') {
			b = RE_INF;
		} else {
			b = 0;
			n = 0;
			while (peek(p, 0) >= '0' && peek(p, 0) <= '9') {
				b = b * 10 + (uint64_t)(p->s[p->pos++] - '0');
				if (b > RE_INF - 1)
					b = RE_INF - 1;
				n++;
			}
			if (!n)
				goto no;
		}
	}
	if (peek(p, 0) != '}')
		goto no;
	p->pos++;
	*min = (uint32_t)a;
	*max = (uint32_t)b;
	return true;
no:
	p->pos = save;
	return false;
}

static struct node *atom_escape(struct parser *p)
{
	p->pos++; /* '\\' */
	int c = peek(p, 0);
	if (c < 0)
		fail(p, "\\ at end of pattern");
	if (c >= '1' && c <= '9') {
		size_t save = p->pos;
		uint64_t v = 0;
		while (peek(p, 0) >= '0' && peek(p, 0) <= '9') {
			v = v * 10 + (uint64_t)(p->s[p->pos++] - '0');
			if (v > 1000000)
				v = 1000000;
		}
		if (v <= (uint64_t)p->total_caps) {
			struct node *n = new_node(p, N_BACKREF);
			n->cap = (int)v;
			return n;
		}
		if (p->u)
			fail(p, "Invalid escape");
		p->pos = save;
		if (c >= '8') {
			p->pos++;
			return char_node(p, (uint32_t)c);
		}
		return char_node(p, char_escape(p, false));
	}
	switch (c) {
	case 'd':
	case 'D':
	case 's':
	case 'S':
	case 'w':
	case 'W': p->pos++; return set_node(p, class_escape_set(p, (uint16_t)c));
	case 'p':
	case 'P':
		if (p->u) {
			p->pos++;
			return set_node(p, property_escape(p, c == 'P', false));
		}
		break;
	case 'k':
		if (p->u || p->named) {
			p->pos++;
			if (peek(p, 0) != '<')
				fail(p, "Invalid named reference");
			p->pos++;
			struct node *n = new_node(p, N_BACKREF);
			uint16_t *name = group_name(p, &n->namelen);
			n->name = name;
			if (p->nbackrefs == p->cbackrefs) {
				p->cbackrefs = p->cbackrefs ? p->cbackrefs * 2 : 8;
				struct node **nb = realloc(p->backrefs, p->cbackrefs * sizeof *nb);
				if (!nb) {
					free(name);
					nomem(p);
				}
				p->backrefs = nb;
			}
			p->backrefs[p->nbackrefs++] = n;
			return n;
		}
		break;
	}
	return char_node(p, char_escape(p, false));
}

static struct node *group(struct parser *p)
{
	p->pos++; /* '(' */
	struct node *n;
	if (peek(p, 0) == '?') {
		int c = peek(p, 1);
		if (c == ':') {
			p->pos += 2;
			n = new_node(p, N_GROUP);
		} else if (c == '=' || c == '!') {
			p->pos += 2;
			n = new_node(p, N_LOOK);
			n->neg = c == '!';
		} else if (c == '<' && (peek(p, 2) == '=' || peek(p, 2) == '!')) {
			n = new_node(p, N_LOOK);
			n->neg = peek(p, 2) == '!';
			n->behind = 1;
			p->pos += 3;
		} else if (c == '<') {
			p->pos += 2;
			n = new_node(p, N_GROUP);
			n->cap = ++p->ncap;
			size_t len;
			uint16_t *name = group_name(p, &len);
			for (int i = 1; i < n->cap; i++) {
				if (p->names[i].s && p->names[i].n == len && !memcmp(p->names[i].s, name, len * 2)) {
					free(name);
					fail(p, "Duplicate capture group name");
				}
			}
			p->names[n->cap].s = name;
			p->names[n->cap].n = len;
		} else {
			fail(p, "Invalid group");
		}
	} else {
		n = new_node(p, N_GROUP);
		n->cap = ++p->ncap;
	}
	n->kid = disjunction(p);
	if (peek(p, 0) != ')')
		fail(p, "Unterminated group");
	p->pos++;
	return n;
}

static struct node *term(struct parser *p)
{
	int c = peek(p, 0);
	struct node *n;
	bool quantifiable = true;
	int cap_before = p->ncap;
	switch (c) {
	case '^': p->pos++; return new_node(p, N_BOL);
	case '$': p->pos++; return new_node(p, N_EOL);
	case '\\':
		if (peek(p, 1) == 'b' || peek(p, 1) == 'B') {
			bool b = peek(p, 1) == 'b';
			p->pos += 2;
			return new_node(p, b ? N_WORDB : N_NWORDB);
		}
		n = atom_escape(p);
		break;
	case '(':
		n = group(p);
		/* Lookbehinds are never quantifiable; lookaheads only under Annex B. */
		if (n->kind == N_LOOK && (n->behind || p->u))
			quantifiable = false;
		break;
	case '.':
		p->pos++;
		n = new_node(p, N_ANY);
		break;
	case '[': n = p->v ? v_class_node(p) : char_class(p); break;
	case '*':
	case '+':
	case '?': fail(p, "Nothing to repeat");
	case '{': {
		uint32_t a, b;
		if (braces(p, &a, &b))
			fail(p, "Nothing to repeat");
		if (p->u)
			fail(p, "Lone quantifier brackets");
	}
		p->pos++;
		n = char_node(p, '{');
		break;
	case '}':
	case ']':
		if (p->u)
			fail(p, "Lone quantifier brackets");
		p->pos++;
		n = char_node(p, (uint32_t)c);
		break;
	default: n = char_node(p, next_char(p)); break;
	}
	/* Quantifier. */
	c = peek(p, 0);
	uint32_t min, max;
	if (c == '*') {
		min = 0, max = RE_INF;
		p->pos++;
	} else if (c == '+') {
		min = 1, max = RE_INF;
		p->pos++;
	} else if (c == '?') {
		min = 0, max = 1;
		p->pos++;
	} else if (c == '{') {
		if (!braces(p, &min, &max)) {
			if (p->u)
				fail(p, "Incomplete quantifier");
			return n;
		}
		if (min > max)
			fail(p, "numbers out of order in {} quantifier");
	} else {
		return n;
	}
	if (!quantifiable)
		fail(p, "Invalid quantifier");
	struct node *q = new_node(p, N_QUANT);
	q->min = min;
	q->max = max;
	q->greedy = 1;
	if (peek(p, 0) == '?') {
		p->pos++;
		q->greedy = 0;
	}
	q->kid = n;
	q->cap_lo = cap_before + 1;
	q->cap_hi = p->ncap + 1;
	return q;
}

static struct node *alternative(struct parser *p)
{
	struct node *seq = new_node(p, N_SEQ), **tail = &seq->kid;
	while (p->pos < p->len && p->s[p->pos] != '|' && p->s[p->pos] != ')') {
		struct node *t = term(p);
		*tail = t;
		tail = &t->next;
	}
	return seq;
}

static struct node *disjunction(struct parser *p)
{
	struct node *first = alternative(p);
	if (peek(p, 0) != '|')
		return first;
	struct node *alt = new_node(p, N_ALT), **tail = &first->next;
	alt->kid = first;
	while (peek(p, 0) == '|') {
		p->pos++;
		struct node *a = alternative(p);
		*tail = a;
		tail = &a->next;
	}
	return alt;
}

/* ---- code generation ---------------------------------------------------- */

static void emit(struct parser *p, uint32_t w)
{
	if (p->nw == p->cw) {
		if (p->cw >= REGEXP_MAX_PROGRAM)
			fail(p, "Regular expression too large");
		p->cw = p->cw ? p->cw * 2 : 256;
		p->w = xrealloc(p, p->w, p->cw, sizeof *p->w);
	}
	p->w[p->nw++] = w;
}

static bool single_char(const struct node *n)
{
	return n->kind == N_CHAR || n->kind == N_SET || n->kind == N_ANY;
}

static void gen_char(struct parser *p, const struct node *n, uint32_t back, const uint32_t *setoff)
{
	switch (n->kind) {
	case N_CHAR:
		if (p->ci) {
			emit(p, OP_CHAR_I | back);
			emit(p, ru_canonicalize(n->c, p->u));
		} else {
			emit(p, OP_CHAR | back);
			emit(p, n->c);
		}
		break;
	case N_SET:
		emit(p, (n->neg ? OP_NSET : OP_SET) | back);
		emit(p, setoff[n->c]);
		break;
	case N_ANY: emit(p, ((p->flags & RE_FLAG_S) ? OP_ANY : OP_DOT) | back); break;
	}
}

static void gen(struct parser *p, const struct node *n, bool backward, const uint32_t *setoff)
{
	uint32_t back = backward ? RE_BACK : 0;
	switch (n->kind) {
	case N_EMPTY: break;
	case N_CHAR:
	case N_SET:
	case N_ANY: gen_char(p, n, back, setoff); break;
	case N_SEQ:
		if (!backward) {
			for (const struct node *k = n->kid; k; k = k->next)
				gen(p, k, backward, setoff);
		} else {
			/* Right to left: recurse over the list reversed. */
			size_t cnt = 0;
			for (const struct node *k = n->kid; k; k = k->next)
				cnt++;
			for (size_t i = cnt; i-- > 0;) {
				const struct node *k = n->kid;
				for (size_t j = 0; j < i; j++)
					k = k->next;
				gen(p, k, backward, setoff);
			}
		}
		break;
	case N_ALT: {
		size_t fix[64], nfix = 0, *fixes = fix;
		size_t cnt = 0;
		for (const struct node *k = n->kid; k; k = k->next)
			cnt++;
		if (cnt > 64) {
			fixes = malloc(cnt * sizeof *fixes);
			if (!fixes)
				nomem(p);
		}
		for (const struct node *k = n->kid; k; k = k->next) {
			size_t split = 0;
			if (k->next) {
				emit(p, OP_SPLIT);
				split = p->nw;
				emit(p, 0);
			}
			gen(p, k, backward, setoff);
			if (k->next) {
				emit(p, OP_JMP);
				fixes[nfix++] = p->nw;
				emit(p, 0);
				p->w[split] = (uint32_t)p->nw;
			}
		}
		for (size_t i = 0; i < nfix; i++)
			p->w[fixes[i]] = (uint32_t)p->nw;
		if (fixes != fix)
			free(fixes);
		break;
	}
	case N_GROUP:
		if (n->cap) {
			emit(p, OP_SAVE);
			emit(p, (uint32_t)(2 * n->cap + backward));
		}
		gen(p, n->kid, backward, setoff);
		if (n->cap) {
			emit(p, OP_SAVE);
			emit(p, (uint32_t)(2 * n->cap + !backward));
		}
		break;
	case N_LOOK: {
		emit(p, OP_LOOK);
		emit(p, n->neg);
		size_t end = p->nw;
		emit(p, 0);
		gen(p, n->kid, n->behind, setoff);
		emit(p, OP_LOOK_END);
		p->w[end] = (uint32_t)p->nw;
		break;
	}
	case N_BACKREF:
		emit(p, OP_BACKREF | back);
		emit(p, (uint32_t)n->cap);
		break;
	case N_BOL: emit(p, OP_BOL); break;
	case N_EOL: emit(p, OP_EOL); break;
	case N_WORDB: emit(p, OP_WORDB); break;
	case N_NWORDB: emit(p, OP_NWORDB); break;
	case N_QUANT: {
		if (n->max == 0)
			break;
		if (n->min == 1 && n->max == 1) {
			gen(p, n->kid, backward, setoff);
			break;
		}
		if (single_char(n->kid)) {
			emit(p, OP_STAR | back);
			emit(p, n->min);
			emit(p, n->max);
			emit(p, n->greedy);
			gen_char(p, n->kid, back, setoff);
			break;
		}
		/* Loop registers live in the slot array after the captures. */
		uint32_t cnt = 2 * (uint32_t)(p->ncap + 1) + p->nregs++;
		uint32_t posr = 2 * (uint32_t)(p->ncap + 1) + p->nregs++;
		emit(p, OP_SETREG);
		emit(p, cnt);
		emit(p, 0);
		size_t head = p->nw;
		emit(p, OP_LOOP);
		emit(p, cnt);
		emit(p, n->min);
		emit(p, n->max);
		emit(p, n->greedy);
		size_t exitfix = p->nw;
		emit(p, 0);
		emit(p, OP_SETPOS);
		emit(p, posr);
		if (n->cap_hi > n->cap_lo) {
			emit(p, OP_RESET);
			emit(p, (uint32_t)(2 * n->cap_lo));
			emit(p, (uint32_t)(2 * (n->cap_hi - n->cap_lo)));
		}
		gen(p, n->kid, backward, setoff);
		emit(p, OP_CHKEMPTY);
		emit(p, posr);
		emit(p, cnt);
		emit(p, n->min);
		emit(p, OP_INC);
		emit(p, cnt);
		emit(p, n->min);
		emit(p, n->max);
		emit(p, OP_JMP);
		emit(p, (uint32_t)head);
		p->w[exitfix] = (uint32_t)p->nw;
		break;
	}
	}
}

/* Closes set si under Canonicalize: the matcher canonicalizes the input
 * character and tests it against this, which equals the spec's "some member
 * canonicalizes to the same character" since Canonicalize is idempotent. */
static void close_case(struct parser *p, uint32_t si)
{
	set_norm(&p->sets[si]);
	unsigned tn;
	const uint32_t(*t)[2] = ru_canon_table(p->u, &tn);
	uint32_t n0 = p->sets[si].n;
	/* For each range, the table entries whose source lies in it (the table
	 * is sorted): cost follows the class, not the table. */
	for (uint32_t r = 0; r < n0; r++) {
		uint32_t lo = p->sets[si].r[r][0], hi = p->sets[si].r[r][1];
		unsigned a = 0, b = tn;
		while (a < b) {
			unsigned mid = a + (b - a) / 2;
			if (t[mid][0] < lo)
				a = mid + 1;
			else
				b = mid;
		}
		for (; a < tn && t[a][0] <= hi; a++)
			set_add(p, si, t[a][1], t[a][1]);
	}
	set_norm(&p->sets[si]);
}

static uint32_t first_char(struct parser *p, const struct node *n)
{
	while (n) {
		switch (n->kind) {
		case N_SEQ: n = n->kid; continue;
		case N_GROUP: n = n->kid; continue;
		case N_CHAR:
			/* A surrogate in unicode mode could be found inside a pair,
			 * where no match may start. */
			if (n->c > 0xffff || (p->u && n->c >= 0xd800 && n->c <= 0xdfff))
				return H_NONE;
			if (p->ci) {
				/* An ASCII letter then matches its two cases only, except
				 * k and s under u (U+212A and U+017F fold to them). */
				uint32_t l = n->c | 0x20;
				if (l < 'a' || l > 'z' || n->c >= 128 || (p->u && (l == 'k' || l == 's')))
					return H_NONE;
				return l;
			}
			return n->c;
		case N_QUANT: return n->min > 0 ? first_char(p, n->kid) : H_NONE;
		default: return H_NONE;
		}
	}
	return H_NONE;
}

static bool anchored(struct parser *p, const struct node *n)
{
	if (p->flags & RE_FLAG_M)
		return false;
	while (n && (n->kind == N_SEQ || (n->kind == N_GROUP)))
		n = n->kid;
	return n && n->kind == N_BOL;
}

int regexp_parse_flags(const uint16_t *f, size_t n, unsigned *out)
{
	static const char letters[] = "dgimsuvy";
	unsigned fl = 0;
	for (size_t i = 0; i < n; i++) {
		const char *k = f[i] < 128 && f[i] ? strchr(letters, f[i]) : NULL;
		if (!k)
			return -1;
		unsigned bit = 1u << (k - letters);
		if (fl & bit)
			return -1;
		fl |= bit;
	}
	if ((fl & RE_FLAG_U) && (fl & RE_FLAG_V))
		return -1;
	*out = fl;
	return 0;
}

int regexp_compile(const uint16_t *s, size_t n, unsigned flags, struct regexp_prog *out, char err[REGEXP_ERRLEN])
{
	struct parser p = {.s = s, .len = n, .flags = flags, .err = err};
	p.u = (flags & (RE_FLAG_U | RE_FLAG_V)) != 0;
	p.ci = (flags & RE_FLAG_I) != 0;
	err[0] = 0;
	out->words = NULL;
	out->nwords = 0;
	if (setjmp(p.jb))
		goto out;
	if (n > REGEXP_MAX_PATTERN)
		fail(&p, "Regular expression too large");
	p.v = (flags & RE_FLAG_V) != 0;
	prescan(&p);
	if (p.total_caps + 1 > (int)REGEXP_MAX_CAPTURES)
		fail(&p, "Too many captures");
	p.names = xrealloc(&p, NULL, (size_t)p.total_caps + 1, sizeof *p.names);
	memset(p.names, 0, ((size_t)p.total_caps + 1) * sizeof *p.names);
	struct node *root = disjunction(&p);
	if (p.pos < p.len)
		fail(&p, p.s[p.pos] == ')' ? "Unmatched ')'" : "Unexpected character");
	for (size_t i = 0; i < p.nbackrefs; i++) {
		struct node *b = p.backrefs[i];
		for (int g = 1; g <= p.ncap; g++)
			if (p.names[g].s && p.names[g].n == b->namelen &&
			    !memcmp(p.names[g].s, b->name, b->namelen * 2))
				b->cap = g;
		if (!b->cap)
			fail(&p, "Invalid named capture referenced");
	}
	/* Header, sets, names, code. */
	for (int i = 0; i < H_SIZE; i++)
		emit(&p, 0);
	p.setoff = xrealloc(&p, NULL, p.nsets ? p.nsets : 1, sizeof *p.setoff);
	for (uint32_t i = 0; i < p.nsets; i++) {
		if (p.ci)
			close_case(&p, i);
		else
			set_norm(&p.sets[i]);
		p.setoff[i] = (uint32_t)p.nw;
		emit(&p, p.sets[i].n);
		for (uint32_t j = 0; j < p.sets[i].n; j++) {
			emit(&p, p.sets[i].r[j][0]);
			emit(&p, p.sets[i].r[j][1]);
		}
	}
	bool any_name = false;
	for (int g = 1; g <= p.ncap; g++)
		any_name |= p.names[g].s != NULL;
	if (any_name) {
		p.w[H_NAMES] = (uint32_t)p.nw;
		for (int g = 1; g <= p.ncap; g++) {
			size_t len = p.names[g].s ? p.names[g].n : 0;
			emit(&p, (uint32_t)len);
			for (size_t k = 0; k < len; k += 2)
				emit(&p, p.names[g].s[k] | (k + 1 < len ? (uint32_t)p.names[g].s[k + 1] << 16 : 0));
		}
	}
	p.w[H_CODE] = (uint32_t)p.nw;
	gen(&p, root, false, p.setoff);
	emit(&p, OP_MATCH);
	p.w[H_MAGIC] = RE_MAGIC;
	p.w[H_FLAGS] = flags;
	p.w[H_NCAPS] = (uint32_t)p.ncap + 1;
	p.w[H_NREGS] = p.nregs;
	p.w[H_FIRST] = first_char(&p, root);
	p.w[H_ANCHOR] = anchored(&p, root);
	out->words = p.w;
	out->nwords = p.nw;
	p.w = NULL;
	p.status = 0;
out:
	free(p.setoff);
	free(p.w);
	for (size_t i = 0; i < p.nbackrefs; i++)
		free((void *)p.backrefs[i]->name);
	free(p.backrefs);
	for (uint32_t i = 0; i < p.nsets; i++)
		free(p.sets[i].r);
	free(p.sets);
	if (p.names)
		for (int g = 0; g <= p.total_caps; g++)
			free((void *)p.names[g].s);
	free(p.names);
	while (p.arena) {
		struct arena *a = p.arena->prev;
		free(p.arena);
		p.arena = a;
	}
	return p.status;
}

unsigned regexp_ncaptures(const uint32_t *prog)
{
	return prog[H_NCAPS];
}
unsigned regexp_flags(const uint32_t *prog)
{
	return prog[H_FLAGS];
}

const uint16_t *regexp_group_name(const uint32_t *prog, unsigned i, size_t *len)
{
	*len = 0;
	if (!prog[H_NAMES] || i == 0 || i >= prog[H_NCAPS])
		return NULL;
	const uint32_t *w = prog + prog[H_NAMES];
	for (unsigned g = 1; g < i; g++)
		w += 1 + (w[0] + 1) / 2;
	if (!w[0])
		return NULL;
	*len = w[0];
	return (const uint16_t *)(w + 1);
}
