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
 *   cow pop   such pages copied by the child in one MADV_POPULATE_WRITE,
 *             then written: what a run child pays for each page it
 *             writes since guest/pretouch.h's pretouch_populate;
 *   collapse  such pages (small in the parent, 2 MiB aligned) collapsed
 *             by the child into huge pages of its own (MADV_COLLAPSE,
 *             Linux 6.1), then read: the copy of every page of a block,
 *             against the read traps it saves;
 *   thp read  the same read when the parent's pages are transparent huge
 *             pages (MADV_COLLAPSE, Linux 6.1): fork copies each 2 MiB as
 *             one entry, which a shadowing hypervisor maps in one trap
 *             (what a template's run child pays for its code and constant
 *             data: guest/hugetext.h). "n/a" where no huge page can be had;
 *   thp own   the child copies such 2 MiB blocks onto huge pages of its
 *             own (guest/heapown.c's heapown_take, compiled in here: a
 *             fresh huge page, the copy, mremap over the block), then
 *             writes every page: what a template's run child pays per page
 *             of the template's heap since heapown, whatever it touches.
 * guest/heapwarm.h populates the guest's first heap pages: it pays off by
 * fault - (populate + touch), which this prints as a ratio.
 *   cc -O2 -o /tmp/pagefault bench/pagefault.c && /tmp/pagefault */
#define _GNU_SOURCE /* as the build defines it: mremap, in heapown.c */
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

/* The product's code, not a copy of it (the header is found beside it). */
#include "../guest/heapown.c"

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

enum child_way { CHILD_READ, CHILD_WRITE, CHILD_POPULATE_WRITE, CHILD_COLLAPSE_READ, CHILD_OWN_WRITE };

/* µs per page for a child to go over the parent's pages its way, -1 when
 * the kernel refused the way's call. */
static double child_walk(char *p, enum child_way way)
{
	double t0 = bench_now_us();
	if (way == CHILD_POPULATE_WRITE && madvise(p, BYTES, MADV_POPULATE_WRITE) != 0)
		return -1;
	if (way == CHILD_COLLAPSE_READ && madvise(p, BYTES, MADV_COLLAPSE) != 0)
		return -1;
	if (way == CHILD_OWN_WRITE) {
		struct heapown h = {.lo = (uintptr_t)p, .hi = (uintptr_t)p + BYTES, .used = (uintptr_t)p + BYTES};
		if (heapown_take(&h) != (int)(BYTES / HEAPOWN_BLOCK_BYTES))
			return -1;
	}
	double call = (bench_now_us() - t0) / PAGES;
	return call + walk(p, way != CHILD_READ && way != CHILD_COLLAPSE_READ);
}

/* µs per page for a forked child to go over the parent's pages its way,
 * measured in the child and sent back through a pipe. */
static double in_child(char *p, enum child_way way)
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
		double us = child_walk(p, way);
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

/* BYTES, 2 MiB aligned and filled, on huge pages (or, with small set, on
 * small pages only), or NULL; *raw is the mapping to unmap (alignment
 * slack included). */
static char *aligned(char **raw_out, bool small)
{
	size_t h = 2u << 20;
	char *raw = mmap(NULL, BYTES + h, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		return NULL;
	char *p = (char *)(((uintptr_t)raw + h - 1) & ~(uintptr_t)(h - 1));
	madvise(p, BYTES, small ? MADV_NOHUGEPAGE : MADV_HUGEPAGE);
	memset(p, 1, BYTES);
	if (small) {
		/* NOHUGEPAGE kept the pages small while they were filled;
		 * MADV_COLLAPSE refuses a range so marked, and HUGEPAGE is
		 * the advice that clears the mark (khugepaged, which could
		 * now collapse them in the parent, scans every 10 s). */
		madvise(p, BYTES, MADV_HUGEPAGE);
	} else if (madvise(p, BYTES, MADV_COLLAPSE) != 0) {
		munmap(raw, BYTES + h);
		return NULL;
	}
	*raw_out = raw;
	return p;
}

int main(void)
{
	double fault[ROUNDS], populate[ROUNDS], touch[ROUNDS], cow[ROUNDS], rd[ROUNDS], thp[ROUNDS];
	double cowpop[ROUNDS], collapse[ROUNDS], own[ROUNDS];
	bool have_thp = true;
	for (int r = 0; r < ROUNDS; r++) {
		char *p = fresh();
		fault[r] = walk(p, 1);
		cow[r] = in_child(p, CHILD_WRITE);
		rd[r] = in_child(p, CHILD_READ);
		cowpop[r] = in_child(p, CHILD_POPULATE_WRITE);
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

		thp[r] = collapse[r] = own[r] = -1;
		char *raw;
		if (have_thp && (p = aligned(&raw, false)) != NULL) {
			thp[r] = in_child(p, CHILD_READ);
			own[r] = in_child(p, CHILD_OWN_WRITE);
			munmap(raw, BYTES + (2u << 20));
			if ((p = aligned(&raw, true)) != NULL) {
				collapse[r] = in_child(p, CHILD_COLLAPSE_READ);
				munmap(raw, BYTES + (2u << 20));
			}
		} else {
			have_thp = false;
		}
	}
	double *all[] = {fault, populate, touch, cow, rd, thp, cowpop, collapse, own};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		qsort(all[i], ROUNDS, sizeof(double), bench_cmp_double);
	int m = ROUNDS / 2;
	printf("per 4 KiB page, median of %d rounds of %u MiB: fault %.2f us; populate %.2f us +touch %.2f us "
	       "(%.1fx cheaper than faulting); after fork: cow write %.2f us, read %.2f us, ",
	       ROUNDS, BYTES >> 20, fault[m], populate[m], touch[m], fault[m] / (populate[m] + touch[m]), cow[m],
	       rd[m]);
	if (cowpop[m] >= 0)
		printf("cow pop (populate + write) %.2f us, ", cowpop[m]);
	else
		printf("cow pop n/a (no MADV_POPULATE_WRITE), ");
	if (have_thp && collapse[m] >= 0)
		printf("thp read %.3f us, collapse (+ read) %.2f us, thp own (+ write) %.2f us\n", thp[m], collapse[m],
		       own[m]);
	else
		printf("thp read and collapse n/a (no transparent huge page here)\n");
	return 0;
}
