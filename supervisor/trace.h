/* trace: opt-in phase timings of one run, for operators and the benchmark.
 * CODECELL_TRACE=1 in the supervisor's environment prints, after the report,
 * one stderr line per phase: milliseconds since the run began and since the
 * previous phase, supervisor and guest phases merged on one clock
 * (CLOCK_MONOTONIC is not namespaced: the sandbox has no time namespace).
 * See docs/PERFORMANCE.md for what each phase covers.
 * Runs in: supervisor. Input: the environment, and the guest's "#trace"
 * stderr line, which is untrusted and only ever parsed into bounded numbers
 * for display; nothing else reads it.
 *
 * Header-only on purpose: only run.c includes it, and a disabled trace costs
 * one getenv per run and a predictable branch per phase. */
#pragma once

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Phases of one run, supervisor and guest together: ~16 of each today, so
 * 64 leaves room without letting a chatty guest line grow anything. */
#define TRACE_MAX_MARKS 64
/* Guest phase names are copied into fixed slots; longer ones are cut. */
#define TRACE_NAME_MAX 40

struct trace_mark {
	char name[TRACE_NAME_MAX];
	uint64_t ns;
	bool guest;
};

struct trace_state {
	bool on;
	uint64_t t0;
	size_t n;
	struct trace_mark marks[TRACE_MAX_MARKS];
};

static struct trace_state trace_g;

static inline uint64_t trace_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static inline bool trace_on(void)
{
	return trace_g.on;
}

static inline void trace_add(const char *name, uint64_t ns, bool guest)
{
	if (trace_g.n >= TRACE_MAX_MARKS)
		return;
	struct trace_mark *m = &trace_g.marks[trace_g.n++];
	snprintf(m->name, sizeof m->name, "%s", name);
	m->ns = ns;
	m->guest = guest;
}

/* Starts the clock when CODECELL_TRACE is set to anything but "" or "0". */
static inline void trace_begin(void)
{
	const char *v = getenv("CODECELL_TRACE");
	trace_g.on = v && *v && strcmp(v, "0") != 0;
	trace_g.n = 0;
	trace_g.t0 = trace_now_ns();
	if (trace_g.on)
		trace_add("run begins", trace_g.t0, false);
}

static inline void trace_mark(const char *name)
{
	if (trace_g.on)
		trace_add(name, trace_now_ns(), false);
}

/* Takes the guest's "#trace name=ns name=ns ..." line out of its stderr
 * text. Malformed pairs are skipped; times outside this run are dropped. */
static inline void trace_guest_text(const char *buf, size_t len)
{
	if (!trace_g.on)
		return;
	const char *end = buf + len, *p = buf;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		if (le - p > 7 && memcmp(p, "#trace ", 7) == 0) {
			const char *q = p + 7;
			while (q < le) {
				const char *sp = memchr(q, ' ', (size_t)(le - q));
				const char *we = sp ? sp : le;
				const char *eq = memchr(q, '=', (size_t)(we - q));
				if (eq && eq > q && eq - q < TRACE_NAME_MAX - 8) {
					char name[TRACE_NAME_MAX], num[24];
					size_t nl2 = (size_t)(we - eq - 1);
					if (nl2 > 0 && nl2 < sizeof num) {
						memcpy(num, eq + 1, nl2);
						num[nl2] = '\0';
						char *ep;
						unsigned long long ns = strtoull(num, &ep, 10);
						if (*ep == '\0' && ns >= trace_g.t0 && ns <= trace_now_ns()) {
							snprintf(name, sizeof name, "guest %.*s", (int)(eq - q), q);
							trace_add(name, ns, true);
						}
					}
				}
				q = we + 1;
			}
		}
		p = le + 1;
	}
}

/* Prints every phase in time order to stderr. */
static inline void trace_print(void)
{
	if (!trace_g.on)
		return;
	/* Insertion sort: at most TRACE_MAX_MARKS entries. */
	for (size_t i = 1; i < trace_g.n; i++) {
		struct trace_mark m = trace_g.marks[i];
		size_t j = i;
		while (j > 0 && trace_g.marks[j - 1].ns > m.ns) {
			trace_g.marks[j] = trace_g.marks[j - 1];
			j--;
		}
		trace_g.marks[j] = m;
	}
	uint64_t prev = trace_g.t0;
	fprintf(stderr, "codecell-trace: %-28s %9s %9s\n", "phase (end of)", "at ms", "+ms");
	for (size_t i = 0; i < trace_g.n; i++) {
		const struct trace_mark *m = &trace_g.marks[i];
		fprintf(stderr, "codecell-trace: %-28s %9.3f %9.3f\n", m->name, (double)(m->ns - trace_g.t0) / 1e6,
		        (double)(m->ns - prev) / 1e6);
		prev = m->ns;
	}
}
