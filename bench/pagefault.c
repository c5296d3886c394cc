/* pagefault: what this machine charges for a page, per 4 KiB page, the
 * median of 9 rounds over 16 MiB:
 *   fault     a fresh anonymous page touched (one page fault each);
 *   populate  the same pages populated in one call (MADV_POPULATE_WRITE,
 *             Linux 5.14), the call alone;
 *   +touch    the first touch of each page after that populate: free on
 *             bare metal, but a hypervisor that shadows the guest's page
 *             tables traps once per page on first access whatever the
 *             guest kernel did, so populate saves only the guest's half;
 *   cow       a write to a page inherited from the parent by fork (what a
 *             template's run child pays for each page it writes);
 *   read      a read of such a page (free unless the hypervisor traps);
 *   thp read  the same read when the parent's pages are transparent huge
 *             pages (MADV_COLLAPSE, Linux 6.1): fork copies each 2 MiB as
 *             one entry, which a shadowing hypervisor maps in one trap
 *             (what a template's run child pays for its code and constant
 *             data: guest/hugetext.h). "n/a" where no huge page can be had.
 * guest/heapwarm.h populates the guest's first heap pages: it pays off by
 * fault - (populate + touch), which this prints as a ratio.
 *   cc -O2 -o /tmp/pagefault bench/pagefault.c && /tmp/pagefault */
#include "benchclock.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif

#define BYTES  (16u << 20)
#define PAGE   4096u
#define PAGES  (BYTES / PAGE)
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

/* µs per page to write (or read) every page of p once. */
static double walk(char *p, int writes)
{
	volatile char sink = 0;
	double t0 = bench_now_us();
	for (size_t i = 0; i < BYTES; i += PAGE) {
		if (writes)
			p[i] = 1;
		else
			sink += p[i];
	}
	(void)sink;
	return (bench_now_us() - t0) / PAGES;
}

/* µs per page for a forked child to write (or read) the parent's pages,
 * measured in the child and sent back through a pipe. */
static double in_child(char *p, int writes)
{
	int fds[2];
	if (pipe(fds) < 0) {
		perror("pipe");
		exit(1);
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(1);
	}
	if (pid == 0) {
		double us = walk(p, writes);
		_exit(write(fds[1], &us, sizeof us) == sizeof us ? 0 : 1);
	}
	double us = -1;
	if (read(fds[0], &us, sizeof us) != sizeof us)
		us = -1;
	waitpid(pid, NULL, 0);
	close(fds[0]);
	close(fds[1]);
	return us;
}

/* BYTES of huge pages, 2 MiB aligned and filled, or NULL; *raw is the
 * mapping to unmap (alignment slack included). */
static char *huge(char **raw_out)
{
	size_t h = 2u << 20;
	char *raw = mmap(NULL, BYTES + h, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		return NULL;
	char *p = (char *)(((uintptr_t)raw + h - 1) & ~(uintptr_t)(h - 1));
	madvise(p, BYTES, MADV_HUGEPAGE);
	memset(p, 1, BYTES);
	if (madvise(p, BYTES, MADV_COLLAPSE) != 0) {
		munmap(raw, BYTES + h);
		return NULL;
	}
	*raw_out = raw;
	return p;
}

int main(void)
{
	double fault[ROUNDS], populate[ROUNDS], touch[ROUNDS], cow[ROUNDS], rd[ROUNDS], thp[ROUNDS];
	bool have_thp = true;
	for (int r = 0; r < ROUNDS; r++) {
		char *p = fresh();
		fault[r] = walk(p, 1);
		cow[r] = in_child(p, 1);
		rd[r] = in_child(p, 0);
		munmap(p, BYTES);

		p = fresh();
		double t0 = bench_now_us();
		if (madvise(p, BYTES, MADV_POPULATE_WRITE) != 0) {
			perror("madvise(MADV_POPULATE_WRITE)");
			return 1;
		}
		populate[r] = (bench_now_us() - t0) / PAGES;
		touch[r] = walk(p, 1);
		munmap(p, BYTES);

		thp[r] = -1;
		char *raw;
		if (have_thp && (p = huge(&raw)) != NULL) {
			thp[r] = in_child(p, 0);
			munmap(raw, BYTES + (2u << 20));
		} else {
			have_thp = false;
		}
	}
	double *all[] = {fault, populate, touch, cow, rd, thp};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		qsort(all[i], ROUNDS, sizeof(double), bench_cmp_double);
	int m = ROUNDS / 2;
	printf("per 4 KiB page, median of %d rounds of %u MiB: fault %.2f us; populate %.2f us +touch %.2f us "
	       "(%.1fx cheaper than faulting); after fork: cow write %.2f us, read %.2f us, ",
	       ROUNDS, BYTES >> 20, fault[m], populate[m], touch[m], fault[m] / (populate[m] + touch[m]), cow[m],
	       rd[m]);
	if (have_thp)
		printf("thp read %.3f us\n", thp[m]);
	else
		printf("thp read n/a (no transparent huge page here)\n");
	return 0;
}
