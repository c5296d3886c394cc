/* heapwarm: see heapwarm.h. */
#include "heapwarm.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif

/* Setting any of glibc's malloc parameters turns off its dynamic mmap
 * threshold, which raises the threshold to the size of each mmapped block
 * freed so that a program allocating and dropping large arrays reuses heap
 * pages instead of mapping (and faulting in) new ones every time. Set by
 * hand, to the dynamic threshold's own ceiling (32 MiB on 64-bit), and
 * with a trim threshold above it, as that would converge to: a guest lives
 * for one run, and pages given back would only fault in again. */
#define HEAPWARM_MMAP_THRESHOLD (32 << 20)
#define HEAPWARM_TRIM_THRESHOLD (64 << 20)

#define HUGE_BYTES   ((uintptr_t)2 << 20)
#define GROW_MIN_ASK ((size_t)64 << 10)
/* Below the top chunk's size: a request closer to it than malloc's
 * minimum chunk would grow the heap instead of taking the top. */
#define HEAPWARM_HOLD_SLACK 128

/* Grows malloc's heap by about `bytes` and returns the break after, or 0
 * when it did not grow by that much (sbrk failed and malloc used mmap, or
 * a parameter was refused): nothing of ours to populate then. */
static uintptr_t grow(size_t bytes)
{
	/* glibc's main arena grows by sbrk and adds M_TOP_PAD to every growth:
	 * one allocation larger than the current top chunk (keepcost) makes it
	 * grow by the pad; freed at once, it returns to the top, which is then
	 * kept (below the trim threshold). */
	if (mallopt(M_MMAP_THRESHOLD, HEAPWARM_MMAP_THRESHOLD) != 1 ||
	    mallopt(M_TRIM_THRESHOLD, HEAPWARM_TRIM_THRESHOLD) != 1 || mallopt(M_TOP_PAD, (int)bytes) != 1)
		return 0;
	uintptr_t before = (uintptr_t)sbrk(0);
	/* Larger than every size malloc keeps in its per-thread cache and
	 * fast bins, so that the free merges the block back into the top. */
	size_t ask = mallinfo2().keepcost + 64;
	if (ask < GROW_MIN_ASK)
		ask = GROW_MIN_ASK;
	void *p = malloc(ask);
	free(p);
	mallopt(M_TOP_PAD, 128 * 1024); /* glibc's default again */
	uintptr_t top = (uintptr_t)sbrk(0);
	if (!p || before == (uintptr_t)-1 || top == (uintptr_t)-1 || top - before < bytes)
		return 0;
	return top;
}

/* Pre-5.14 kernels answer EINVAL: the pages fault in as before. */
static void populate(uintptr_t start, uintptr_t end)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	start &= ~(page - 1);
	if (end > start)
		(void)madvise((void *)start, end - start, MADV_POPULATE_WRITE);
}

void heapwarm(size_t bytes)
{
	uintptr_t top = grow(bytes);
	if (top)
		populate(top - bytes, top);
}

int heapwarm_huge(size_t bytes, uintptr_t *first_out)
{
	uintptr_t cur = (uintptr_t)sbrk(0);
	if (cur == (uintptr_t)-1)
		return 0;
	/* What is left of the top chunk below the break (~50 KiB after the
	 * C++ runtime's start) would be freed into malloc's bins by the move
	 * below, and the start's first blocks cut from it, on small pages: it
	 * is taken now and kept, untouched but for its header, on a page in
	 * use already. A block from anywhere else goes back at once. */
	size_t left = mallinfo2().keepcost;
	if (left > HEAPWARM_HOLD_SLACK) {
		void *hold = malloc(left - HEAPWARM_HOLD_SLACK);
		if (hold && (uintptr_t)hold >= cur)
			free(hold);
	}
	/* The heap goes on at the next huge page boundary: the break is moved
	 * there by hand, and glibc's malloc takes a break that someone else
	 * moved as a gap it never uses (its "foreign sbrk" case), so the
	 * start's blocks begin on the huge page instead of on up to 2 MiB of
	 * small pages below it. The gap is address space, never touched. A
	 * break already on a boundary (one start in ~500) moves to the next
	 * one all the same: left where it is, malloc would go on cutting from
	 * its top chunk, which starts below it. */
	uintptr_t lo = (cur + HUGE_BYTES) & ~(HUGE_BYTES - 1);
	if (sbrk((intptr_t)(lo - cur)) == (void *)-1) {
		heapwarm(bytes);
		return 0;
	}
	size_t whole = (bytes + HUGE_BYTES - 1) & ~(HUGE_BYTES - 1);
	uintptr_t top = grow(whole + HUGE_BYTES);
	if (!top)
		return 0;
	/* Growing, malloc wrote its top chunk's header at lo, so lo's 2 MiB
	 * block is mapped small from now on; the blocks after it are still
	 * untouched. Marked for huge pages before any touch, they are
	 * populated as huge pages (a fault each, cheaper per run than
	 * collapsing lo's block: docs/PERFORMANCE.md round 11), and lo's
	 * block is taken out of malloc's way, address space with one page
	 * used, so that its next blocks are cut from them. glibc rounds a
	 * request up by its size word to 16 bytes: this one to a chunk of
	 * exactly 2 MiB, cut from the top, which starts at lo. A kernel that
	 * refuses huge pages (none built in, or "never"), or a malloc that
	 * cuts the block elsewhere, gets small pages populated where the
	 * start's blocks go, from lo, as heapwarm does. */
	uintptr_t first = lo + HUGE_BYTES, hi = top & ~(HUGE_BYTES - 1);
	if (hi > first && madvise((void *)first, hi - first, MADV_HUGEPAGE) == 0) {
		populate(first, top);
		void *skip = malloc(HUGE_BYTES - sizeof(size_t));
		if ((uintptr_t)skip == lo + 2 * sizeof(size_t)) {
			if (first_out)
				*first_out = first;
			return (int)((hi - first) / HUGE_BYTES);
		}
		free(skip);
	}
	populate(lo, lo + bytes);
	return 0;
}

/* glibc's per-thread cache serves requests of up to 1032 bytes in classes
 * 16 bytes apart; a freed chunk of another size waits in the bins. */
#define DRAIN_SMALLEST 24
#define DRAIN_LARGEST  1032
#define DRAIN_STEP     16

void heapwarm_drain(void)
{
	for (size_t size = DRAIN_SMALLEST; size <= DRAIN_LARGEST; size += DRAIN_STEP) {
		/* The top chunk starts keepcost below the break; a block cut
		 * from it means no freed chunk of this size is left. It goes
		 * back (to the cache, where the child takes it first, on the
		 * top's first page, which it writes anyway), and may move the
		 * top: read once per size, after the last size's free. */
		char *top = (char *)sbrk(0) - mallinfo2().keepcost;
		for (int k = 0; k < HEAPWARM_DRAIN_PER_SIZE; k++) {
			void *p = malloc(size);
			if (!p)
				return;
			if ((char *)p >= top) {
				free(p);
				break;
			}
		}
	}
}
