/* Unit tests for guest/heapwarm.c: heapwarm_huge puts the heap's next
 * blocks on a transparent huge page where the kernel can make one, and
 * malloc goes on working across the gap it leaves below it; heapwarm (the
 * template's) keeps the heap on small pages.
 * Runs in: test binary (forks a child for each case, whose malloc state
 * it changes). Input: none. */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "heapwarm.h"
#include "sanitized.h"
#include "hugekb.h"
#include "tap.h"

#define HUGE ((uintptr_t)2 << 20)

/* The kernel's answer, unfiltered: does a range marked MADV_HUGEPAGE get a
 * huge page when populated (THP built in and not "never", a free 2 MiB)?
 * 0 when it does, else an errno (ENOMEM: it gave small pages). */
static int huge_baseline(void)
{
	uint8_t *raw = mmap(NULL, 2 * HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		return errno;
	uint8_t *p = (uint8_t *)(((uintptr_t)raw + HUGE - 1) & ~(HUGE - 1));
	int r = 0;
	if (madvise(p, HUGE, MADV_HUGEPAGE) != 0)
		r = errno;
	else {
		p[0] = 1;
		if (huge_kb_at(p) < 2048)
			r = ENOMEM;
	}
	munmap(raw, 2 * HUGE);
	return r;
}

/* Fills, checks and frees blocks of many sizes: malloc's bookkeeping holds
 * across the gap below the huge page. Returns the number of bad blocks. */
static int churn(void)
{
	enum { N = 4000 };
	static uint8_t *b[N];
	int bad = 0;
	for (int i = 0; i < N; i++) {
		size_t n = 16 + (size_t)(i * 37 % 3000);
		b[i] = malloc(n);
		if (!b[i])
			return N;
		memset(b[i], i & 0xff, n);
	}
	for (int i = 0; i < N; i += 2)
		free(b[i]);
	for (int i = 1; i < N; i += 2) {
		size_t n = 16 + (size_t)(i * 37 % 3000);
		for (size_t k = 0; k < n; k++)
			if (b[i][k] != (i & 0xff)) {
				bad++;
				break;
			}
		free(b[i]);
	}
	return bad;
}

/* The child's checks, as an exit code: bit 0 no huge page made, bit 1 the
 * next big block not on one, bit 2 malloc broken, bit 3 an earlier block
 * changed, bit 4 the break not past a huge page boundary, bit 5 the first
 * small blocks after it cut from the heap below it. */
static int child_huge(void)
{
	char *before = malloc(100);
	strcpy(before, "made before");
	int code = 0;
	uintptr_t brk_before = (uintptr_t)sbrk(0);
	int made = heapwarm_huge(HEAPWARM_START_BYTES, NULL);
	if (made < 1)
		code |= 1;
	/* The start's first blocks: on the huge page, not in what was left
	 * of the heap below it (a few small freed chunks may be reused). */
	size_t below = 0;
	for (int i = 0; i < 256; i++) {
		void *p = malloc(200);
		if (p && (uintptr_t)p < brk_before)
			below += 200;
	}
	if (below > 8192)
		code |= 32;
	/* Cut from the top: below the mmap threshold, beyond every free list. */
	char *big = malloc(256 * 1024);
	if (!big || huge_kb_at(big) < 2048)
		code |= 2;
	if (churn() != 0)
		code |= 4;
	if (strcmp(before, "made before") != 0)
		code |= 8;
	if (((uintptr_t)sbrk(0) & ~(HUGE - 1)) <= (uintptr_t)before)
		code |= 16;
	return code;
}

/* heapwarm_huge when malloc's own heap ends on a 2 MiB boundary (one
 * start in ~500: the break is placed at random, page by page). Without
 * top padding, a block sized to the gap makes malloc grow its heap to
 * exactly the boundary; then the same checks as child_huge's first two. */
static int child_aligned(void)
{
	/* Below the threshold the block comes from the heap, not mmap. */
	if (mallopt(M_TOP_PAD, 0) != 1 || mallopt(M_MMAP_THRESHOLD, 32 << 20) != 1)
		return 64;
	void *first = malloc(64);
	uintptr_t cur = (uintptr_t)sbrk(0);
	size_t left = mallinfo2().keepcost;
	size_t gap = ((cur + HUGE - 1) & ~(HUGE - 1)) - cur;
	if (gap < 8192)
		gap += HUGE;
	/* sysmalloc grows by the request's chunk and MINSIZE less the top's
	 * free bytes, rounded up to a page: a page under the gap lands on it. */
	void *fill = malloc(gap + left - 4096);
	if (!first || !fill || (uintptr_t)sbrk(0) % HUGE != 0)
		return 64;
	int code = 0;
	if (heapwarm_huge(HEAPWARM_START_BYTES, NULL) < 1)
		code |= 1;
	char *big = malloc(256 * 1024);
	if (!big || huge_kb_at(big) < 2048)
		code |= 2;
	if (churn() != 0)
		code |= 4;
	return code;
}

/* heapwarm, the template's: the heap grows, malloc works, no huge page. */
static int child_small(void)
{
	heapwarm(HEAPWARM_START_BYTES);
	char *big = malloc(256 * 1024);
	int code = 0;
	if (!big || huge_kb_at(big) != 0)
		code |= 2;
	if (churn() != 0)
		code |= 4;
	return code;
}

static int in_child(int (*fn)(void))
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(fn());
	int st = 0;
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

int main(void)
{
	/* Not a missing wall: the sanitizer build replaces glibc's malloc,
	 * whose heap heapwarm grows (the guest itself is never sanitized). */
	if (CODECELL_SANITIZED) {
		tap_skip("heapwarm", "the sanitizer replaces glibc's malloc, whose heap heapwarm grows");
		return tap_done();
	}
	int base = huge_baseline();
	if (base != 0) {
		tap_skip("heapwarm_huge: the heap's start on a huge page",
		         "this kernel gives no huge page to a range marked MADV_HUGEPAGE: %s", strerror(base));
	} else {
		int code = in_child(child_huge);
		tap_ok(code >= 0 && !(code & 1), "heapwarm_huge made a huge page (child exit %d)", code);
		tap_ok(code >= 0 && !(code & 2), "the next block cut from the top is on it (child exit %d)", code);
		tap_ok(code >= 0 && !(code & 16), "the break moved past a huge page boundary (child exit %d)", code);
		tap_ok(code >= 0 && !(code & 32),
		       "the first small blocks after it are not cut below it (child exit %d)", code);
		tap_ok(code >= 0 && !(code & 4), "malloc works across the gap below it (child exit %d)", code);
		tap_ok(code >= 0 && !(code & 8), "a block made before it is intact (child exit %d)", code);
		code = in_child(child_aligned);
		if (code == 64)
			tap_skip("heapwarm_huge from a break on a 2 MiB boundary",
			         "this malloc could not be made to end its heap on one");
		else
			tap_ok(code == 0,
			       "heapwarm_huge from a break on a 2 MiB boundary: a huge page, malloc works (child "
			       "exit %d)",
			       code);
	}
	int code = in_child(child_small);
	tap_ok(code >= 0 && !(code & 2),
	       "heapwarm (the template's with --no-heapown) leaves the heap on small pages (child exit %d)", code);
	tap_ok(code >= 0 && !(code & 4), "malloc works after heapwarm (child exit %d)", code);
	return tap_done();
}
