/* tap: a tiny TAP producer for C tests (meson `protocol: 'tap'`).
 * Runs in: test binaries only. Input: none. */
#pragma once

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

__attribute__((format(printf, 2, 3), unused)) static int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%s %d - ", cond ? "ok" : "not ok", ++tap_n);
	vprintf(fmt, ap);
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
		vprintf(fmt, ap);
		printf("\n");
		exit(1);
	}
	printf("1..0 # SKIP ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	exit(0);
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
