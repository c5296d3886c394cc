/* test-tsname: program names for downstream tools (codemode's sanitising,
 * the length bound, deterministic collision resolution). */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "tsname.h"

static void san(const char *in, const char *want)
{
	char out[TSNAME_MAX + 1];
	tsname_sanitize(in, out);
	TAP_EQ_STR(out, want, "sanitise");
}

static void assign(const char *const *names, size_t n, const char *const *want_safe, const char *const *want_type)
{
	char *safe[16], *type[16];
	if (!tap_ok(tsname_assign(names, n, safe, type) == 0, "assign %zu names", n))
		return;
	for (size_t i = 0; i < n; i++) {
		TAP_EQ_STR(safe[i], want_safe[i], "program name");
		TAP_EQ_STR(type[i], want_type[i], "type name");
		free(safe[i]);
		free(type[i]);
	}
}

int main(void)
{
	san("get-user.by id", "get_user_by_id");
	san("odd name!", "odd_name");
	san("9lives", "_9lives");
	san("class", "class_");
	san("", "_");
	san("!!!", "_");
	san("\xc3\xbc"
	    "n\xc3\xaf",
	    "n");
	san("a\xc2\xa0"
	    "b",
	    "a_b"); /* U+00A0 is \s in JavaScript */
	san("a\xe3\x80\x80"
	    "b",
	    "a_b"); /* U+3000 too */
	san("a\xe2\x80\xa8"
	    "b",
	    "a_b"); /* U+2028 too */
	san("$x", "$x");

	char out[TSNAME_MAX + 1], longname[300];
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	tsname_sanitize(longname, out);
	TAP_EQ_INT(strlen(out), TSNAME_MAX - 2, "a long name is cut");
	longname[0] = '7';
	tsname_sanitize(longname, out);
	tap_ok(strlen(out) <= TSNAME_MAX && out[0] == '_', "a cut name with a leading digit stays an identifier");

	char p[64];
	tsname_pascal("get_user_by_id", p);
	TAP_EQ_STR(p, "GetUserById", "pascal");
	tsname_pascal("__a_B", p);
	TAP_EQ_STR(p, "_A_B", "pascal keeps _ before a capital");

	tap_ok(tsname_is_identifier("memory"), "identifier");
	tap_ok(!tsname_is_identifier("if"), "reserved word");
	tap_ok(!tsname_is_identifier("1a"), "leading digit");
	tap_ok(!tsname_is_identifier("a-b"), "punctuation");
	tap_ok(!tsname_is_identifier(""), "empty");

	/* Collisions: byte order of the original names, never another's name. */
	const char *const n1[] = {"a_b", "a.b", "a-b"};
	const char *const s1[] = {"a_b_3", "a_b_2", "a_b"};
	const char *const t1[] = {"AB_3", "AB_2", "AB"};
	assign(n1, 3, s1, t1);
	const char *const n2[] = {"a-b", "a_b", "a.b"};
	const char *const s2[] = {"a_b", "a_b_3", "a_b_2"};
	const char *const t2[] = {"AB", "AB_3", "AB_2"};
	assign(n2, 3, s2, t2);
	/* A tool whose own name is x_2 keeps it; the collision skips it. */
	const char *const n3[] = {"x", "x.", "x_2"};
	const char *const s3[] = {"x", "x__3", "x_2"};
	(void)s3;
	const char *const s3b[] = {"x", "x_", "x_2"};
	const char *const t3[] = {"X", "X_", "X_2"};
	assign(n3, 3, s3b, t3);
	const char *const n4[] = {"foo_bar", "fooBar"};
	const char *const s4[] = {"foo_bar", "fooBar"};
	const char *const t4[] = {"FooBar_2", "FooBar"};
	assign(n4, 2, s4, t4);
	return tap_done();
}
