/* hugetext: see hugetext.h. */
#include "hugetext.h"

#include <errno.h>
#include <link.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25 /* Linux 6.1 */
#endif

#define HUGE_BYTES ((uintptr_t)2 << 20)
/* A segment smaller than this is left alone: a huge page for it would be
 * mostly padding (the ELF headers' segment, for one). */
#define HUGETEXT_MIN_SEGMENT  ((uintptr_t)1 << 20)
#define HUGETEXT_MAX_SEGMENTS 8

struct segment {
	uintptr_t start, end; /* bytes of the segment */
	uintptr_t limit;      /* where the next segment begins, 0: none */
	int prot;
};

struct image {
	struct segment seg[HUGETEXT_MAX_SEGMENTS];
	int n;
};

/* The read-only segments (code, constant data) of the guest itself: the
 * first object dl_iterate_phdr reports, and the only one, the guest being
 * static. Each segment's limit is the start of the next one. */
static int find_segments(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	struct image *im = data;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_LOAD)
			continue;
		uintptr_t lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;
		for (int k = 0; k < im->n; k++)
			if (lo >= im->seg[k].end && (!im->seg[k].limit || lo < im->seg[k].limit))
				im->seg[k].limit = lo;
		if ((ph->p_flags & PF_W) || ph->p_memsz < HUGETEXT_MIN_SEGMENT || im->n == HUGETEXT_MAX_SEGMENTS)
			continue;
		im->seg[im->n++] = (struct segment){
		        .start = lo, .end = hi, .prot = PROT_READ | ((ph->p_flags & PF_X) ? PROT_EXEC : 0)};
	}
	return 1; /* the executable only */
}

/* Reserves [from, to), which must be free, until the move covers it. */
static bool reserve_free(uintptr_t from, uintptr_t to)
{
	void *r = mmap((void *)from, to - from, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (r == (void *)from)
		return true;
	if (r != MAP_FAILED) /* a kernel before 4.17 took the address as a hint */
		munmap(r, to - from);
	return false;
}

/* MADV_COLLAPSE answers EAGAIN when a page it needs is busy for a moment
 * (locked, under writeback, being migrated): that is asked again a few
 * times; anything else (no THP, no free 2 MiB) is its answer. */
static int collapse(uintptr_t p, size_t len)
{
	for (int tries = 0;; tries++) {
		if (madvise((void *)p, len, MADV_COLLAPSE) == 0)
			return 0;
		if (errno != EAGAIN || tries == 3)
			return -1;
	}
}

/* Moves one segment's whole 2 MiB blocks onto huge pages; returns the
 * bytes moved. */
static size_t remap_segment(const struct segment *s)
{
	/* Whole blocks only: the first block boundary in the segment, to the
	 * last one, or past the segment's end when nothing is mapped between
	 * it and the next boundary (the linker pads the guest's segments to
	 * 2 MiB, guest/meson.build), so no byte of another segment changes
	 * its protection. */
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t a = (s->start + HUGE_BYTES - 1) & ~(HUGE_BYTES - 1);
	uintptr_t b = (s->end + HUGE_BYTES - 1) & ~(HUGE_BYTES - 1);
	uintptr_t mapped_end = (s->end + page - 1) & ~(page - 1);
	uintptr_t tail = 0; /* the reserved tail's start, 0: none */
	if (b > mapped_end) {
		if ((!s->limit || b <= s->limit) && reserve_free(mapped_end, b))
			tail = mapped_end;
		else
			b = s->end & ~(HUGE_BYTES - 1);
	}
	if (b <= a)
		return 0;
	size_t len = b - a;

	/* An aligned anonymous range, huge-page backed, holding a copy. */
	uint8_t *raw = mmap(NULL, len + HUGE_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		goto keep;
	uintptr_t p = ((uintptr_t)raw + HUGE_BYTES - 1) & ~(HUGE_BYTES - 1);
	if (p > (uintptr_t)raw)
		munmap(raw, p - (uintptr_t)raw);
	munmap((void *)(p + len), (uintptr_t)raw + len + HUGE_BYTES - (p + len));
	(void)madvise((void *)p, len, MADV_HUGEPAGE);
	memcpy((void *)p, (const void *)a, (s->end < b ? s->end : b) - a);
	/* The copy's faults may have given huge pages already; collapse makes
	 * sure, or says it cannot (old kernel, THP off, no free 2 MiB): then
	 * the segment stays as it is. One mremap then replaces the file
	 * mapping (and the reserved tail) with the copy: code running this
	 * returns into identical bytes at the same addresses. */
	if (collapse(p, len) != 0 || mprotect((void *)p, len, s->prot) != 0 ||
	    mremap((void *)p, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)a) == MAP_FAILED) {
		munmap((void *)p, len);
		goto keep;
	}
	return len;
keep:
	if (tail)
		munmap((void *)tail, b - tail);
	return 0;
}

unsigned long hugetext_remap(void)
{
	struct image im = {.n = 0};
	dl_iterate_phdr(find_segments, &im);
	unsigned long moved = 0;
	for (int k = 0; k < im.n; k++)
		moved += remap_segment(&im.seg[k]);
	return moved;
}
