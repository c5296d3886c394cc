/* heapown: see heapown.h. */
#include "heapown.h"

#include <malloc.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define HUGE_BYTES HEAPOWN_BLOCK_BYTES

/* A fresh 2 MiB aligned block marked for a huge page, or NULL; *map and
 * *map_len are what to unmap around it. */
static char *fresh_huge(void **map, size_t *map_len)
{
	size_t len = 2 * HUGE_BYTES;
	char *raw = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		return NULL;
	char *p = (char *)(((uintptr_t)raw + HUGE_BYTES - 1) & ~(HUGE_BYTES - 1));
	*map = raw;
	*map_len = len;
	if (madvise(p, HUGE_BYTES, MADV_HUGEPAGE) != 0) {
		munmap(raw, len);
		return NULL;
	}
	return p;
}

/* A glibc chunk: the previous chunk's size (when free), then its own size
 * with three flag bits below; the caller's bytes follow. */
#define CHUNK_HEADER_BYTES (2 * sizeof(size_t))
#define CHUNK_SIZE_FLAGS   ((size_t)7)

uintptr_t heapown_used(uintptr_t known_top)
{
	uintptr_t brk = (uintptr_t)sbrk(0);
	if (known_top && known_top + CHUNK_HEADER_BYTES <= brk) {
		/* The top chunk's size word: what is left up to the break,
		 * and PREV_INUSE set (a free chunk below it would have merged). */
		size_t word = ((const size_t *)known_top)[1];
		if ((word & ~CHUNK_SIZE_FLAGS) == brk - known_top && (word & 1))
			return known_top + CHUNK_HEADER_BYTES;
	}
	return brk - mallinfo2().keepcost + CHUNK_HEADER_BYTES;
}

int heapown_release(const struct heapown *h)
{
	int n = 0;
	for (uintptr_t b = h->lo; b + HUGE_BYTES <= h->hi; b += HUGE_BYTES)
		if (b >= h->used && madvise((void *)b, HUGE_BYTES, MADV_DONTNEED) == 0)
			n++;
	return n;
}

int heapown_take(const struct heapown *h)
{
	int n = 0;
	for (uintptr_t b = h->lo; b + HUGE_BYTES <= h->hi; b += HUGE_BYTES) {
		if (b >= h->used) {
			/* Nothing of the template's here: a fresh block, mapped
			 * (and zeroed) only if the run's heap grows into it. */
			void *f = mmap((void *)b, HUGE_BYTES, PROT_READ | PROT_WRITE,
			               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
			if (f == MAP_FAILED)
				break;
			(void)madvise(f, HUGE_BYTES, MADV_HUGEPAGE);
			n++;
			continue;
		}
		void *raw;
		size_t raw_len;
		char *p = fresh_huge(&raw, &raw_len);
		if (!p)
			break;
		size_t copy = h->used - b < HUGE_BYTES ? h->used - b : HUGE_BYTES;
		memcpy(p, (const void *)b, copy);
		if (mremap(p, HUGE_BYTES, HUGE_BYTES, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)b) == MAP_FAILED) {
			/* mremap unmaps the target before it moves: a failure
			 * after that would leave a hole in the heap. The copy is
			 * still at p; it goes back into a fresh mapping there. */
			void *f = mmap((void *)b, HUGE_BYTES, PROT_READ | PROT_WRITE,
			               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
			if (f != MAP_FAILED)
				memcpy(f, p, copy);
			munmap(raw, raw_len);
			break;
		}
		/* What is left of the alignment slop on either side. */
		if ((char *)raw < p)
			munmap(raw, (size_t)(p - (char *)raw));
		char *end = (char *)raw + raw_len, *pend = p + HUGE_BYTES;
		if (end > pend)
			munmap(pend, (size_t)(end - pend));
		n++;
	}
	return n;
}
