/* lowerbench: times the guest's lowering compiler (jsc_compile) on one
 * source file, in-process, and prints the median and p90 in microseconds.
 * Issue 3's target: lowering a 10 KB program in under 1 ms.
 * Runs in: the benchmark, on the build machine. Input: a trusted file from
 * bench/. Built by bench/run.sh against the build's libjsc.a, so it times
 * exactly the objects the guest links.
 * usage: lowerbench FILE [ITERATIONS] -> "median_us p90_us cpu_median_us bytes_in bytes_out" */
#include "benchclock.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jsc.h"

/* The input is one of our own bench programs; 4 MiB is far above it. */
#define LOWERBENCH_MAX_SOURCE (4u << 20)
/* Enough iterations for a stable median on a noisy VM, few enough to stay
 * well under a second for a 10 KB input. */
#define LOWERBENCH_DEFAULT_ITERS 300
#define LOWERBENCH_MAX_ITERS     100000

static double now_us(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: lowerbench FILE [ITERATIONS]\n");
		return 2;
	}
	long iters = argc == 3 ? strtol(argv[2], NULL, 10) : LOWERBENCH_DEFAULT_ITERS;
	if (iters < 1 || iters > LOWERBENCH_MAX_ITERS) {
		fprintf(stderr, "lowerbench: ITERATIONS must be 1..%d\n", LOWERBENCH_MAX_ITERS);
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		fprintf(stderr, "lowerbench: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	char *src = malloc(LOWERBENCH_MAX_SOURCE);
	size_t len = src ? fread(src, 1, LOWERBENCH_MAX_SOURCE, f) : 0;
	fclose(f);
	if (!src || len == 0 || len == LOWERBENCH_MAX_SOURCE) {
		fprintf(stderr, "lowerbench: %s: empty, unreadable or too large\n", argv[1]);
		return 1;
	}
	double *wall = calloc((size_t)iters, sizeof(*wall));
	double *cpu = calloc((size_t)iters, sizeof(*cpu));
	if (!wall || !cpu)
		return 1;
	struct jsc_options jo = {.filename = argv[1], .shape = JSC_SHAPE_AUTO};
	size_t out_len = 0;
	/* A few untimed rounds first: page faults of the first arena growth
	 * are a per-process cost the guest pays once, not per KB. */
	for (long i = -5; i < iters; i++) {
		struct jsc_output out;
		double w0 = now_us(CLOCK_MONOTONIC), c0 = now_us(CLOCK_PROCESS_CPUTIME_ID);
		int r = jsc_compile(src, len, &jo, &out);
		double w1 = now_us(CLOCK_MONOTONIC), c1 = now_us(CLOCK_PROCESS_CPUTIME_ID);
		if (r < 0) {
			fprintf(stderr, "lowerbench: %s: %s\n", argv[1], out.error ? out.error : "compile failed");
			jsc_output_free(&out);
			return 1;
		}
		out_len = out.code_len;
		jsc_output_free(&out);
		if (i >= 0) {
			wall[i] = w1 - w0;
			cpu[i] = c1 - c0;
		}
	}
	qsort(wall, (size_t)iters, sizeof(*wall), bench_cmp_double);
	qsort(cpu, (size_t)iters, sizeof(*cpu), bench_cmp_double);
	printf("%.1f %.1f %.1f %zu %zu\n", wall[iters / 2], wall[(iters * 9) / 10], cpu[iters / 2], len, out_len);
	free(src);
	free(wall);
	free(cpu);
	return 0;
}
