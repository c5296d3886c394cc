/* preludebench: CPU time of one guest heap's start (duk_create_heap, the
 * __cc object with the RegExp natives and guest/rtnative.c when the tree has
 * them, prelude_load), median of 60 in-process runs. Built and run by
 * bench/prelude-cpu.sh. PRELUDEBENCH_NO_RTNATIVE=1 leaves rtnative out (the
 * runtime's ES fallbacks run), to see what the natives save.
 * PRELUDEBENCH_UNITS=1 also prints each unit's median (what deferring it
 * to first use would save a program that never uses it).
 * PRELUDEBENCH_COLD=1 times only the first heap of this fresh process (a
 * guest's start: nothing faulted in or cached yet; prelude-cpu.sh runs it
 * several times), PRELUDEBENCH_HEAPWARM=1 with the guest's heapwarm first
 * (guest/heapwarm.h) when the tree has it. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "benchclock.h"

#include "duktape.h"
#include "prelude.h"
#if __has_include("rtnative.h")
#include "rtnative.h"
#define HAVE_RTNATIVE 1
#endif
#if __has_include("lazyunit.h")
#include "lazyunit.h"
#define HAVE_LAZYUNITS 1
#endif
#if __has_include("heapwarm.h")
#include "heapwarm.h"
#define HAVE_HEAPWARM 1
#endif
#if __has_include("native.h")
#include "native.h"
#define HAVE_REGEXP_NATIVES 1
#endif

#define RUNS 60

static double unit_ms[64][RUNS];
static int per_unit;

/* prelude_load's loop, each unit timed when asked. */
static int load_units(duk_context *ctx, int run)
{
	if (!per_unit)
		return prelude_load(ctx, false);
	for (size_t u = 0; u < prelude_unit_count && u < 64; u++) {
		double t0 = bench_cpu_ms();
		/* prelude_push_unit's steps, spelled out: this file is also built
		 * against older trees (prelude-cpu.sh SRC_DIR), which lack it. */
		duk_push_external_buffer(ctx);
		duk_config_buffer(ctx, -1, (void *)prelude_units[u].bytecode, prelude_units[u].len);
		duk_load_function(ctx);
		if (duk_pcall(ctx, 0) != DUK_EXEC_SUCCESS)
			return -1;
		duk_pop(ctx);
		unit_ms[u][run] = bench_cpu_ms() - t0;
	}
	return 0;
}

int main(void)
{
	per_unit = getenv("PRELUDEBENCH_UNITS") != NULL;
	int runs = getenv("PRELUDEBENCH_COLD") ? 1 : RUNS;
#ifdef HAVE_HEAPWARM
	if (getenv("PRELUDEBENCH_HEAPWARM"))
		heapwarm(HEAPWARM_START_BYTES);
#endif
	double v[RUNS], h[RUNS];
	for (int i = 0; i < runs; i++) {
		double t0 = bench_cpu_ms();
		duk_context *ctx = duk_create_heap_default();
		h[i] = bench_cpu_ms() - t0;
		duk_push_global_object(ctx);
		duk_push_object(ctx);
#ifdef HAVE_REGEXP_NATIVES
		regexp_native_install(ctx);
#endif
#ifdef HAVE_RTNATIVE
		if (!getenv("PRELUDEBENCH_NO_RTNATIVE"))
			rtnative_install(ctx, -1);
#endif
#ifdef HAVE_LAZYUNITS
		lazyunit_install(ctx, -1);
#endif
		duk_put_prop_string(ctx, -2, "__cc");
		duk_pop(ctx);
		if (load_units(ctx, i) < 0) {
			fprintf(stderr, "preludebench: prelude failed\n");
			return 1;
		}
		v[i] = bench_cpu_ms() - t0;
		duk_destroy_heap(ctx);
	}
	if (runs == 1) {
		printf("first heap of a fresh process: %.3f ms (duk_create_heap %.3f ms)\n", v[0], h[0]);
		return 0;
	}
	qsort(v, RUNS, sizeof v[0], bench_cmp_double);
	qsort(h, RUNS, sizeof h[0], bench_cmp_double);
	printf("prelude CPU per heap: median %.3f ms, p10 %.3f, p90 %.3f (of which duk_create_heap: median %.3f ms)\n",
	       v[RUNS / 2], v[RUNS / 10], v[RUNS - RUNS / 10], h[RUNS / 2]);
	for (size_t u = 0; per_unit && u < prelude_unit_count && u < 64; u++) {
		qsort(unit_ms[u], RUNS, sizeof unit_ms[u][0], bench_cmp_double);
		printf("  %-28s %6zu bytes  %.3f ms\n", prelude_units[u].name, prelude_units[u].len,
		       unit_ms[u][RUNS / 2]);
	}
	return 0;
}
