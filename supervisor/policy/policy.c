/* policy: loading, validating and printing the operator policy.
 * Runs in: supervisor. Input: operator policy files (JSONC), tokenized
 * only by jsonc.c; every value is type-, range- and combination-checked
 * here before anything uses it. */
#include "policy_int.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jsonc.h"
#include "sha256.h"
#include "util.h"

/* Counts of list entries: a policy is written by a person; past these it is
 * generated junk, and decisions scan these lists linearly per request. */
#define MAX_TOOL_PATTERNS 256
#define MAX_ENV_VARS      128
#define MAX_ENV_VALUE     4096 /* a configuration value, not a payload */
#define MAX_NAME          128  /* env names, tool patterns, header names */
#define MAX_PATH_LEN      1024 /* virtual paths, host paths, URL path prefixes */
#define MAX_MOUNTS        16   /* fsops serves at most FSOPS_MAX_MOUNTS (16) */
#define MAX_NET_RULES     64
#define MAX_CREDS         32

/* Ranges for limits. Lower bounds are what a run needs to start at all
 * (Duktape needs >= 1 MiB of stack, a heap of >= 1 MiB, the supervisor needs
 * room for its own frames); upper bounds are far past any code-mode program
 * on a 24 GiB machine and keep arithmetic away from overflow. */
#define MS_MIN_RUN 10ull
#define MS_DAY     (24ull * 3600 * 1000)
#define KiB        1024ull
#define MiB        (1024ull * KiB)
#define GiB        (1024ull * MiB)
#define TiB        (1024ull * GiB)

/* ---- units ---------------------------------------------------------- */

static int parse_unit_number(const char *s, uint64_t *num, const char **unit)
{
	uint64_t v = 0;
	const char *p = s;
	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned d = (unsigned)(*p - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*num = v;
	*unit = p;
	return 0;
}

static int scale(uint64_t v, uint64_t mul, uint64_t *out)
{
	if (v != 0 && mul > UINT64_MAX / v)
		return -ERANGE;
	*out = v * mul;
	return 0;
}

int policy_parse_size(const char *s, uint64_t *bytes)
{
	static const struct {
		const char *u;
		uint64_t mul;
	} units[] = {{"B", 1}, {"KiB", KiB}, {"MiB", MiB}, {"GiB", GiB}, {"TiB", TiB}};
	uint64_t v;
	const char *u;
	int r = parse_unit_number(s, &v, &u);
	if (r < 0)
		return r;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(u, units[i].u) == 0)
			return scale(v, units[i].mul, bytes);
	return -EINVAL;
}

int policy_parse_duration(const char *s, uint64_t *ms)
{
	static const struct {
		const char *u;
		uint64_t mul;
	} units[] = {{"ms", 1}, {"s", 1000}, {"min", 60000}, {"h", 3600000}};
	uint64_t v;
	const char *u;
	int r = parse_unit_number(s, &v, &u);
	if (r < 0)
		return r;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(u, units[i].u) == 0)
			return scale(v, units[i].mul, ms);
	return -EINVAL;
}

/* The largest unit that states the value exactly: the canonical spelling. */
static void fmt_size(char *out, size_t n, uint64_t v)
{
	static const char *u[] = {"TiB", "GiB", "MiB", "KiB"};
	static const uint64_t m[] = {TiB, GiB, MiB, KiB};
	for (int i = 0; i < 4; i++)
		if (v && v % m[i] == 0) {
			snprintf(out, n, "%llu%s", (unsigned long long)(v / m[i]), u[i]);
			return;
		}
	snprintf(out, n, "%lluB", (unsigned long long)v);
}

static void fmt_duration(char *out, size_t n, uint64_t v)
{
	if (v && v % 3600000 == 0)
		snprintf(out, n, "%lluh", (unsigned long long)(v / 3600000));
	else if (v && v % 60000 == 0)
		snprintf(out, n, "%llumin", (unsigned long long)(v / 60000));
	else if (v && v % 1000 == 0)
		snprintf(out, n, "%llus", (unsigned long long)(v / 1000));
	else
		snprintf(out, n, "%llums", (unsigned long long)v);
}

/* ---- diagnostics ---------------------------------------------------- */

void policy_diag_init(struct policy_diag *d)
{
	memset(d, 0, sizeof(*d));
}

void policy_diag_free(struct policy_diag *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++)
		free(d->msg[i]);
	d->n = 0;
	d->dropped = 0;
}

struct ctx {
	const char *file;
	struct policy_diag *diag;
	struct policy *P;
	int errors;
	bool oom;
};

__attribute__((format(printf, 4, 5))) static void err_at(struct ctx *c, unsigned line, unsigned col, const char *fmt,
                                                         ...)
{
	char msg[512];
	va_list ap;
	c->errors++;
	if (!c->diag)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->diag->n >= POLICY_DIAG_MAX) {
		c->diag->dropped++;
		return;
	}
	char *s;
	if (asprintf(&s, "%s:%u:%u: %s", c->file, line, col, msg) < 0) {
		c->oom = true;
		return;
	}
	c->diag->line[c->diag->n] = line;
	c->diag->col[c->diag->n] = col;
	c->diag->msg[c->diag->n++] = s;
}

/* Sections are checked in a fixed order; the operator reads top to bottom. */
static void sort_diag(struct policy_diag *d)
{
	for (size_t i = 1; i < d->n; i++)
		for (size_t j = i; j > 0 && (d->line[j - 1] > d->line[j] ||
		                             (d->line[j - 1] == d->line[j] && d->col[j - 1] > d->col[j]));
		     j--) {
			char *m = d->msg[j];
			unsigned l = d->line[j], co = d->col[j];
			d->msg[j] = d->msg[j - 1];
			d->line[j] = d->line[j - 1];
			d->col[j] = d->col[j - 1];
			d->msg[j - 1] = m;
			d->line[j - 1] = l;
			d->col[j - 1] = co;
		}
}

#define ERRV(c, v, ...) err_at((c), (v)->line, (v)->col, __VA_ARGS__)

static char *own(struct ctx *c, const char *s)
{
	struct policy *P = c->P;
	if (P->n_owned == P->cap_owned) {
		size_t ncap = P->cap_owned ? P->cap_owned * 2 : 32;
		char **n = realloc(P->owned, ncap * sizeof(*n));
		if (!n) {
			c->oom = true;
			return NULL;
		}
		P->owned = n;
		P->cap_owned = ncap;
	}
	char *d = strdup(s);
	if (!d) {
		c->oom = true;
		return NULL;
	}
	P->owned[P->n_owned++] = d;
	return d;
}

__attribute__((format(printf, 2, 3))) static char *ownf(struct ctx *c, const char *fmt, ...)
{
	char buf[MAX_PATH_LEN + 128];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return own(c, buf);
}

/* ---- "did you mean" --------------------------------------------------- */

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return SIZE_MAX;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* The closest candidate within a distance that still reads as a typo. */
static const char *suggest(const char *word, const char *const *cands)
{
	const char *best = NULL;
	size_t bestd = SIZE_MAX;
	for (size_t i = 0; cands[i]; i++) {
		size_t d = edit_distance(word, cands[i]);
		if (d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	size_t len = strlen(word);
	size_t limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
	return bestd <= limit ? best : NULL;
}

static void unknown(struct ctx *c, unsigned line, unsigned col, const char *what, const char *word, const char *where,
                    const char *const *cands)
{
	const char *s = suggest(word, cands);
	if (s)
		err_at(c, line, col, "unknown %s \"%s\" in %s; did you mean \"%s\"?", what, word, where, s);
	else
		err_at(c, line, col, "unknown %s \"%s\" in %s", what, word, where);
}

/* Reports unknown keys of an object; returns false if obj is not an object. */
static bool check_object(struct ctx *c, const struct jsonc_value *obj, const char *where, const char *const *known)
{
	if (obj->type != JSONC_OBJECT) {
		ERRV(c, obj, "%s: expected an object, got %s", where, jsonc_type_name(obj->type));
		return false;
	}
	for (size_t i = 0; i < obj->n_members; i++) {
		const struct jsonc_member *m = &obj->members[i];
		bool ok = false;
		for (size_t k = 0; known[k]; k++)
			ok |= strcmp(known[k], m->key) == 0;
		if (!ok)
			unknown(c, m->line, m->col, "key", m->key, where, known);
	}
	return true;
}

/* ---- typed getters: each reports its own errors and returns 0/-1 ------ */

static void describe(char *out, size_t n, const struct jsonc_value *v)
{
	if (v->type == JSONC_NUMBER && v->is_int && !v->overflow)
		snprintf(out, n, "%s%llu", v->neg ? "-" : "", (unsigned long long)v->mag);
	else if (v->type == JSONC_STRING)
		snprintf(out, n, "\"%.60s\"", v->str);
	else
		snprintf(out, n, "%s", jsonc_type_name(v->type));
}

static int get_count(struct ctx *c, const struct jsonc_value *v, const char *where, uint64_t lo, uint64_t hi,
                     uint64_t *out)
{
	char d[80];
	if (v->type != JSONC_NUMBER) {
		describe(d, sizeof(d), v);
		ERRV(c, v, "%s: expected an integer, got %s", where, d);
		return -1;
	}
	if (!v->is_int) {
		ERRV(c, v, "%s: expected a whole number, got a fraction or exponent", where);
		return -1;
	}
	if (v->overflow || v->neg || v->mag < lo || v->mag > hi) {
		if (v->overflow)
			snprintf(d, sizeof(d), "%snumber too large", v->neg ? "negative " : "");
		else
			describe(d, sizeof(d), v);
		ERRV(c, v, "%s: %s is out of range (%llu..%llu)", where, d, (unsigned long long)lo,
		     (unsigned long long)hi);
		return -1;
	}
	*out = v->mag;
	return 0;
}

/* The one check of a size or duration text: parses it with the one grammar
 * (policy_parse_size/_duration) and checks its range. 0, or -1 with the
 * reason in msg (without the "where: " prefix). Used by the policy loader
 * and by the command line's overrides alike. */
static int check_unit(const char *text, bool is_size, uint64_t lo, uint64_t hi, uint64_t *out, char *msg, size_t n)
{
	const char *eg = is_size ? "\"64MiB\"" : "\"2s\" or \"500ms\"";
	const char *kind = is_size ? "size" : "duration";
	char los[32], his[32];
	int r = is_size ? policy_parse_size(text, out) : policy_parse_duration(text, out);
	if (is_size) {
		fmt_size(los, sizeof(los), lo);
		fmt_size(his, sizeof(his), hi);
	} else {
		fmt_duration(los, sizeof(los), lo);
		fmt_duration(his, sizeof(his), hi);
	}
	if (r == -ERANGE) {
		snprintf(msg, n, "\"%.60s\" is too large (at most %s)", text, his);
		return -1;
	}
	if (r < 0) {
		const char *s = text;
		if (*s == '-') {
			snprintf(msg, n, "\"%.60s\" is negative", text);
			return -1;
		}
		while (*s >= '0' && *s <= '9')
			s++;
		if (s == text || *s == '.' || *s == ' ')
			snprintf(msg, n, "\"%.60s\" is not a %s: write a whole number followed by a unit, e.g. %s",
			         text, kind, eg);
		else if (!*s)
			snprintf(msg, n, "\"%.60s\" needs a unit: a %s is written like %s", text, kind, eg);
		else if (is_size)
			snprintf(msg, n, "unknown size unit \"%.20s\" (use B, KiB, MiB, GiB or TiB)", s);
		else
			snprintf(msg, n, "unknown duration unit \"%.20s\" (use ms, s, min or h)", s);
		return -1;
	}
	if (*out < lo || *out > hi) {
		snprintf(msg, n, "\"%.60s\" is out of range (%s..%s)", text, los, his);
		return -1;
	}
	return 0;
}

static int get_unit(struct ctx *c, const struct jsonc_value *v, const char *where, bool is_size, uint64_t lo,
                    uint64_t hi, uint64_t *out)
{
	const char *eg = is_size ? "\"64MiB\"" : "\"2s\" or \"500ms\"";
	const char *kind = is_size ? "size" : "duration";
	if (v->type == JSONC_NUMBER) {
		ERRV(c, v, "%s: a %s needs a unit: write a string such as %s instead of a number", where, kind, eg);
		return -1;
	}
	if (v->type != JSONC_STRING) {
		ERRV(c, v, "%s: expected a %s string such as %s, got %s", where, kind, eg, jsonc_type_name(v->type));
		return -1;
	}
	char msg[256];
	if (check_unit(v->str, is_size, lo, hi, out, msg, sizeof(msg)) < 0) {
		ERRV(c, v, "%s: %s", where, msg);
		return -1;
	}
	return 0;
}

static int get_size(struct ctx *c, const struct jsonc_value *v, const char *where, uint64_t lo, uint64_t hi,
                    uint64_t *out)
{
	return get_unit(c, v, where, true, lo, hi, out);
}

static int get_duration(struct ctx *c, const struct jsonc_value *v, const char *where, uint64_t lo, uint64_t hi,
                        uint64_t *out)
{
	return get_unit(c, v, where, false, lo, hi, out);
}

static int get_bool(struct ctx *c, const struct jsonc_value *v, const char *where, bool *out)
{
	if (v->type != JSONC_BOOL) {
		ERRV(c, v, "%s: expected true or false, got %s", where, jsonc_type_name(v->type));
		return -1;
	}
	*out = v->b;
	return 0;
}

static bool has_ctl(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

static int get_string(struct ctx *c, const struct jsonc_value *v, const char *where, size_t maxlen, const char **out)
{
	if (v->type != JSONC_STRING) {
		ERRV(c, v, "%s: expected a string, got %s", where, jsonc_type_name(v->type));
		return -1;
	}
	if (v->len == 0 || v->len > maxlen) {
		ERRV(c, v, "%s: length %zu is out of range (1..%zu)", where, v->len, maxlen);
		return -1;
	}
	if (has_ctl(v->str)) {
		ERRV(c, v, "%s: control characters are not allowed", where);
		return -1;
	}
	*out = v->str;
	return 0;
}

static int get_enum(struct ctx *c, const struct jsonc_value *v, const char *where, const char *const *choices, int *out)
{
	if (v->type != JSONC_STRING) {
		ERRV(c, v, "%s: expected a string, got %s", where, jsonc_type_name(v->type));
		return -1;
	}
	for (int i = 0; choices[i]; i++)
		if (strcmp(choices[i], v->str) == 0) {
			*out = i;
			return 0;
		}
	char list[200] = "";
	for (int i = 0; choices[i]; i++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s\"%s\"", i ? ", " : "", choices[i]);
	const char *s = suggest(v->str, choices);
	if (s)
		ERRV(c, v, "%s: unknown value \"%.60s\"; did you mean \"%s\"? (one of %s)", where, v->str, s, list);
	else
		ERRV(c, v, "%s: unknown value \"%.60s\" (one of %s)", where, v->str, list);
	return -1;
}

static const struct jsonc_value *member(const struct jsonc_value *obj, const char *key)
{
	struct jsonc_member *m = jsonc_get(obj, key);
	return m ? m->val : NULL;
}

/* ---- sections --------------------------------------------------------- */

/* The limits, their kinds and ranges: one table for the policy file and the
 * command line's overrides (policy_limit_override), so both accept exactly
 * the same values. */
enum limit_kind { LIMIT_DURATION, LIMIT_SIZE, LIMIT_COUNT };
static const struct limit_spec {
	const char *key;
	enum limit_kind kind;
	uint64_t lo, hi;
	size_t off;
} limit_specs[] = {
        {"wall", LIMIT_DURATION, MS_MIN_RUN, MS_DAY, offsetof(struct limits, wall_ms)},
        {"cpu", LIMIT_DURATION, MS_MIN_RUN, MS_DAY, offsetof(struct limits, cpu_ms)},
        /* 16 MiB: the guest binary, Duktape and a small heap must fit. */
        {"memory", LIMIT_SIZE, 16 * MiB, 64 * GiB, offsetof(struct limits, memory_bytes)},
        {"heap", LIMIT_SIZE, 1 * MiB, 64 * GiB, offsetof(struct limits, heap_bytes)},
        {"pids", LIMIT_COUNT, 1, 4096, offsetof(struct limits, pids)},
        {"output", LIMIT_SIZE, 1 * KiB, 1 * GiB, offsetof(struct limits, output_bytes)},
        {"tool_calls", LIMIT_COUNT, 0, 1000000, offsetof(struct limits, tool_calls)},
        /* A frame must hold at least a small tool call; 64 MiB bounds one allocation. */
        {"max_frame", LIMIT_SIZE, 1 * KiB, 64 * MiB, offsetof(struct limits, max_frame)},
        {"max_inflight", LIMIT_COUNT, 1, 4096, offsetof(struct limits, max_inflight)},
        {"stack", LIMIT_SIZE, 1 * MiB, 1 * GiB, offsetof(struct limits, stack_bytes)},
        {NULL, 0, 0, 0, 0},
};

int policy_limit_override(struct limits *l, const char *key, const char *text, char *err, size_t errlen)
{
	for (const struct limit_spec *k = limit_specs; k->key; k++) {
		if (strcmp(k->key, key) != 0)
			continue;
		uint64_t v;
		char msg[256];
		if (k->kind == LIMIT_COUNT) {
			char *end;
			errno = 0;
			unsigned long long n = strtoull(text, &end, 10);
			if (errno || *end || end == text || *text < '0' || *text > '9') {
				snprintf(err, errlen, "\"%.60s\" is not a whole number", text);
				return -EINVAL;
			}
			if (n < k->lo || n > k->hi) {
				snprintf(err, errlen, "%llu is out of range (%llu..%llu)", n, (unsigned long long)k->lo,
				         (unsigned long long)k->hi);
				return -ERANGE;
			}
			v = n;
		} else if (check_unit(text, k->kind == LIMIT_SIZE, k->lo, k->hi, &v, msg, sizeof(msg)) < 0) {
			snprintf(err, errlen, "%s", msg);
			return -EINVAL;
		}
		*(uint64_t *)((char *)l + k->off) = v;
		return 0;
	}
	snprintf(err, errlen, "unknown limit \"%s\"", key);
	return -ENOENT;
}

static void load_limits(struct ctx *c, const struct jsonc_value *o)
{
	static const char *const keys[] = {"wall",       "cpu",       "memory",       "heap",  "pids",   "output",
	                                   "tool_calls", "max_frame", "max_inflight", "stack", "cgroup", NULL};
	static const char *const cg[] = {"auto", "required", "off", NULL};
	struct limits *l = &c->P->limits;
	const struct jsonc_value *v;
	if (!check_object(c, o, "limits", keys))
		return;
	for (const struct limit_spec *k = limit_specs; k->key; k++) {
		char where[64];
		snprintf(where, sizeof(where), "limits.%s", k->key);
		uint64_t *dst = (uint64_t *)((char *)l + k->off);
		if ((v = member(o, k->key)) == NULL)
			continue;
		if (k->kind == LIMIT_COUNT)
			get_count(c, v, where, k->lo, k->hi, dst);
		else
			get_unit(c, v, where, k->kind == LIMIT_SIZE, k->lo, k->hi, dst);
	}
	int e;
	if ((v = member(o, "cgroup")) && get_enum(c, v, "limits.cgroup", cg, &e) == 0)
		l->cgroup = (enum cgroup_requirement)e;
	/* The heap lives inside the memory limit; a bigger heap would turn a
	 * clean "memory_limit" into an OOM kill. */
	if (l->heap_bytes > l->memory_bytes) {
		const struct jsonc_value *at = member(o, "heap") ? member(o, "heap") : member(o, "memory");
		char h[32], m[32];
		fmt_size(h, sizeof(h), l->heap_bytes);
		fmt_size(m, sizeof(m), l->memory_bytes);
		ERRV(c, at, "limits.heap: %s is larger than limits.memory (%s)", h, m);
	}
}

/* "ns.name" globs: identifier characters, '.', '-', '$' and '*'. */
static bool valid_pattern(const char *s)
{
	if (strcmp(s, "*") == 0)
		return true;
	if (!strchr(s, '.'))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("_.-$*", *s))
			return false;
	return true;
}

static void load_patterns(struct ctx *c, const struct jsonc_value *v, const char *where, struct policy_pattern **out,
                          size_t *n)
{
	if (v->type != JSONC_ARRAY) {
		ERRV(c, v, "%s: expected an array of \"namespace.tool\" patterns, got %s", where,
		     jsonc_type_name(v->type));
		return;
	}
	if (v->n_items > MAX_TOOL_PATTERNS) {
		ERRV(c, v, "%s: %zu patterns is out of range (0..%d)", where, v->n_items, MAX_TOOL_PATTERNS);
		return;
	}
	*out = calloc(v->n_items ? v->n_items : 1, sizeof(**out));
	if (!*out) {
		c->oom = true;
		return;
	}
	for (size_t i = 0; i < v->n_items; i++) {
		const struct jsonc_value *it = v->items[i];
		char w[64];
		const char *s;
		snprintf(w, sizeof(w), "%s[%zu]", where, i);
		if (get_string(c, it, w, MAX_NAME, &s) < 0)
			continue;
		if (!valid_pattern(s)) {
			ERRV(c, it,
			     "%s: \"%s\" is not a tool pattern (\"namespace.tool\", '*' as a wildcard, "
			     "e.g. \"codemode.*\")",
			     w, s);
			continue;
		}
		struct policy_pattern *p = &(*out)[(*n)++];
		p->pat = own(c, s);
		p->rule = ownf(c, "%s \"%s\"", w, s);
	}
}

static int cmp_pattern(const void *a, const void *b)
{
	return strcmp(((const struct policy_pattern *)a)->pat, ((const struct policy_pattern *)b)->pat);
}

static void load_tools(struct ctx *c, const struct jsonc_value *o)
{
	static const char *const keys[] = {"allow", "ask", "deny", "caps", NULL};
	struct policy *P = c->P;
	const struct jsonc_value *v;
	if (!check_object(c, o, "tools", keys))
		return;
	if ((v = member(o, "allow")))
		load_patterns(c, v, "tools.allow", &P->allow, &P->n_allow);
	if ((v = member(o, "ask")))
		load_patterns(c, v, "tools.ask", &P->ask, &P->n_ask);
	if ((v = member(o, "deny")))
		load_patterns(c, v, "tools.deny", &P->deny, &P->n_deny);
	if ((v = member(o, "caps"))) {
		if (v->type != JSONC_OBJECT) {
			ERRV(c, v, "tools.caps: expected an object of \"pattern\": count, got %s",
			     jsonc_type_name(v->type));
		} else if (v->n_members > MAX_TOOL_PATTERNS) {
			ERRV(c, v, "tools.caps: %zu entries is out of range (0..%d)", v->n_members, MAX_TOOL_PATTERNS);
		} else if ((P->caps = calloc(v->n_members ? v->n_members : 1, sizeof(*P->caps)))) {
			for (size_t i = 0; i < v->n_members; i++) {
				const struct jsonc_member *m = &v->members[i];
				char w[MAX_NAME + 32];
				uint64_t cap;
				snprintf(w, sizeof(w), "tools.caps \"%.*s\"", MAX_NAME, m->key);
				if (!valid_pattern(m->key) || strlen(m->key) > MAX_NAME) {
					err_at(c, m->line, m->col,
					       "%s: not a tool pattern (\"namespace.tool\", '*' as a wildcard)", w);
					continue;
				}
				if (get_count(c, m->val, w, 0, 1000000, &cap) < 0)
					continue;
				struct policy_pattern *p = &P->caps[P->n_caps++];
				p->pat = own(c, m->key);
				p->cap = cap;
				p->rule = own(c, w);
			}
			/* Order-independent canonical form; each cap counts on its own. */
			qsort(P->caps, P->n_caps, sizeof(*P->caps), cmp_pattern);
		} else {
			c->oom = true;
		}
	}
	/* A pattern both allowed and denied is a contradiction the operator
	 * should resolve, not a rule to guess at. */
	for (size_t i = 0; i < P->n_deny; i++)
		for (size_t j = 0; j < P->n_allow + P->n_ask; j++) {
			const struct policy_pattern *a = j < P->n_allow ? &P->allow[j] : &P->ask[j - P->n_allow];
			if (strcmp(a->pat, P->deny[i].pat) == 0) {
				const struct jsonc_value *dv = member(o, "deny")->items[0];
				/* point at the deny entry holding this pattern */
				const struct jsonc_value *arr = member(o, "deny");
				for (size_t k = 0; k < arr->n_items; k++)
					if (arr->items[k]->type == JSONC_STRING &&
					    strcmp(arr->items[k]->str, a->pat) == 0)
						dv = arr->items[k];
				ERRV(c, dv, "tools.deny: \"%s\" is also listed in %.*s", a->pat,
				     (int)strcspn(a->rule, "["), a->rule);
			}
		}
}

static bool valid_env_name(const char *s)
{
	if (!(isalpha((unsigned char)*s) || *s == '_'))
		return false;
	for (; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_'))
			return false;
	return true;
}

static int cmp_env(const void *a, const void *b)
{
	return strcmp(((const struct policy_env_var *)a)->name, ((const struct policy_env_var *)b)->name);
}

static void load_env(struct ctx *c, const struct jsonc_value *o)
{
	struct policy *P = c->P;
	if (o->type != JSONC_OBJECT) {
		ERRV(c, o, "env: expected an object of NAME: \"value\", got %s", jsonc_type_name(o->type));
		return;
	}
	if (o->n_members > MAX_ENV_VARS) {
		ERRV(c, o, "env: %zu variables is out of range (0..%d)", o->n_members, MAX_ENV_VARS);
		return;
	}
	P->env = calloc(o->n_members ? o->n_members : 1, sizeof(*P->env));
	if (!P->env) {
		c->oom = true;
		return;
	}
	for (size_t i = 0; i < o->n_members; i++) {
		const struct jsonc_member *m = &o->members[i];
		if (strlen(m->key) > MAX_NAME || !valid_env_name(m->key)) {
			err_at(c, m->line, m->col,
			       "env: \"%.*s\" is not a variable name (letters, digits and '_', not starting with a "
			       "digit)",
			       MAX_NAME, m->key);
			continue;
		}
		if (m->val->type != JSONC_STRING) {
			ERRV(c, m->val, "env.%s: expected a string, got %s", m->key, jsonc_type_name(m->val->type));
			continue;
		}
		if (m->val->len > MAX_ENV_VALUE) {
			ERRV(c, m->val, "env.%s: length %zu is out of range (0..%d)", m->key, m->val->len,
			     MAX_ENV_VALUE);
			continue;
		}
		P->env[P->n_env].name = own(c, m->key);
		P->env[P->n_env].value = own(c, m->val->str);
		P->n_env++;
	}
	qsort(P->env, P->n_env, sizeof(*P->env), cmp_env);
}

/* A BCP 47 tag or IANA zone name is short ASCII: the longest real zone is
 * 32 bytes, and a tag past 64 bytes is no locale an operator means. */
#define MAX_INTL_NAME 64

/* Whether s is 1..MAX_INTL_NAME bytes, starts with a letter and holds only
 * letters, digits and the bytes of `extra`. */
static bool intl_name_ok(const char *s, size_t len, const char *extra)
{
	if (len == 0 || len > MAX_INTL_NAME || !isalpha((unsigned char)s[0]))
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr(extra, s[i]))
			return false;
	return true;
}

static void load_intl(struct ctx *c, const struct jsonc_value *o)
{
	static const char *const keys[] = {"locale", "timeZone", NULL};
	if (!check_object(c, o, "intl", keys))
		return;
	const struct jsonc_value *v;
	if ((v = member(o, "locale"))) {
		if (v->type != JSONC_STRING || !intl_name_ok(v->str, v->len, "-"))
			ERRV(c, v, "intl.locale: expected a BCP 47 language tag such as \"de-DE\"");
		else
			c->P->intl_locale = own(c, v->str);
	}
	if ((v = member(o, "timeZone"))) {
		if (v->type != JSONC_STRING || !intl_name_ok(v->str, v->len, "/_+-"))
			ERRV(c, v, "intl.timeZone: expected an IANA time zone such as \"Europe/Berlin\"");
		else
			c->P->intl_time_zone = own(c, v->str);
	}
}

/* An absolute path with no empty, "." or ".." segment and no trailing '/'
 * ("/" itself is normalized). */
static bool normalized_abs(const char *s)
{
	if (s[0] != '/')
		return false;
	if (strcmp(s, "/") == 0)
		return true;
	const char *seg = s + 1;
	for (;;) {
		size_t n = strcspn(seg, "/");
		if (n == 0 || (n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return false;
		if (!seg[n])
			return true;
		seg += n + 1;
	}
}

static bool path_within(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (strcmp(dir, "/") == 0)
		return true;
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* Host directories that are never mounted: kernel interfaces at all, and
 * the system's own files for writing (a writable /etc is root on the host). */
static const char *const never_mount[] = {"/proc", "/sys", "/dev", NULL};
static const char *const never_write[] = {"/etc",   "/usr",  "/bin",  "/sbin",    "/lib", "/lib32",
                                          "/lib64", "/boot", "/root", "/var/lib", "/run", NULL};

static void load_mount(struct ctx *c, const struct jsonc_value *o, size_t idx, const struct jsonc_value **paths)
{
	static const char *const keys[] = {"path", "type", "source", "mode", "max_bytes", "max_files", "ask", NULL};
	static const char *const types[] = {"scratch", "host", "workspace", NULL};
	static const char *const modes[] = {"ro", "rw", NULL};
	static const char *const asks[] = {"never", "writes", "always", NULL};
	struct policy *P = c->P;
	char w[64];
	snprintf(w, sizeof(w), "filesystem.mounts[%zu]", idx);
	if (!check_object(c, o, w, keys))
		return;
	int before = c->errors;
	struct policy_mount m = {0};
	const struct jsonc_value *v, *vpath = member(o, "path"), *vtype = member(o, "type");
	const char *s;
	char ww[96];
	int e;

	if (!vpath)
		ERRV(c, o, "%s: missing \"path\" (where the program sees this mount, e.g. \"/data\")", w);
	snprintf(ww, sizeof(ww), "%s.path", w);
	if (vpath && get_string(c, vpath, ww, 256, &s) == 0) {
		if (!normalized_abs(s))
			ERRV(c, vpath,
			     "%s: \"%s\" must be an absolute path without \".\", \"..\", \"//\" or a "
			     "trailing '/'",
			     ww, s);
		m.path = s;
		for (size_t i = 0; i < idx; i++) {
			if (!paths[i])
				continue;
			const char *q = paths[i]->str;
			if (path_within(s, q) || path_within(q, s)) {
				ERRV(c, vpath,
				     "%s: \"%s\" overlaps filesystem.mounts[%zu] \"%s\" (mounts must not nest)", ww, s,
				     i, q);
				break;
			}
		}
		paths[idx] = vpath;
	}
	if (!vtype)
		ERRV(c, o, "%s: missing \"type\" (\"scratch\", \"host\" or \"workspace\")", w);
	snprintf(ww, sizeof(ww), "%s.type", w);
	int type = -1; /* unknown after an error: checks that depend on it are skipped */
	if (vtype && get_enum(c, vtype, ww, types, &e) == 0)
		type = e;
	m.type = type < 0 ? POLICY_MOUNT_HOST : (enum policy_mount_type)type;

	m.writable = type == POLICY_MOUNT_SCRATCH;
	snprintf(ww, sizeof(ww), "%s.mode", w);
	if ((v = member(o, "mode")) && get_enum(c, v, ww, modes, &e) == 0) {
		if (type == POLICY_MOUNT_SCRATCH && e == 0)
			ERRV(c, v,
			     "%s: a scratch directory is always \"rw\" (a read-only empty directory is "
			     "useless)",
			     ww);
		m.writable = e == 1;
	}

	snprintf(ww, sizeof(ww), "%s.source", w);
	v = member(o, "source");
	if (type == POLICY_MOUNT_HOST && !v)
		ERRV(c, o, "%s: a \"host\" mount needs \"source\", the absolute host directory", w);
	if (v && type >= 0 && type != POLICY_MOUNT_HOST)
		ERRV(c, v, "%s: only a \"host\" mount has a source (a %s directory is chosen %s)", ww,
		     m.type == POLICY_MOUNT_SCRATCH ? "scratch" : "workspace",
		     m.type == POLICY_MOUNT_SCRATCH ? "by the supervisor per run" : "by the host per request");
	else if (v && type == POLICY_MOUNT_HOST && get_string(c, v, ww, MAX_PATH_LEN, &s) == 0) {
		if (!normalized_abs(s)) {
			ERRV(c, v,
			     "%s: \"%s\" must be an absolute path without \".\", \"..\", \"//\" or a "
			     "trailing '/'",
			     ww, s);
		} else {
			for (size_t i = 0; never_mount[i]; i++)
				if (path_within(s, never_mount[i]))
					ERRV(c, v, "%s: \"%s\" is under %s, which is never mounted", ww, s,
					     never_mount[i]);
			if (m.writable && strcmp(s, "/") == 0)
				ERRV(c, v, "%s: a read-write mount of \"/\" would hand the host to the program", ww);
			else if (m.writable)
				for (size_t i = 0; never_write[i]; i++)
					if (path_within(s, never_write[i]))
						ERRV(c, v, "%s: \"%s\" is under %s, which is never mounted read-write",
						     ww, s, never_write[i]);
		}
		m.source = s;
	}

	uint64_t mb = 0, mf = 0;
	const struct jsonc_value *vmb = member(o, "max_bytes"), *vmf = member(o, "max_files");
	if (!m.writable && (vmb || vmf)) {
		ERRV(c, vmb ? vmb : vmf,
		     "%s.%s: a quota on a read-only mount has no effect (set \"mode\": \"rw\" "
		     "or remove it)",
		     w, vmb ? "max_bytes" : "max_files");
	} else if (m.writable) {
		snprintf(ww, sizeof(ww), "%s.max_bytes", w);
		if (vmb)
			get_size(c, vmb, ww, 1, 1 * TiB, &mb);
		snprintf(ww, sizeof(ww), "%s.max_files", w);
		if (vmf)
			get_count(c, vmf, ww, 1, 1000000, &mf);
		/* A scratch directory is ours and goes away with the run, so it gets
		 * a small default; a host or workspace directory outlives the run,
		 * so the operator must say how much the program may put there. */
		if (type == POLICY_MOUNT_SCRATCH) {
			if (!vmb)
				mb = 16 * MiB;
			if (!vmf)
				mf = 256;
		} else if (type >= 0 && (!vmb || !vmf)) {
			ERRV(c, o, "%s: a read-write %s mount needs a quota: set \"max_bytes\" and \"max_files\"", w,
			     m.type == POLICY_MOUNT_WORKSPACE ? "workspace" : "host");
		}
	}
	m.max_bytes = mb;
	m.max_files = mf;

	snprintf(ww, sizeof(ww), "%s.ask", w);
	if ((v = member(o, "ask")) && get_enum(c, v, ww, asks, &e) == 0) {
		m.ask = (enum policy_ask)e;
		if (m.ask == POLICY_ASK_WRITES && !m.writable)
			ERRV(c, v, "%s: \"writes\" on a read-only mount never asks (writes are denied)", ww);
	}
	if (c->errors != before || c->oom)
		return;
	m.path = own(c, m.path);
	m.source = m.source ? own(c, m.source) : NULL;
	m.rule = ownf(c, "%s \"%s\"", w, m.path ? m.path : "");
	P->mounts[P->fs.n_mounts++] = m;
}

static void load_filesystem(struct ctx *c, const struct jsonc_value *o)
{
	static const char *const keys[] = {"mounts", "max_file_bytes", "max_entries", NULL};
	struct policy *P = c->P;
	const struct jsonc_value *v;
	if (!check_object(c, o, "filesystem", keys))
		return;
	if ((v = member(o, "max_file_bytes")))
		get_size(c, v, "filesystem.max_file_bytes", 1, 1 * GiB, &P->fs.max_file_bytes);
	if ((v = member(o, "max_entries")))
		get_count(c, v, "filesystem.max_entries", 1, 100000, &P->fs.max_entries);
	if (!(v = member(o, "mounts")))
		return;
	if (v->type != JSONC_ARRAY) {
		ERRV(c, v, "filesystem.mounts: expected an array of mounts, got %s", jsonc_type_name(v->type));
		return;
	}
	if (v->n_items > MAX_MOUNTS) {
		ERRV(c, v, "filesystem.mounts: %zu mounts is out of range (0..%d)", v->n_items, MAX_MOUNTS);
		return;
	}
	P->mounts = calloc(v->n_items ? v->n_items : 1, sizeof(*P->mounts));
	const struct jsonc_value *paths[MAX_MOUNTS] = {0};
	if (!P->mounts) {
		c->oom = true;
		return;
	}
	P->fs.mounts = P->mounts;
	size_t workspaces = 0;
	for (size_t i = 0; i < v->n_items; i++) {
		load_mount(c, v->items[i], i, paths);
		const struct jsonc_value *t = member(v->items[i], "type");
		if (t && t->type == JSONC_STRING && strcmp(t->str, "workspace") == 0 && ++workspaces == 2)
			ERRV(c, t,
			     "filesystem.mounts[%zu]: only one workspace mount is allowed (the host names one "
			     "directory per request)",
			     i);
	}
}

/* Lowercase letters, digits, '-' and '.', labels of 1..63, at most 253. */
static bool valid_hostname(const char *s)
{
	size_t n = strlen(s), label = 0;
	if (n == 0 || n > 253)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (ch == '.') {
			if (label == 0)
				return false;
			label = 0;
		} else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-') {
			if (++label > 63)
				return false;
		} else {
			return false;
		}
	}
	return label > 0;
}

/* Names that resolve to this machine or a local network by convention. */
static bool local_name(const char *h)
{
	static const char *const sfx[] = {"localhost", "local", "internal", "home.arpa", NULL};
	for (size_t i = 0; sfx[i]; i++) {
		size_t a = strlen(h), b = strlen(sfx[i]);
		if (strcmp(h, sfx[i]) == 0 || (a > b && h[a - b - 1] == '.' && strcmp(h + a - b, sfx[i]) == 0))
			return true;
	}
	return false;
}

static void load_rule(struct ctx *c, const struct jsonc_value *o, size_t idx)
{
	static const char *const keys[] = {"scheme",      "host",          "port", "methods",
	                                   "path_prefix", "allow_private", "ask",  NULL};
	static const char *const schemes[] = {"https", "http", NULL};
	static const char *const methods[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", NULL};
	struct policy *P = c->P;
	char w[64], ww[96];
	snprintf(w, sizeof(w), "network.allow[%zu]", idx);
	if (!check_object(c, o, w, keys))
		return;
	int before = c->errors, e;
	struct policy_net_rule r = {
	        .scheme = "https", .methods = POLICY_METHOD_GET | POLICY_METHOD_HEAD, .path_prefix = "/"};
	const struct jsonc_value *v, *vhost = member(o, "host");
	const char *s;
	uint64_t u;
	char hostbuf[300];

	snprintf(ww, sizeof(ww), "%s.scheme", w);
	if ((v = member(o, "scheme")) && get_enum(c, v, ww, schemes, &e) == 0)
		r.scheme = schemes[e];
	r.port = strcmp(r.scheme, "https") == 0 ? 443 : 80;
	snprintf(ww, sizeof(ww), "%s.port", w);
	if ((v = member(o, "port")) && get_count(c, v, ww, 1, 65535, &u) == 0)
		r.port = (uint16_t)u;
	snprintf(ww, sizeof(ww), "%s.allow_private", w);
	if ((v = member(o, "allow_private")))
		get_bool(c, v, ww, &r.allow_private);
	snprintf(ww, sizeof(ww), "%s.ask", w);
	if ((v = member(o, "ask")))
		get_bool(c, v, ww, &r.ask);

	snprintf(ww, sizeof(ww), "%s.host", w);
	if (!vhost) {
		ERRV(c, o, "%s: missing \"host\" (e.g. \"api.example.com\" or \"*.example.com\")", w);
	} else if (get_string(c, vhost, ww, 255, &s) == 0) {
		size_t n = strlen(s);
		for (size_t i = 0; i <= n; i++)
			hostbuf[i] = (char)tolower((unsigned char)s[i]);
		const char *h = hostbuf;
		if (h[0] == '[' && n > 2 && h[n - 1] == ']') {
			hostbuf[n - 1] = '\0';
			h++;
		}
		if (strcmp(h, "*") == 0) {
			ERRV(c, vhost, "%s: \"*\" would allow every host; name the hosts, or use \"*.example.com\"",
			     ww);
		} else if (policy_parse_ip(h, &r.family, r.addr, &r.prefix_len) == 0) {
			r.host_kind = POLICY_HOST_IP;
			if (!r.allow_private && policy_range_is_reserved(r.family, r.addr, r.prefix_len))
				ERRV(c, vhost,
				     "%s: \"%s\" is a private or reserved address range; set \"allow_private\": "
				     "true on this rule to allow it",
				     ww, s);
		} else if (strncmp(h, "*.", 2) == 0) {
			r.host_kind = POLICY_HOST_SUFFIX;
			if (!valid_hostname(h + 2))
				ERRV(c, vhost, "%s: \"%s\" is not a valid host pattern", ww, s);
			else if (!strchr(h + 2, '.'))
				ERRV(c, vhost,
				     "%s: \"%s\" is too broad (a wildcard needs at least two labels after it, "
				     "e.g. \"*.example.com\")",
				     ww, s);
			else if (!r.allow_private && local_name(h + 2))
				ERRV(c, vhost,
				     "%s: \"%s\" names local hosts; set \"allow_private\": true on this rule "
				     "to allow it",
				     ww, s);
			h++; /* stored as ".example.com" */
		} else if (!valid_hostname(h)) {
			ERRV(c, vhost, "%s: \"%s\" is not a valid host name, IP address or \"*.suffix\" pattern", ww,
			     s);
		} else if (!r.allow_private && local_name(h)) {
			ERRV(c, vhost,
			     "%s: \"%s\" names a local host; set \"allow_private\": true on this rule to "
			     "allow it",
			     ww, s);
		}
		r.host = h;
	}

	snprintf(ww, sizeof(ww), "%s.methods", w);
	if ((v = member(o, "methods"))) {
		if (v->type != JSONC_ARRAY || v->n_items == 0) {
			ERRV(c, v, "%s: expected a non-empty array of methods such as [\"GET\"]", ww);
		} else {
			r.methods = 0;
			for (size_t i = 0; i < v->n_items; i++) {
				char wi[128];
				snprintf(wi, sizeof(wi), "%s[%zu]", ww, i);
				if (get_enum(c, v->items[i], wi, methods, &e) == 0)
					r.methods |= 1u << e;
			}
		}
	}
	snprintf(ww, sizeof(ww), "%s.path_prefix", w);
	if ((v = member(o, "path_prefix")) && get_string(c, v, ww, MAX_PATH_LEN, &s) == 0) {
		if (s[0] != '/' || strpbrk(s, " ?#\\") || strstr(s, "/../") || strstr(s, "/./"))
			ERRV(c, v, "%s: \"%s\" must start with '/' and hold no spaces, '?', '#', '\\' or dot segments",
			     ww, s);
		r.path_prefix = s;
	}
	if (c->errors != before || c->oom)
		return;
	r.host = own(c, r.host);
	r.path_prefix = own(c, r.path_prefix);
	r.rule = ownf(c, "%s", w);
	P->rules[P->net.n_rules++] = r;
}

/* HTTP token characters (RFC 9110 5.6.2). */
static bool valid_header_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("!#$%&'*+-.^_`|~", *s))
			return false;
	return true;
}

static void load_cred(struct ctx *c, const struct jsonc_value *o, size_t idx)
{
	static const char *const keys[] = {"host", "header", "prefix", "file", "env", NULL};
	/* Headers that frame the message: a secret there breaks or smuggles requests. */
	static const char *const framing[] = {
	        "host", "content-length", "transfer-encoding", "connection", "upgrade", "te", NULL};
	struct policy *P = c->P;
	char w[64], ww[96];
	snprintf(w, sizeof(w), "network.credentials[%zu]", idx);
	if (!check_object(c, o, w, keys))
		return;
	int before = c->errors;
	struct policy_cred cr = {.prefix = ""};
	const struct jsonc_value *v, *vhost = member(o, "host"), *vfile = member(o, "file"), *venv = member(o, "env");
	const char *s;
	char host[300] = "";

	if (!vhost)
		ERRV(c, o, "%s: missing \"host\"", w);
	snprintf(ww, sizeof(ww), "%s.host", w);
	if (vhost && get_string(c, vhost, ww, 253, &s) == 0) {
		for (size_t i = 0; i <= strlen(s); i++)
			host[i] = (char)tolower((unsigned char)s[i]);
		if (!valid_hostname(host) &&
		    policy_parse_ip(host, &(int){0}, (unsigned char[16]){0}, &(unsigned){0}) < 0) {
			ERRV(c, vhost, "%s: \"%s\" must be one exact host name (no wildcard)", ww, s);
		} else {
			/* The secret goes only where the program may go, and only encrypted. */
			bool allowed = false;
			for (size_t i = 0; i < P->net.n_rules; i++) {
				if (!policy_host_matches(&P->rules[i], host))
					continue;
				allowed = true;
				if (strcmp(P->rules[i].scheme, "https") != 0)
					ERRV(c, vhost,
					     "%s: %s allows plain http to \"%s\"; a credential must only be "
					     "sent over https",
					     ww, P->rules[i].rule, host);
			}
			if (!allowed)
				ERRV(c, vhost,
				     "%s: no network.allow rule allows \"%s\", so this credential could "
				     "never be used (or would be sent where the program cannot go)",
				     ww, host);
		}
		cr.host = host;
	}
	snprintf(ww, sizeof(ww), "%s.header", w);
	if (!(v = member(o, "header")))
		ERRV(c, o, "%s: missing \"header\" (e.g. \"Authorization\")", w);
	else if (get_string(c, v, ww, MAX_NAME, &s) == 0) {
		if (!valid_header_name(s))
			ERRV(c, v, "%s: \"%s\" is not a header name", ww, s);
		for (size_t i = 0; framing[i]; i++)
			if (strcasecmp(s, framing[i]) == 0)
				ERRV(c, v, "%s: \"%s\" frames the request and cannot carry a credential", ww, s);
		cr.header = s;
	}
	snprintf(ww, sizeof(ww), "%s.prefix", w);
	if ((v = member(o, "prefix")) && get_string(c, v, ww, MAX_NAME, &s) == 0)
		cr.prefix = s;
	if (!!vfile == !!venv) {
		ERRV(c, o,
		     "%s: give exactly one of \"file\" (a file holding the secret) or \"env\" (a variable "
		     "of the supervisor's environment)",
		     w);
	} else if (vfile) {
		snprintf(ww, sizeof(ww), "%s.file", w);
		if (get_string(c, vfile, ww, MAX_PATH_LEN, &s) == 0) {
			if (s[0] != '/')
				ERRV(c, vfile, "%s: \"%s\" must be an absolute path", ww, s);
			cr.file = s;
		}
	} else {
		snprintf(ww, sizeof(ww), "%s.env", w);
		if (get_string(c, venv, ww, MAX_NAME, &s) == 0) {
			if (!valid_env_name(s))
				ERRV(c, venv, "%s: \"%s\" is not a variable name", ww, s);
			cr.env = s;
		}
	}
	if (c->errors != before || c->oom)
		return;
	cr.host = own(c, cr.host);
	cr.header = own(c, cr.header);
	cr.prefix = own(c, cr.prefix);
	cr.file = cr.file ? own(c, cr.file) : NULL;
	cr.env = cr.env ? own(c, cr.env) : NULL;
	cr.rule = ownf(c, "%s", w);
	P->creds[P->net.n_creds++] = cr;
}

static void load_network(struct ctx *c, const struct jsonc_value *o)
{
	static const char *const keys[] = {
	        "allow", "credentials", "max_request_bytes", "max_response_bytes", "timeout", "max_redirects", NULL};
	struct policy *P = c->P;
	const struct jsonc_value *v;
	if (!check_object(c, o, "network", keys))
		return;
	if ((v = member(o, "max_request_bytes")))
		get_size(c, v, "network.max_request_bytes", 0, 64 * MiB, &P->net.max_request_bytes);
	if ((v = member(o, "max_response_bytes")))
		get_size(c, v, "network.max_response_bytes", 1 * KiB, 1 * GiB, &P->net.max_response_bytes);
	if ((v = member(o, "timeout")))
		get_duration(c, v, "network.timeout", 100, 10 * 60000, &P->net.timeout_ms);
	if ((v = member(o, "max_redirects")))
		get_count(c, v, "network.max_redirects", 0, 20, &P->net.max_redirects);
	if ((v = member(o, "allow"))) {
		if (v->type != JSONC_ARRAY)
			ERRV(c, v, "network.allow: expected an array of rules, got %s", jsonc_type_name(v->type));
		else if (v->n_items > MAX_NET_RULES)
			ERRV(c, v, "network.allow: %zu rules is out of range (0..%d)", v->n_items, MAX_NET_RULES);
		else if (!(P->rules = calloc(v->n_items ? v->n_items : 1, sizeof(*P->rules))))
			c->oom = true;
		else {
			P->net.rules = P->rules;
			for (size_t i = 0; i < v->n_items; i++)
				load_rule(c, v->items[i], i);
		}
	}
	/* Credentials are checked against the rules, so they load second. */
	if ((v = member(o, "credentials"))) {
		if (v->type != JSONC_ARRAY)
			ERRV(c, v, "network.credentials: expected an array, got %s", jsonc_type_name(v->type));
		else if (v->n_items > MAX_CREDS)
			ERRV(c, v, "network.credentials: %zu bindings is out of range (0..%d)", v->n_items, MAX_CREDS);
		else if (!(P->creds = calloc(v->n_items ? v->n_items : 1, sizeof(*P->creds))))
			c->oom = true;
		else {
			P->net.creds = P->creds;
			for (size_t i = 0; i < v->n_items; i++)
				load_cred(c, v->items[i], i);
		}
	}
}

static void load_approvals(struct ctx *c, const struct jsonc_value *o)
{
	static const char *const keys[] = {"timeout", "default", "cache", NULL};
	static const char *const defaults[] = {"deny", NULL};
	static const char *const caches[] = {"run", "none", NULL};
	const struct jsonc_value *v;
	int e;
	if (!check_object(c, o, "approvals", keys))
		return;
	if ((v = member(o, "timeout")))
		get_duration(c, v, "approvals.timeout", 1000, 3600000, &c->P->approvals.timeout_ms);
	/* Only "deny": an unanswered question must never let anything through. */
	if ((v = member(o, "default")) && (v->type != JSONC_STRING || strcmp(v->str, "allow") != 0))
		get_enum(c, v, "approvals.default", defaults, &e);
	else if (v)
		ERRV(c, v, "approvals.default: only \"deny\" is accepted: an unanswered approval must never allow");
	if ((v = member(o, "cache")) && get_enum(c, v, "approvals.cache", caches, &e) == 0)
		c->P->approvals.cache = e == 0;
}

static void load_audit(struct ctx *c, const struct jsonc_value *o)
{
	static const char *const keys[] = {"sink", NULL};
	const struct jsonc_value *v;
	const char *s;
	if (!check_object(c, o, "audit", keys))
		return;
	if (!(v = member(o, "sink")) || get_string(c, v, "audit.sink", MAX_PATH_LEN, &s) < 0)
		return;
	if (strcmp(s, "off") == 0) {
		c->P->audit.sink = POLICY_AUDIT_OFF;
	} else if (strcmp(s, "host") == 0) {
		c->P->audit.sink = POLICY_AUDIT_HOST;
	} else if (s[0] == '/' && normalized_abs(s) && strcmp(s, "/") != 0) {
		c->P->audit.sink = POLICY_AUDIT_FILE;
		c->P->audit.path = own(c, s);
	} else {
		static const char *const sinks[] = {"off", "host", NULL};
		const char *sg = suggest(s, sinks);
		ERRV(c, v, "audit.sink: \"%.60s\" is not \"off\", \"host\" or an absolute file path%s%s%s", s,
		     sg ? "; did you mean \"" : "", sg ? sg : "", sg ? "\"?" : "");
	}
}

/* ---- the whole document ------------------------------------------------ */

static void set_defaults(struct policy *P)
{
	P->version = 1;
	limits_init_default(&P->limits);
	P->fs.max_file_bytes = 8 * MiB;
	P->fs.max_entries = 1000;
	P->net.max_request_bytes = 1 * MiB;
	P->net.max_response_bytes = 4 * MiB;
	P->net.timeout_ms = 10000;
	P->net.max_redirects = 3;
	P->approvals.timeout_ms = 60000;
	P->approvals.cache = true;
	P->audit.sink = POLICY_AUDIT_OFF;
}

static void compute_hash(struct policy *P);

void policy_free(struct policy *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_owned; i++)
		free(p->owned[i]);
	free(p->owned);
	free(p->allow);
	free(p->ask);
	free(p->deny);
	free(p->caps);
	free(p->env);
	free(p->mounts);
	free(p->rules);
	free(p->creds);
	free(p);
}

/* The built-in default is a policy text like any file's, parsed by the same
 * code: every default of set_defaults(), plus the one rule a file does not
 * get by omission, that the tools the host offers are callable (the host
 * offers them; dispatch refuses any tool it did not offer). It equals
 * policy/default.jsonc, hash included. */
static const char policy_default_text[] = "{ \"tools\": { \"allow\": [\"*\"] } }";

struct policy *policy_default(void)
{
	struct policy *P = NULL;
	struct policy_diag d;
	policy_diag_init(&d);
	int r = policy_load_buffer("(built-in default)", policy_default_text, sizeof policy_default_text - 1, &P, &d);
	policy_diag_free(&d);
	return r == 0 ? P : NULL;
}

int policy_load_buffer(const char *name, const char *text, size_t len, struct policy **out, struct policy_diag *diag)
{
	/* "$schema" names the JSON Schema for editors (policy.schema.json);
	 * it means nothing to codecell and is not part of the hash. */
	static const char *const keys[] = {"$schema", "version",   "limits", "tools", "env", "filesystem",
	                                   "network", "approvals", "audit",  "intl",  NULL};
	struct jsonc_value *root = NULL;
	struct jsonc_error jerr;
	*out = NULL;
	struct ctx c = {.file = name, .diag = diag};
	if (len > POLICY_MAX_FILE_BYTES)
		return -EFBIG;
	if (memchr(text, '\0', len)) {
		err_at(&c, 1, 1, "the file holds a NUL byte; a policy is UTF-8 text");
		return -EINVAL;
	}
	int r = jsonc_parse(text, len, &root, &jerr);
	if (r == -ENOMEM)
		return r;
	if (r < 0) {
		err_at(&c, jerr.line, jerr.col, "%s", jerr.msg);
		return -EINVAL;
	}
	c.P = calloc(1, sizeof(*c.P));
	if (!c.P) {
		jsonc_free(root);
		return -ENOMEM;
	}
	set_defaults(c.P);
	if (check_object(&c, root, "the policy", keys)) {
		const struct jsonc_value *v;
		uint64_t ver;
		if ((v = member(root, "$schema")) && v->type != JSONC_STRING)
			ERRV(&c, v, "$schema: expected a string (the path or URL of policy.schema.json), got %s",
			     jsonc_type_name(v->type));
		if ((v = member(root, "version")))
			get_count(&c, v, "version", 1, 1, &ver);
		if ((v = member(root, "limits")))
			load_limits(&c, v);
		if ((v = member(root, "tools")))
			load_tools(&c, v);
		if ((v = member(root, "env")))
			load_env(&c, v);
		if ((v = member(root, "intl")))
			load_intl(&c, v);
		if ((v = member(root, "filesystem")))
			load_filesystem(&c, v);
		if ((v = member(root, "network")))
			load_network(&c, v);
		if ((v = member(root, "approvals")))
			load_approvals(&c, v);
		if ((v = member(root, "audit")))
			load_audit(&c, v);
	}
	jsonc_free(root);
	if (diag)
		sort_diag(diag);
	if (!c.oom && c.errors == 0) {
		compute_hash(c.P);
		c.oom = !c.P->hash[0];
	}
	if (c.oom || c.errors) {
		policy_free(c.P);
		return c.oom ? -ENOMEM : -EINVAL;
	}
	*out = c.P;
	return 0;
}

int policy_load(const char *path, struct policy **out, struct policy_diag *diag)
{
	*out = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		int e = -errno;
		close(fd);
		return e;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
	}
	/* Bounded by the limit, whatever st_size claims. */
	char *buf;
	size_t n;
	int r = util_read_alloc(fd, POLICY_MAX_FILE_BYTES, false, &buf, &n);
	close(fd);
	if (r < 0)
		return r;
	r = policy_load_buffer(path, buf, n, out, diag);
	free(buf);
	return r;
}

/* ---- canonical form and show ------------------------------------------- */

struct sb {
	char *s;
	size_t n, cap;
	bool oom;
	bool pretty;
	int depth;
	bool first; /* no member written yet at this level */
};

static void sb_put(struct sb *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t ncap = b->cap ? b->cap : 1024;
		while (ncap < b->n + n + 1)
			ncap *= 2;
		char *ns = realloc(b->s, ncap);
		if (!ns) {
			b->oom = true;
			return;
		}
		b->s = ns;
		b->cap = ncap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void sb_str(struct sb *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

static void sb_json(struct sb *b, const char *s)
{
	sb_str(b, "\"");
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		char esc[8];
		if (ch == '"' || ch == '\\') {
			esc[0] = '\\';
			esc[1] = (char)ch;
			sb_put(b, esc, 2);
		} else if (ch < 0x20 || ch == 0x7f) {
			snprintf(esc, sizeof(esc), "\\u%04x", ch);
			sb_str(b, esc);
		} else {
			sb_put(b, s, 1);
		}
	}
	sb_str(b, "\"");
}

static void sb_nl(struct sb *b)
{
	if (!b->pretty)
		return;
	sb_str(b, "\n");
	for (int i = 0; i < b->depth; i++)
		sb_str(b, "  ");
}

/* Starts a member (key may be NULL inside arrays). */
static void sb_key(struct sb *b, const char *key)
{
	if (!b->first)
		sb_str(b, ",");
	b->first = false;
	if (b->depth > 0)
		sb_nl(b);
	if (key) {
		sb_json(b, key);
		sb_str(b, b->pretty ? ": " : ":");
	}
}

static void sb_open(struct sb *b, const char *key, const char *br)
{
	sb_key(b, key);
	sb_str(b, br);
	b->depth++;
	b->first = true;
}

static void sb_close(struct sb *b, const char *br)
{
	bool empty = b->first;
	b->depth--;
	if (!empty)
		sb_nl(b);
	sb_str(b, br);
	b->first = false;
}

static void kv_str(struct sb *b, const char *k, const char *v)
{
	sb_key(b, k);
	sb_json(b, v);
}

static void kv_u64(struct sb *b, const char *k, uint64_t v)
{
	char t[32];
	snprintf(t, sizeof(t), "%llu", (unsigned long long)v);
	sb_key(b, k);
	sb_str(b, t);
}

static void kv_bool(struct sb *b, const char *k, bool v)
{
	sb_key(b, k);
	sb_str(b, v ? "true" : "false");
}

static void kv_size(struct sb *b, const char *k, uint64_t v)
{
	char t[32];
	fmt_size(t, sizeof(t), v);
	kv_str(b, k, t);
}

static void kv_dur(struct sb *b, const char *k, uint64_t v)
{
	char t[32];
	fmt_duration(t, sizeof(t), v);
	kv_str(b, k, t);
}

static void emit_patterns(struct sb *b, const char *k, const struct policy_pattern *p, size_t n)
{
	sb_open(b, k, "[");
	for (size_t i = 0; i < n; i++) {
		sb_key(b, NULL);
		sb_json(b, p[i].pat);
	}
	sb_close(b, "]");
}

/* Key order here is the canonical order documented in docs/POLICY.md. */
static void emit(struct sb *b, const struct policy *P)
{
	static const char *const cg[] = {"auto", "required", "off"};
	static const char *const types[] = {"scratch", "host", "workspace"};
	static const char *const asks[] = {"never", "writes", "always"};
	static const char *const methods[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
	const struct limits *l = &P->limits;
	b->first = true;
	sb_open(b, NULL, "{");
	kv_u64(b, "version", (uint64_t)P->version);

	sb_open(b, "limits", "{");
	kv_dur(b, "wall", l->wall_ms);
	kv_dur(b, "cpu", l->cpu_ms);
	kv_size(b, "memory", l->memory_bytes);
	kv_size(b, "heap", l->heap_bytes);
	kv_u64(b, "pids", l->pids);
	kv_size(b, "output", l->output_bytes);
	kv_u64(b, "tool_calls", l->tool_calls);
	kv_size(b, "max_frame", l->max_frame);
	kv_u64(b, "max_inflight", l->max_inflight);
	kv_size(b, "stack", l->stack_bytes);
	kv_str(b, "cgroup", cg[l->cgroup]);
	sb_close(b, "}");

	sb_open(b, "tools", "{");
	emit_patterns(b, "allow", P->allow, P->n_allow);
	emit_patterns(b, "ask", P->ask, P->n_ask);
	emit_patterns(b, "deny", P->deny, P->n_deny);
	sb_open(b, "caps", "{");
	for (size_t i = 0; i < P->n_caps; i++)
		kv_u64(b, P->caps[i].pat, P->caps[i].cap);
	sb_close(b, "}");
	sb_close(b, "}");

	sb_open(b, "env", "{");
	for (size_t i = 0; i < P->n_env; i++)
		kv_str(b, P->env[i].name, P->env[i].value);
	sb_close(b, "}");

	/* Only when set, so the hash of every policy without it is unchanged. */
	if (P->intl_locale || P->intl_time_zone) {
		sb_open(b, "intl", "{");
		if (P->intl_locale)
			kv_str(b, "locale", P->intl_locale);
		if (P->intl_time_zone)
			kv_str(b, "timeZone", P->intl_time_zone);
		sb_close(b, "}");
	}

	sb_open(b, "filesystem", "{");
	kv_size(b, "max_file_bytes", P->fs.max_file_bytes);
	kv_u64(b, "max_entries", P->fs.max_entries);
	sb_open(b, "mounts", "[");
	for (size_t i = 0; i < P->fs.n_mounts; i++) {
		const struct policy_mount *m = &P->mounts[i];
		sb_open(b, NULL, "{");
		kv_str(b, "path", m->path);
		kv_str(b, "type", types[m->type]);
		if (m->source)
			kv_str(b, "source", m->source);
		kv_str(b, "mode", m->writable ? "rw" : "ro");
		if (m->writable) {
			kv_size(b, "max_bytes", m->max_bytes);
			kv_u64(b, "max_files", m->max_files);
		}
		kv_str(b, "ask", asks[m->ask]);
		sb_close(b, "}");
	}
	sb_close(b, "]");
	sb_close(b, "}");

	sb_open(b, "network", "{");
	kv_size(b, "max_request_bytes", P->net.max_request_bytes);
	kv_size(b, "max_response_bytes", P->net.max_response_bytes);
	kv_dur(b, "timeout", P->net.timeout_ms);
	kv_u64(b, "max_redirects", P->net.max_redirects);
	sb_open(b, "allow", "[");
	for (size_t i = 0; i < P->net.n_rules; i++) {
		const struct policy_net_rule *r = &P->rules[i];
		char host[300];
		snprintf(host, sizeof(host), "%s%s", r->host_kind == POLICY_HOST_SUFFIX ? "*" : "", r->host);
		sb_open(b, NULL, "{");
		kv_str(b, "scheme", r->scheme);
		kv_str(b, "host", host);
		kv_u64(b, "port", r->port);
		sb_open(b, "methods", "[");
		for (unsigned k = 0; k < 7; k++)
			if (r->methods & (1u << k)) {
				sb_key(b, NULL);
				sb_json(b, methods[k]);
			}
		sb_close(b, "]");
		kv_str(b, "path_prefix", r->path_prefix);
		kv_bool(b, "allow_private", r->allow_private);
		kv_bool(b, "ask", r->ask);
		sb_close(b, "}");
	}
	sb_close(b, "]");
	sb_open(b, "credentials", "[");
	for (size_t i = 0; i < P->net.n_creds; i++) {
		const struct policy_cred *cr = &P->creds[i];
		sb_open(b, NULL, "{");
		kv_str(b, "host", cr->host);
		kv_str(b, "header", cr->header);
		if (cr->prefix[0])
			kv_str(b, "prefix", cr->prefix);
		if (cr->file)
			kv_str(b, "file", cr->file);
		else
			kv_str(b, "env", cr->env);
		sb_close(b, "}");
	}
	sb_close(b, "]");
	sb_close(b, "}");

	sb_open(b, "approvals", "{");
	kv_dur(b, "timeout", P->approvals.timeout_ms);
	kv_str(b, "default", "deny");
	kv_str(b, "cache", P->approvals.cache ? "run" : "none");
	sb_close(b, "}");

	sb_open(b, "audit", "{");
	kv_str(b, "sink",
	       P->audit.sink == POLICY_AUDIT_FILE   ? P->audit.path
	       : P->audit.sink == POLICY_AUDIT_HOST ? "host"
	                                            : "off");
	sb_close(b, "}");
	sb_close(b, "}");
}

static void compute_hash(struct policy *P)
{
	struct sb b = {0};
	emit(&b, P);
	P->hash[0] = '\0';
	if (!b.oom)
		sha256_hex(b.s, b.n, P->hash);
	free(b.s);
}

void policy_hash_hex(const struct policy *p, char out[65])
{
	memcpy(out, p->hash, 65);
}

char *policy_show(const struct policy *p)
{
	struct sb b = {.pretty = true};
	sb_str(&b, "// codecell effective policy: defaults filled in, units canonical.\n");
	sb_str(&b, "// sha256 of the canonical form: ");
	sb_str(&b, p->hash);
	sb_str(&b, "\n");
	emit(&b, p);
	sb_str(&b, "\n");
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* ---- accessors --------------------------------------------------------- */

const struct limits *policy_limits(const struct policy *p)
{
	return &p->limits;
}

size_t policy_env_count(const struct policy *p)
{
	return p->n_env;
}

void policy_env_get(const struct policy *p, size_t i, const char **name, const char **value)
{
	*name = p->env[i].name;
	*value = p->env[i].value;
}

const char *policy_intl_locale(const struct policy *p)
{
	return p->intl_locale;
}

const char *policy_intl_time_zone(const struct policy *p)
{
	return p->intl_time_zone;
}

const struct policy_fs *policy_fs(const struct policy *p)
{
	return &p->fs;
}

const struct policy_net *policy_net(const struct policy *p)
{
	return &p->net;
}

const struct policy_approvals_cfg *policy_approvals(const struct policy *p)
{
	return &p->approvals;
}

const struct policy_audit_cfg *policy_audit(const struct policy *p)
{
	return &p->audit;
}
