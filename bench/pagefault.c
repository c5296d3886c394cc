/* pagefault: what this machine charges for a fresh anonymous page, touched
 * one page at a time (a page fault each) and populated in one system call
 * (MADV_POPULATE_WRITE, Linux 5.14), per 4 KiB page; the median of 9 rounds
 * over 16 MiB. guest/heapwarm.h populates the guest's first heap pages on
 * the strength of the difference (on some virtual machines a fault's trap
 * costs 20x the page itself).
 *   cc -O2 -o /tmp/pagefault bench/pagefault.c && /tmp/pagefault */
#include "benchclock.h"
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

#define BYTES  (16u << 20)
#define PAGE   4096u
#define ROUNDS 9

static char *fresh(void)
{
	char *p = mmap(NULL, BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	return p;
}

int main(void)
{
	double touch[ROUNDS], populate[ROUNDS];
	for (int r = 0; r < ROUNDS; r++) {
		char *p = fresh();
		double t0 = bench_now_us();
		for (size_t i = 0; i < BYTES; i += PAGE)
			p[i] = 1;
		touch[r] = (bench_now_us() - t0) / (BYTES / PAGE);
		munmap(p, BYTES);

		p = fresh();
		t0 = bench_now_us();
		if (madvise(p, BYTES, MADV_POPULATE_WRITE) != 0) {
			perror("madvise(MADV_POPULATE_WRITE)");
			return 1;
		}
		populate[r] = (bench_now_us() - t0) / (BYTES / PAGE);
		munmap(p, BYTES);
	}
	qsort(touch, ROUNDS, sizeof touch[0], bench_cmp_double);
	qsort(populate, ROUNDS, sizeof populate[0], bench_cmp_double);
	printf("per 4 KiB page, median of %d rounds of %u MiB: fault %.2f us, populate %.2f us (%.1fx)\n", ROUNDS,
	       BYTES >> 20, touch[ROUNDS / 2], populate[ROUNDS / 2], touch[ROUNDS / 2] / populate[ROUNDS / 2]);
	return 0;
}
