/* test-duk-numconv: Number.prototype.toFixed, toExponential and toPrecision
 * with up to 100 digits (the patches to-fixed-100-digits,
 * to-exponential-100-digits, to-precision-100-digits, numconv-fixed-exact-k
 * and to-precision-no-tostring-exponent in guest/duk/patch-duktape.py) in a
 * Duktape built like any unit-tested code, so the ASan+UBSan pass of
 * scripts/test.sh checks the digit generation's bignums: before
 * numconv-fixed-exact-k, ~33 digits of a denormal wrote past them. A sweep
 * formats extreme values at every digit count; exact strings are node 20's.
 * Runs in: test binaries only. Input: the JS below. */
#include <string.h>

#include "dukeval.h"
#include "duktape.h"
#include "tap.h"

/* Every method at every digit count over values at the edges of the
 * double range (denormals, the largest finite, just below powers of ten);
 * the count of strings made, or the first error. */
static const char sweep[] =
        "var vals = [5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308,\n"
        "  -1.7976931348623157e308, 1e-7, 9.999999999999999e22, 0.1, 1 / 3, 2 / 3, 123.456, 9007199254740993,\n"
        "  0, -0, 1e-300, 4.9406564584124654e-300, 0.5, 9.5, 1e20, 999999999999999900000];\n"
        "var n = 0;\n"
        "for (var i = 0; i < vals.length; i++) {\n"
        "  for (var d = 0; d <= 100; d++) {\n"
        "    n += vals[i].toFixed(d).length > 0;\n"
        "    n += vals[i].toExponential(d).length > 0;\n"
        "    if (d > 0) n += vals[i].toPrecision(d).length > 0;\n"
        "  }\n"
        "}\n"
        "'made ' + n;\n";

/* [program, node 20's string] */
static const char *const exact[][2] = {
        {"(0.1).toFixed(25)", "0.1000000000000000055511151"},
        {"(1e-7).toPrecision(17)", "9.9999999999999995e-8"},
        {"(5e-324).toExponential(100)",
         "4.9406564584124654417656879286822137236505980261432476442558568250067550727020875186529983636163599238e-324"},
        {"(5e-324).toPrecision(100)",
         "4.940656458412465441765687928682213723650598026143247644255856825006755072702087518652998363616359924e-324"},
        {"(1.7976931348623157e308).toPrecision(100)",
         "1.797693134862315708145274237317043567980705675258449965989174768031572607800285387605895586327668782e+308"},
        {"(-1.5e-9).toFixed(100)",
         "-0.0000000014999999999999999900248106175413252694195165304336114786565303802490234375000000000000000000"},
        {"(2.2250738585072014e-308).toExponential(99)",
         "2.225073858507201383090232717332404064219215980462331830553327416887204434813918195854283159012511021e-308"},
        {"(123.456).toFixed(20)", "123.45600000000000306954"},
        {"(0).toFixed(100).length", "102"},
        {"(9.5).toPrecision(1)", "1e+1"},
};

int main(void)
{
	duk_context *ctx = dukeval_heap();
	char out[512];
	int ok = dukeval(ctx, sweep, out, sizeof out);
	/* 21 values x (101 + 101 + 100) strings */
	tap_ok(ok && strcmp(out, "made 6342") == 0,
	       "every method at every digit count over the double range's edges (%s)", out);
	for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++) {
		ok = dukeval(ctx, exact[i][0], out, sizeof out);
		tap_ok(ok && strcmp(out, exact[i][1]) == 0, "%s is node's", exact[i][0]);
		if (!ok || strcmp(out, exact[i][1]) != 0)
			printf("# got: %s\n", out);
	}
	ok = dukeval(ctx, "(1).toFixed(101)", out, sizeof out);
	tap_ok(!ok && strstr(out, "RangeError") != NULL, "101 digits is out of range (%s)", out);
	duk_destroy_heap(ctx);
	return tap_done();
}
