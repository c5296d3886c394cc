/* tap: a tiny TAP producer for C tests (meson `protocol: 'tap'`).
 * Runs in: test binaries only. Input: none. */
#pragma once

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

/* Prints a description on one line whatever it holds: descriptions often
 * quote test input, and a raw newline would break the TAP stream while a
 * raw "# skip" would turn a failure into a skip. Newlines and other control
 * bytes become \n / \xNN, and '#' becomes "\#" (TAP's escape). */
static void tap_print_desc(const char *fmt, va_list ap)
{
	char buf[2048];
	vsnprintf(buf, sizeof buf, fmt, ap);
	for (const unsigned char *p = (const unsigned char *)buf; *p; p++) {
		if (*p == '\n')
			fputs("\\n", stdout);
		else if (*p < 0x20 || *p == 0x7f)
			printf("\\x%02x", *p);
		else if (*p == '#')
			fputs("\\#", stdout);
		else
			putchar(*p);
	}
}

__attribute__((format(printf, 2, 3), unused)) static int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%s %d - ", cond ? "ok" : "not ok", ++tap_n);
	tap_print_desc(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
	if (!cond)
		tap_failed++;
	return cond;
}

/* Skips the whole test file, e.g. when the kernel lacks a feature. CI sets
 * CODECELL_MUST_WORK=1, which turns a skip into a failure. */
__attribute__((format(printf, 1, 2), unused, noreturn)) static void tap_skip_all(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *must = getenv("CODECELL_MUST_WORK");
	if (must && strcmp(must, "1") == 0) {
		printf("1..1\nnot ok 1 - required but unavailable: ");
		tap_print_desc(fmt, ap);
		printf("\n");
		exit(1);
	}
	printf("1..0 # SKIP ");
	tap_print_desc(fmt, ap);
	printf("\n");
	va_end(ap);
	exit(0);
}

/* Skips one test because the kernel lacks what it probes (the unfiltered
 * baseline showed it). Not turned into a failure by CODECELL_MUST_WORK: a
 * missing kernel entry point is a fact about the machine, not a layer of
 * the product that failed to come up. */
__attribute__((format(printf, 2, 3), unused)) static void tap_skip(const char *name, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("ok %d - ", ++tap_n);
	fputs(name, stdout);
	printf(" # SKIP ");
	tap_print_desc(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
}

/* Each argument is evaluated exactly once. */
#define TAP_EQ_INT(a, b, name) tap_eq_int((long long)(a), (long long)(b), name)
#define TAP_EQ_STR(a, b, name) tap_eq_str((a), (b), name)

__attribute__((unused)) static int tap_eq_int(long long a, long long b, const char *name)
{
	return tap_ok(a == b, "%s (got %lld, want %lld)", name, a, b);
}

__attribute__((unused)) static int tap_eq_str(const char *a, const char *b, const char *name)
{
	return tap_ok(a && b && strcmp(a, b) == 0, "%s (got '%s', want '%s')", name, a ? a : "(null)",
	              b ? b : "(null)");
}

__attribute__((unused)) static int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}
