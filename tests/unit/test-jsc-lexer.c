/* test-jsc-lexer: token kinds, values, positions, escapes, numeric forms,
 * regex/template rescans and every lexical SyntaxError. */
#include <math.h>
#include <setjmp.h>
#include <string.h>

#include "ast.h"
#include "lexer.h"
#include "tap.h"

struct lx_env {
	struct ast_program prog;
	struct lexer lx;
	jmp_buf jb;
};

/* Lexes all of src (rescanning '/' as a regexp when regex is set, for the
 * first token only). Returns the number of tokens, or -1 on error. */
/* Token strings copied for the tests, freed at exit (LeakSanitizer runs
 * these tests in CI). */
static char *kept[4096];
static size_t n_kept;

static void free_kept(void)
{
	while (n_kept)
		free(kept[--n_kept]);
}

static char *keep(char *s)
{
	if (n_kept == 0)
		atexit(free_kept);
	if (s && n_kept < sizeof(kept) / sizeof(kept[0]))
		kept[n_kept++] = s;
	return s;
}

static int lex_all(const char *src, struct token *toks, int max, char *err, size_t errlen)
{
	struct lx_env *e = calloc(1, sizeof(*e));
	e->prog.arena = ast_arena_create(0);
	int n = 0;
	if (setjmp(e->jb) != 0) {
		snprintf(err, errlen, "%s@%u:%u", e->prog.error.msg, e->prog.error.pos.line, e->prog.error.pos.column);
		n = -1;
		goto out;
	}
	lexer_init(&e->lx, src, strlen(src), &e->prog, &e->jb);
	for (;;) {
		lexer_next(&e->lx);
		if (e->lx.tok.type == TK_SLASH && n == 0)
			lexer_rescan_regexp(&e->lx);
		if (n < max) {
			toks[n] = e->lx.tok;
			/* strings live in the arena: copy what the tests read */
			if (toks[n].str.s)
				toks[n].str.s = keep(strdup(toks[n].str.s));
			if (toks[n].raw.s)
				toks[n].raw.s = keep(strdup(toks[n].raw.s));
		}
		if (e->lx.tok.type == TK_EOF)
			break;
		n++;
	}
out:
	ast_arena_destroy(e->prog.arena);
	free(e);
	return n;
}

static void expect_error(const char *src, const char *want)
{
	struct token t[64];
	char err[300] = "";
	int n = lex_all(src, t, 64, err, sizeof(err));
	tap_ok(n < 0 && strstr(err, want) != NULL, "lex error for %s: got '%s', want '%s'", src, err, want);
}

int main(void)
{
	struct token t[64];
	char err[300];
	int n;

	n = lex_all("a ?. b ?.5 : c ?? d ??= e ||= f &&= g ** h **= i ... => #p >>>= 1", t, 64, err, sizeof(err));
	TAP_EQ_INT(n, 24, "punctuator stream length");
	TAP_EQ_INT(t[1].type, TK_QDOT, "?. lexed");
	TAP_EQ_INT(t[3].type, TK_QUESTION, "?.5 is ? then .5");
	TAP_EQ_INT(t[4].type, TK_NUMBER, ".5 number");
	tap_ok(t[4].num == 0.5, ".5 value");
	TAP_EQ_INT(t[7].type, TK_NULLISH, "??");
	TAP_EQ_INT(t[9].type, TK_NULLISH_ASSIGN, "??=");
	TAP_EQ_INT(t[11].type, TK_OR_ASSIGN, "||=");
	TAP_EQ_INT(t[13].type, TK_AND_ASSIGN, "&&=");
	TAP_EQ_INT(t[15].type, TK_STARSTAR, "**");
	TAP_EQ_INT(t[17].type, TK_STARSTAR_ASSIGN, "**=");
	TAP_EQ_INT(t[19].type, TK_ELLIPSIS, "...");
	TAP_EQ_INT(t[20].type, TK_ARROW, "=>");
	TAP_EQ_INT(t[21].type, TK_PRIVATE, "#private");
	TAP_EQ_STR(t[21].str.s, "p", "private name without #");
	TAP_EQ_INT(t[22].type, TK_USHR_ASSIGN, ">>>=");

	n = lex_all("1_000 0x1F 0o17 0b101 017 08 1e3 .5e-1 0.1", t, 64, err, sizeof(err));
	TAP_EQ_INT(n, 9, "numbers");
	tap_ok(t[0].num == 1000 && t[1].num == 31 && t[2].num == 15 && t[3].num == 5, "separators, hex, octal, binary");
	tap_ok(t[4].num == 15 && t[4].legacy_octal, "legacy octal 017 = 15 (sloppy)");
	tap_ok(t[5].num == 8 && t[5].legacy_octal, "08 is decimal 8");
	tap_ok(t[6].num == 1000 && t[7].num == 0.05 && t[8].num == 0.1, "exponents and fractions");

	n = lex_all("'a\\n\\t\\x41\\u0042\\u{1F600}\\ud83d\\ude00\\0' \"\\\nq\"", t, 64, err, sizeof(err));
	TAP_EQ_INT(n, 2, "two strings");
	tap_ok(t[0].str.len == 14 && memcmp(t[0].str.s, "a\n\tAB\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 14) == 0,
	       "string escapes decode; surrogate pair escapes join into one code point");
	TAP_EQ_STR(t[1].str.s, "q", "line continuation removed");

	n = lex_all("x\n/* c\n */ y // z\n z", t, 64, err, sizeof(err));
	TAP_EQ_INT(n, 3, "comments skipped");
	tap_ok(t[1].nl_before && t[1].pos.line == 3 && t[1].pos.column == 5,
	       "newline flag and position after block comment (3:5)");
	tap_ok(t[2].nl_before && t[2].pos.line == 4, "line comment ends at newline");

	n = lex_all("#!/usr/bin/env node\nfoo", t, 64, err, sizeof(err));
	tap_ok(n == 1 && t[0].type == TK_NAME && t[0].pos.line == 2, "hashbang skipped");

	n = lex_all("\\u0061bc \\u{62}x caf\xc3\xa9 \xf0\x9f\x98\x80x", t, 64, err, sizeof(err));
	TAP_EQ_INT(n, 4, "unicode identifiers");
	TAP_EQ_STR(t[0].str.s, "abc", "identifier with \\u escape");
	tap_ok(t[0].escaped, "escape flag set");
	TAP_EQ_STR(t[2].str.s, "caf\xc3\xa9", "non-ASCII identifier");
	n = lex_all("\xc3\xa9\xc3\xa9 x", t, 64, err, sizeof(err));
	TAP_EQ_INT(t[1].pos.column, 4, "column counts UTF-16 units, not bytes");

	n = lex_all("if let await yield", t, 64, err, sizeof(err));
	tap_ok(t[0].kw == KW_IF && t[1].kw == KW_LET && t[2].kw == KW_AWAIT && t[3].kw == KW_YIELD, "keyword ids");

	n = lex_all("/a[/]b\\/c/gim x", t, 64, err, sizeof(err));
	tap_ok(n == 2 && t[0].type == TK_REGEXP, "regexp rescan");
	TAP_EQ_STR(t[0].str.s, "a[/]b\\/c", "regexp pattern keeps class and escapes");
	TAP_EQ_STR(t[0].raw.s, "gim", "regexp flags");

	n = lex_all("`a${", t, 64, err, sizeof(err));
	tap_ok(n == 1 && t[0].type == TK_TEMPLATE && !t[0].tmpl_tail && strcmp(t[0].str.s, "a") == 0, "template head");
	n = lex_all("`x\\u{41}\r\ny`", t, 64, err, sizeof(err));
	tap_ok(n == 1 && t[0].tmpl_tail && strcmp(t[0].str.s, "xA\ny") == 0 && strcmp(t[0].raw.s, "x\\u{41}\ny") == 0,
	       "template cooked/raw, CRLF normalised");
	n = lex_all("`\\unicode`", t, 64, err, sizeof(err));
	tap_ok(n == 1 && t[0].str.s == NULL && strcmp(t[0].raw.s, "\\unicode") == 0,
	       "invalid escape in template: cooked NULL");

	expect_error("10n", "BigInt is not supported");
	expect_error("x = 0x1Fn", "BigInt is not supported");
	expect_error("1__0", "Only one underscore is allowed as numeric separator");
	expect_error("1_", "Numeric separators are not allowed at the end of numeric literals");
	expect_error("3in x", "Invalid or unexpected token");
	expect_error("'abc", "Invalid or unexpected token");
	expect_error("'a\nb'", "Invalid or unexpected token");
	expect_error("'\\x4'", "Invalid hexadecimal escape sequence");
	expect_error("'\\u{110000}'", "Undefined Unicode code-point");
	expect_error("'\\u12'", "Invalid Unicode escape sequence");
	expect_error("/* never closed", "Invalid or unexpected token@1:1");
	expect_error("`abc", "Unterminated template literal");
	expect_error("/abc\n/", "Invalid regular expression: missing /");
	expect_error("/a/gg", "Invalid regular expression flags");
	expect_error("/a/q", "Invalid regular expression flags");
	expect_error("/a/uv", "Invalid regular expression flags");
	expect_error("/(/", "Invalid regular expression: /(/: Unterminated group");
	expect_error("/(?<a>x)(?<a>y)/", "Invalid regular expression: /(?<a>x)(?<a>y)/: Duplicate capture group name");
	expect_error("/\\k<n>/u", "Invalid regular expression: /\\k<n>/u: Invalid named capture referenced");
	expect_error("/\\p{Nope}/u", "Invalid property name");
	expect_error("/{/u", "Lone quantifier brackets");
	expect_error("/(?<=a)+/", "Invalid quantifier");
	n = lex_all("/(?<y>\\d{4})-\\k<y>(?<=\\d)\\p{L}/dgimsuy", t, 64, err, sizeof(err));
	tap_ok(n == 1 && t[0].type == TK_REGEXP, "ES2023 regexp syntax and flags lex");
	expect_error("a # b", "Invalid or unexpected token@1:3");
	expect_error("\\u0030abc", "Invalid Unicode escape sequence");

	n = lex_all("/[(?<=]x/g", t, 64, err, sizeof(err));
	tap_ok(n == 1, "(?<= inside a character class is literal text");
	return tap_done();
}
