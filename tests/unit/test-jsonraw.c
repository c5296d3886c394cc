/* test-jsonraw: the strict scanner agrees with cJSON on what is JSON, keeps
 * every value's bytes, and the printer lays text out as cJSON_Print does. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdint.h>

#include "jsonraw.h"
#include "tap.h"

static void valid(const char *s, int want)
{
	tap_ok(jsonraw_valid(s, strlen(s)) == want, "%s: %s", want ? "valid" : "invalid", s);
}

static uint32_t seed = 12345;
static uint32_t rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 17;
	seed ^= seed << 5;
	return seed;
}

/* A random document of integers, strings, literals and containers: text
 * cJSON prints identically, so the printers can be compared. */
static void gen(char *b, size_t *n, size_t cap, int depth)
{
	static const char *const atoms[] = {"1", "-2", "300", "true", "false", "null", "\"a\"", "\"x\\\"y\""};
	uint32_t k = rnd() % 10;
	if (*n + 64 > cap)
		k = 0;
	if (depth > 4 || k < 5) {
		const char *a = atoms[rnd() % (sizeof(atoms) / sizeof(atoms[0]))];
		*n += (size_t)snprintf(b + *n, cap - *n, "%s", a);
		return;
	}
	bool obj = k < 8;
	b[(*n)++] = obj ? '{' : '[';
	int items = (int)(rnd() % 4);
	for (int i = 0; i < items && *n + 64 < cap; i++) {
		if (i)
			b[(*n)++] = ',';
		if (obj)
			*n += (size_t)snprintf(b + *n, cap - *n, " \"k%d\" : ", i);
		gen(b, n, cap, depth + 1);
	}
	b[(*n)++] = obj ? '}' : ']';
	b[*n] = '\0';
}

int main(void)
{
	valid("{}", 1);
	valid(" [1, -0, 0.5e-3, 1E+21, \"\\ud83d\\ude00\", true, null] ", 1);
	valid("{\"a\":{\"b\":[[]]}}", 1);
	valid("01", 0);
	valid("1.", 0);
	valid(".5", 0);
	valid("+1", 0);
	valid("-", 0);
	valid("[1,]", 0);
	valid("{\"a\":1,}", 0);
	valid("{\"a\" 1}", 0);
	valid("{} x", 0);
	valid("\"\\x\"", 0);
	valid("\"\\u12\"", 0);
	valid("\"tab\there\"", 0);
	valid("tru", 0);
	valid("[", 0);
	valid("", 0);

	/* nesting: JSONRAW_MAX_DEPTH is accepted, one more is refused */
	char deep[2 * JSONRAW_MAX_DEPTH + 8];
	for (int extra = 0; extra < 2; extra++) {
		size_t d = JSONRAW_MAX_DEPTH + (size_t)extra, n = 0;
		for (size_t i = 0; i < d; i++)
			deep[n++] = '[';
		for (size_t i = 0; i < d; i++)
			deep[n++] = ']';
		tap_ok(jsonraw_valid(deep, n) == !extra, "depth %zu %s", d, extra ? "refused" : "accepted");
	}

	const char *frame = "{\"t\":\"tool\",\"id\":7,\"args\":[0.30000000000000004, 9007199254740993, 1e400]}";
	struct jsonraw_member m[JSONRAW_MAX_MEMBERS];
	size_t n;
	const char *why;
	TAP_EQ_INT(jsonraw_members(frame, strlen(frame), m, JSONRAW_MAX_MEMBERS, &n, &why), 0, "frame scanned");
	TAP_EQ_INT(n, 3, "three members");
	const struct jsonraw_member *a = jsonraw_find(m, n, "args");
	const char *want_args = "[0.30000000000000004, 9007199254740993, 1e400]";
	tap_ok(a && a->kind == JSONRAW_ARRAY && a->value.len == strlen(want_args) &&
	               memcmp(a->value.p, want_args, strlen(want_args)) == 0,
	       "args kept byte for byte");
	tap_ok(jsonraw_find(m, n, "id")->kind == JSONRAW_NUMBER, "id is a number");
	tap_ok(!jsonraw_find(m, n, "value"), "absent member not found");

	const char *dup = "{\"a\":1,\"a\":2}";
	TAP_EQ_INT(jsonraw_members(dup, strlen(dup), m, JSONRAW_MAX_MEMBERS, &n, &why), -EPROTO,
	           "duplicate key refused");
	const char *esc = "{\"\\u0061rgs\":[]}";
	TAP_EQ_INT(jsonraw_members(esc, strlen(esc), m, JSONRAW_MAX_MEMBERS, &n, &why), -EPROTO,
	           "escaped envelope key refused");
	const char *arr = "[1]";
	TAP_EQ_INT(jsonraw_members(arr, strlen(arr), m, JSONRAW_MAX_MEMBERS, &n, &why), -EPROTO, "array refused");
	TAP_EQ_INT(jsonraw_members(frame, strlen(frame), m, 2, &n, &why), -EPROTO, "too many members refused");

	/* the printer keeps the document (it re-parses equal) and lays it out
	 * as JSON.stringify(v, null, 2) does (tests/deploy/test_cli.py compares
	 * with node itself); the scanner agrees with cJSON */
	int same = 0, agree = 0;
	const int rounds = 2000;
	for (int i = 0; i < rounds; i++) {
		char b[4096];
		size_t bn = 0;
		gen(b, &bn, sizeof(b), 0);
		b[bn] = '\0';
		cJSON *j = cJSON_Parse(b);
		char *got = jsonraw_pretty(b, bn);
		cJSON *back = got ? cJSON_Parse(got) : NULL;
		if (j && back && cJSON_Compare(j, back, true) && !strchr(got, '\t') && !strstr(got, "\":\""))
			same++;
		else
			printf("# differs: %s\n", b);
		cJSON_Delete(back);
		agree += (j != NULL) == jsonraw_valid(b, bn);
		/* cut short, a container document is no longer JSON */
		if (bn > 1 && (b[0] == '{' || b[0] == '['))
			agree += !jsonraw_valid(b, 1 + rnd() % (bn - 1)) ? 0 : -100000;
		free(got);
		cJSON_Delete(j);
	}
	TAP_EQ_INT(same, rounds, "pretty printing keeps random documents, two-space layout");
	static const char doc[] = "{\"a\":[1,{\"b\":[]},{}],\"c\":\"x:,{\"}";
	char *pp = jsonraw_pretty(doc, sizeof doc - 1);
	TAP_EQ_STR(pp, "{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    },\n    {}\n  ],\n  \"c\": \"x:,{\"\n}",
	           "JSON.stringify(v, null, 2) layout");
	free(pp);
	TAP_EQ_INT(agree, rounds, "scanner and cJSON agree on random documents");
	return tap_done();
}
