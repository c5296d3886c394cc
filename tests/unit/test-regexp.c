/* Unit tests for guest/regexp: compile errors, match semantics that differ
 * from Perl-style engines (the reason for an engine of our own), unicode
 * mode indices, sticky, and the backtrack-stack limit. */
#include <stdlib.h>
#include <string.h>

#include "regexp.h"
#include "tap.h"

/* ASCII/UTF-8 test strings to UTF-16 (BMP and astral). */
static size_t u16(const char *s, uint16_t *o)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		uint32_t c = *p++;
		if (c >= 0xf0) {
			c = ((c & 7u) << 18) | ((p[0] & 0x3fu) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
			p += 3;
		} else if (c >= 0xe0) {
			c = ((c & 15u) << 12) | ((p[0] & 0x3fu) << 6) | (p[1] & 0x3fu);
			p += 2;
		} else if (c >= 0xc0) {
			c = ((c & 31u) << 6) | (p[0] & 0x3fu);
			p += 1;
		}
		if (c > 0xffff) {
			o[n++] = (uint16_t)(0xd800 + ((c - 0x10000) >> 10));
			o[n++] = (uint16_t)(0xdc00 + ((c - 0x10000) & 0x3ff));
		} else {
			o[n++] = (uint16_t)c;
		}
	}
	return n;
}

static struct regexp_state st;

/* Runs pattern/flags on subject from `start`; writes "s,e s,e ..." (or
 * "null", or "error: MSG") to out. */
static void run(const char *pat, const char *flags, const char *subj, size_t start, char *out, size_t outlen)
{
	static uint16_t p[4096], f[16], s[1 << 16];
	size_t pn = u16(pat, p), fn = u16(flags, f), sn = u16(subj, s);
	unsigned fl;
	if (regexp_parse_flags(f, fn, &fl) < 0) {
		snprintf(out, outlen, "error: flags");
		return;
	}
	struct regexp_prog prog;
	char err[REGEXP_ERRLEN];
	if (regexp_compile(p, pn, fl, &prog, err) != 0) {
		snprintf(out, outlen, "error: %s", err);
		return;
	}
	int32_t caps[64];
	int r = regexp_exec(prog.words, s, sn, start, caps, &st);
	if (r < 0)
		snprintf(out, outlen, "exec error %d", r);
	else if (r == 0)
		snprintf(out, outlen, "null");
	else {
		out[0] = 0;
		for (unsigned i = 0; i < regexp_ncaptures(prog.words) && i < 32; i++) {
			size_t l = strlen(out);
			snprintf(out + l, outlen - l, "%s%d,%d", i ? " " : "", caps[2 * i], caps[2 * i + 1]);
		}
	}
	free(prog.words);
}

static void expect(const char *pat, const char *flags, const char *subj, size_t start, const char *want,
                   const char *what)
{
	char got[512];
	run(pat, flags, subj, start, got, sizeof got);
	if (!tap_ok(strcmp(got, want) == 0, "%s", what))
		printf("# got:  %s\n# want: %s\n", got, want);
}

int main(void)
{
	/* Semantics where Perl-style engines (PCRE2, ICU) differ from ECMAScript. */
	expect("((a)|b)+", "", "ab", 0, "0,2 1,2 -1,-1", "captures reset on each iteration");
	expect("(a\\1)", "", "a", 0, "0,1 0,1", "backreference inside its own group matches empty");
	expect("(?:a|())*?b", "", "ab", 0, "0,2 -1,-1", "empty iteration of a lazy loop is rejected");
	expect("(?<=\\$\\d+)x", "", "$12x", 0, "3,4", "unbounded lookbehind");
	expect("(?<=(\\d+)(\\d+))$", "", "1053", 0, "4,4 0,1 1,4", "lookbehind matches right to left");
	expect("(?<=\\1(a))b", "", "aab", 0, "2,3 1,2", "backreference before its group in a lookbehind");
	expect("(z)((a+)?(b+)?(c))*", "", "zaacbbbcac", 0, "0,10 0,1 8,10 8,9 -1,-1 9,10",
	       "nested captures in a loop (spec example)");
	expect("(?=(a+))a*b\\1", "", "baaabac", 0, "3,6 3,4", "lookahead captures are kept");
	expect("(.*?)a(?!(a+)b\\2c)\\2(.*)", "", "baaabaac", 0, "0,8 0,2 -1,-1 3,8",
	       "negative lookahead captures are undone");

	/* Named groups. */
	expect("(?<y>\\d{4})-\\k<y>", "", "x 2024-2024", 0, "2,11 2,6", "named backreference");
	expect("\\k<a>(?<a>x)", "", "x", 0, "0,1 0,1", "forward named reference matches empty");

	/* Flags. */
	expect("a.c", "", "a\nc", 0, "null", "dot excludes line terminators");
	expect("a.c", "s", "a\nc", 0, "0,3", "dotAll");
	expect("^b", "m", "a\nb", 0, "2,3", "multiline anchor");
	expect("o", "y", "foo", 0, "null", "sticky matches only at lastIndex");
	expect("o", "y", "foo", 1, "1,2", "sticky at lastIndex");
	expect("HELLO", "i", "say hello", 0, "4,9", "ignoreCase");
	expect("\\u212a", "i", "k", 0, "null", "Kelvin sign does not match k without u");
	expect("\\u212a", "iu", "k", 0, "0,1", "Kelvin sign matches k with u (simple case folding)");
	expect("\\w", "iu", "\xc5\xbf", 0, "0,1", "long s is a word character under iu");
	expect("[^\\W]", "i", "\xc5\xbf", 0, "null", "long s is not a word character under i");
	expect("\\u03a3", "iu", "\xcf\x82", 0, "0,1", "sigma folds with final sigma");
	expect("k", "iu", "x\xe2\x84\xaa", 0, "1,2", "first-character scan keeps the Kelvin sign for k under iu");
	expect("s", "iu", "x\xc5\xbf", 0, "1,2", "first-character scan keeps long s for s under iu");
	expect("E", "i", "xxe", 0, "2,3", "first-character scan with i finds either case");

	/* Unicode mode. */
	expect(".", "u", "\xf0\x9f\x98\x80", 0, "0,2", "dot reads a code point with u");
	expect(".", "", "\xf0\x9f\x98\x80", 0, "0,1", "dot reads a code unit without u");
	expect("\\udf06", "u", "\xf0\x9d\x8c\x86", 0, "null", "no match inside a surrogate pair with u");
	expect("\\udf06", "", "\xf0\x9d\x8c\x86", 0, "1,2", "a lone trail surrogate matches without u");
	expect("\\u{1F600}", "u", "a\xf0\x9f\x98\x80", 0, "1,3", "braced escape");
	expect(".", "u", "\xf0\x9f\x98\x80", 1, "0,2", "lastIndex inside a pair means the pair");
	expect("\\p{Lu}+", "u", "abcDEFg", 0, "3,6", "general category");
	expect("\\p{Script=Greek}+", "u", "ab\xce\xb1\xce\xb2", 0, "2,4", "script");
	expect("\\P{L}", "u", "ab1", 0, "2,3", "negated property");

	/* Annex B grammar without u. */
	expect("a{,2}", "", "a{,2}", 0, "0,5", "invalid braces are literal");
	expect("\\1(a)", "", "aa", 0, "0,1 0,1", "forward backreference");
	expect("\\8", "", "8", 0, "0,1", "\\8 is an identity escape");
	expect("[\\d-z]+", "", "1-z", 0, "0,3", "class escape in a range");
	expect("\\c", "", "\\c", 0, "0,2", "\\c without a letter is a backslash");

	/* Errors, in V8's words. */
	expect("(", "", "", 0, "error: Unterminated group", "unterminated group");
	expect("a**", "", "", 0, "error: Nothing to repeat", "nothing to repeat");
	expect("(?<=a)*", "", "", 0, "error: Invalid quantifier", "quantified lookbehind");
	expect("(?<a>x)(?<a>y)", "", "", 0, "error: Duplicate capture group name", "duplicate name");
	expect("\\k<n>", "u", "", 0, "error: Invalid named capture referenced", "unknown named reference");
	expect("\\p{Foo}", "u", "", 0, "error: Invalid property name", "unknown property");
	expect("{", "u", "", 0, "error: Lone quantifier brackets", "lone brace with u");
	expect("[b-a]", "", "", 0, "error: Range out of order in character class", "range out of order");
	expect("a", "gg", "", 0, "error: flags", "repeated flag");
	expect("a", "uv", "", 0, "error: flags", "u with v");

	/* Limits. */
	{
		/* (a|b)* keeps a choice point per iteration: a long enough subject
		 * hits REGEXP_MAX_BACKTRACK and fails cleanly instead of growing. */
		size_t n = REGEXP_MAX_BACKTRACK / 2;
		uint16_t *s = malloc(n * sizeof *s);
		for (size_t i = 0; i < n; i++)
			s[i] = 'a';
		const uint16_t pat[] = {'(', 'a', '|', 'b', ')', '*', 'c'};
		struct regexp_prog prog;
		char err[REGEXP_ERRLEN];
		int32_t caps[4];
		tap_ok(regexp_compile(pat, 7, 0, &prog, err) == 0, "compile (a|b)*c");
		TAP_EQ_INT(regexp_exec(prog.words, s, n, n - 1000, caps, &st), 0, "short tail: no match, no error");
		TAP_EQ_INT(regexp_exec(prog.words, s, n, 0, caps, &st), REGEXP_ERR_STACK,
		           "backtrack limit is an error");
		free(prog.words);
		free(s);
	}
	{
		uint16_t *big = malloc((REGEXP_MAX_PATTERN + 1) * sizeof *big);
		for (size_t i = 0; i <= REGEXP_MAX_PATTERN; i++)
			big[i] = 'a';
		struct regexp_prog prog;
		char err[REGEXP_ERRLEN];
		TAP_EQ_INT(regexp_compile(big, REGEXP_MAX_PATTERN + 1, 0, &prog, err), -1, "pattern over the limit");
		TAP_EQ_STR(err, "Regular expression too large", "too large message");
		free(big);
	}
	regexp_state_finish(&st);
	return tap_done();
}
