/* preludebench: CPU time of one guest heap's start (duk_create_heap, the
 * __cc object with the RegExp natives and guest/rtnative.c when the tree has
 * them, prelude_load), median of 60 in-process runs. Built and run by
 * bench/prelude-cpu.sh. PRELUDEBENCH_NO_RTNATIVE=1 leaves rtnative out (the
 * runtime's ES fallbacks run), to see what the natives save. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "duktape.h"
#include "prelude.h"
#if __has_include("rtnative.h")
#include "rtnative.h"
#define HAVE_RTNATIVE 1
#endif
#if __has_include("native.h")
#include "native.h"
#define HAVE_REGEXP_NATIVES 1
#endif

#define RUNS 60

static double cpu_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(void)
{
	double v[RUNS], h[RUNS];
	for (int i = 0; i < RUNS; i++) {
		double t0 = cpu_ms();
		duk_context *ctx = duk_create_heap_default();
		h[i] = cpu_ms() - t0;
		duk_push_global_object(ctx);
		duk_push_object(ctx);
#ifdef HAVE_REGEXP_NATIVES
		regexp_native_install(ctx);
#endif
#ifdef HAVE_RTNATIVE
		if (!getenv("PRELUDEBENCH_NO_RTNATIVE"))
			rtnative_install(ctx, -1);
#endif
		duk_put_prop_string(ctx, -2, "__cc");
		duk_pop(ctx);
		if (prelude_load(ctx) < 0) {
			fprintf(stderr, "preludebench: prelude failed\n");
			return 1;
		}
		v[i] = cpu_ms() - t0;
		duk_destroy_heap(ctx);
	}
	qsort(v, RUNS, sizeof v[0], cmp);
	qsort(h, RUNS, sizeof h[0], cmp);
	printf("prelude CPU per heap: median %.3f ms, p10 %.3f, p90 %.3f (of which duk_create_heap: median %.3f ms)\n",
	       v[RUNS / 2], v[RUNS / 10], v[RUNS - RUNS / 10], h[RUNS / 2]);
	return 0;
}
