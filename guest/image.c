/* image: see image.h. */
#include "image.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <link.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fdio.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define IMAGE_MAGIC   "CCIMAGE1"
#define IMAGE_HDR     4096u /* the arena's bytes start here in the file */
#define BUILD_ID_MAX  64
#define HUGE_PAGE     (2u << 20)
#define ARENA_ALIGN   16u
#define ARENA_CLASSES 256u /* exact free lists for blocks up to 4 KiB */

struct image_header {
	char magic[8];
	uint32_t build_id_len;
	uint8_t build_id[BUILD_ID_MAX];
	uint64_t base, len;  /* the arena's address and its used bytes */
	uint64_t ctx;        /* the heap's duk_context * */
	uint64_t used, peak; /* heapcap's counts when written */
	/* Where this file's code and static data were in the writer: a
	 * position-independent guest loads elsewhere each run, and its build
	 * ID alone would not tell. */
	uint64_t code_at, data_at;
};

/* The binary's writable static data, from the linker and crt1. */
extern char __data_start[], _end[];

/* ---- the writer's arena ---------------------------------------------- */

/* Each block has a 16-byte header holding the size asked for (heapcap
 * asks a source for a block's size, heapcap.h; 16 keeps the payload as
 * aligned as malloc's); a restored guest reads it for the image's blocks
 * (image_blocks below). Free blocks keep the next free block in their
 * first word and, in the large list, their rounded size in the second.
 * Nothing here needs to be fast: it runs once, at build time; it only
 * needs to reuse what the prelude frees, so that the image holds little
 * more than the live heap. */
#define ARENA_HDR 16u

struct arena {
	char *top, *end;
	void *small[ARENA_CLASSES + 1];
	void *large;
};

static size_t rounded(size_t n)
{
	return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

static size_t arena_size(void *c, const void *p)
{
	(void)c;
	return *(const size_t *)((const char *)p - ARENA_HDR);
}

static void *arena_block(struct arena *a, size_t n)
{
	size_t k = n / ARENA_ALIGN;
	if (k <= ARENA_CLASSES && a->small[k]) {
		void *p = a->small[k];
		a->small[k] = *(void **)p;
		return p;
	}
	if (k > ARENA_CLASSES)
		for (void **link = &a->large; *link; link = (void **)*link) {
			void *p = *link;
			if (((size_t *)p)[1] == n) {
				*link = *(void **)p;
				return p;
			}
		}
	if ((size_t)(a->end - a->top) < n)
		return NULL;
	void *p = a->top;
	a->top += n;
	return p;
}

static void *arena_alloc(void *c, size_t size)
{
	if (size > IMAGE_ARENA_MAX)
		return NULL;
	char *b = arena_block(c, rounded(size + ARENA_HDR));
	if (!b)
		return NULL;
	*(size_t *)b = size;
	return b + ARENA_HDR;
}

static void arena_release(void *c, void *p)
{
	struct arena *a = c;
	char *b = (char *)p - ARENA_HDR;
	size_t n = rounded(*(size_t *)b + ARENA_HDR);
	size_t k = n / ARENA_ALIGN;
	if (k <= ARENA_CLASSES) {
		*(void **)b = a->small[k];
		a->small[k] = b;
	} else {
		*(void **)b = a->large;
		((size_t *)b)[1] = n;
		a->large = b;
	}
}

static void *arena_resize(void *c, void *p, size_t size)
{
	struct arena *a = c;
	char *b = (char *)p - ARENA_HDR;
	size_t old = *(size_t *)b;
	if (size > IMAGE_ARENA_MAX)
		return NULL;
	size_t on = rounded(old + ARENA_HDR), nn = rounded(size + ARENA_HDR);
	if (nn == on) {
		*(size_t *)b = size;
		return p;
	}
	if (b + on == a->top && (size_t)(a->end - b) >= nn) {
		a->top = b + nn;
		*(size_t *)b = size;
		return p;
	}
	void *np = arena_alloc(c, size);
	if (!np)
		return NULL;
	memcpy(np, p, old < size ? old : size);
	arena_release(c, p);
	return np;
}

/* The sizes of a restored image's blocks, for heapcap_freeze. */
static const struct heapcap_source image_blocks = {.size = arena_size};

/* ---- build ID ---------------------------------------------------------- */

struct build_id {
	uint32_t len;
	uint8_t bytes[BUILD_ID_MAX];
};

static int find_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	struct build_id *id = data;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		const char *p = (const char *)(info->dlpi_addr + ph->p_vaddr), *end = p + ph->p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)p;
			size_t name = (n->n_namesz + 3) & ~3u, desc = (n->n_descsz + 3) & ~3u;
			const char *d = p + sizeof(*n) + name;
			if (d + desc > end)
				break;
			if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && memcmp(p + sizeof(*n), "GNU", 4) == 0 &&
			    n->n_descsz > 0 && n->n_descsz <= BUILD_ID_MAX) {
				id->len = n->n_descsz;
				memcpy(id->bytes, d, n->n_descsz);
				return 1;
			}
			p = d + desc;
		}
	}
	return 1; /* the executable comes first; nothing else is ours */
}

static void own_build_id(struct build_id *id)
{
	memset(id, 0, sizeof *id);
	dl_iterate_phdr(find_build_id, id);
}

/* ---- the writer ---------------------------------------------------------- */

/* The binary's static data, whole. A byte loop through a volatile pointer,
 * outside AddressSanitizer's checks: under it (the unit tests) the gaps
 * between variables are poisoned red zones, and memcpy is checked. */
__attribute__((no_sanitize_address)) static void copy_statics(char *dst, size_t len)
{
	const volatile char *src = __data_start;
	for (size_t i = 0; i < len; i++)
		dst[i] = src[i];
}

static struct {
	struct arena *arena;
	struct heapcap_source source;
	char *statics; /* .data and .bss when image_begin ran */
	size_t statics_len;
} w;

int image_begin(struct heapcap *h)
{
	void *base = mmap((void *)(uintptr_t)IMAGE_BASE, IMAGE_ARENA_MAX, PROT_READ | PROT_WRITE,
	                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	if (base == MAP_FAILED)
		return -errno;
	if (base != (void *)(uintptr_t)IMAGE_BASE) {
		munmap(base, IMAGE_ARENA_MAX);
		return -EEXIST;
	}
	/* Allocated before the copy: the writer's own bookkeeping must not
	 * show as a change of the binary's statics. */
	w.statics_len = (size_t)(_end - __data_start);
	w.statics = malloc(2 * w.statics_len);
	w.arena = calloc(1, sizeof *w.arena);
	if (!w.statics || !w.arena)
		return -ENOMEM;
	w.arena->top = base;
	w.arena->end = (char *)base + IMAGE_ARENA_MAX;
	w.source = (struct heapcap_source){arena_alloc, arena_resize, arena_release, arena_size, w.arena};
	h->source = &w.source;
	copy_statics(w.statics, w.statics_len);
	return 0;
}

/* A static variable the heap's building changed: a restored guest would
 * not have that change. The heap's counts are the one exception: they are
 * in the header, and image_restore sets them. */
static int check_statics(const struct heapcap *h)
{
	char *now = w.statics + w.statics_len;
	copy_statics(now, w.statics_len);
	int bad = 0;
	for (size_t i = 0; i < w.statics_len; i += 8) {
		size_t n = w.statics_len - i < 8 ? w.statics_len - i : 8;
		if (memcmp(w.statics + i, now + i, n) == 0)
			continue;
		if (__data_start + i + n > (const char *)h && __data_start + i < (const char *)(h + 1))
			continue;
		fprintf(stderr,
		        "codecell-guest: image: building the heap changed static data at %p (nm the guest to name it);"
		        " a restored guest would not have that change\n",
		        (void *)(__data_start + i));
		bad = 1;
	}
	return bad ? -1 : 0;
}

struct range {
	uintptr_t lo, hi;
	char name[64]; /* its /proc/self/maps name, or "anonymous" */
};

/* Every mapping but the arena, the binary's own file and its static data:
 * memory a restored guest would not have at the same address. */
static int foreign_ranges(struct range *out, int max)
{
	char exe[4096];
	ssize_t el = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (el < 0)
		return -1;
	exe[el] = '\0';
	FILE *f = fopen("/proc/self/maps", "r");
	if (!f)
		return -1;
	char line[4352];
	int n = 0;
	while (fgets(line, sizeof line, f)) {
		uintptr_t lo, hi;
		int off = 0;
		if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR " %*s %*s %*s %*s %n", &lo, &hi, &off) < 2)
			continue;
		char *path = line + off;
		path[strcspn(path, "\n")] = '\0';
		if (lo >= IMAGE_BASE && hi <= IMAGE_BASE + IMAGE_ARENA_MAX)
			continue;
		if (strcmp(path, exe) == 0)
			continue;
		if (lo >= (uintptr_t)__data_start && hi <= ((uintptr_t)_end + 4095) / 4096 * 4096)
			continue;
		if (n == max) {
			fclose(f);
			return -1;
		}
		out[n] = (struct range){lo, hi, ""};
		snprintf(out[n].name, sizeof out[n].name, "%s", *path ? path : "anonymous");
		n++;
	}
	fclose(f);
	return n;
}

/* How many words of [lo, hi) point into a foreign mapping; -1 when the
 * mappings cannot be read. Each is named on stderr when say is set. */
static int check_pointers(const char *lo, const char *hi, bool say)
{
	struct range r[256];
	int n = foreign_ranges(r, 256);
	if (n < 0) {
		fprintf(stderr, "codecell-guest: image: cannot read this process's mappings\n");
		return -1;
	}
	int bad = 0;
	for (const char *p = lo; p + 8 <= hi; p += 8) {
		uintptr_t v;
		memcpy(&v, p, 8);
		for (int i = 0; i < n; i++)
			if (v >= r[i].lo && v < r[i].hi) {
				if (say && bad < 20)
					fprintf(stderr,
					        "codecell-guest: image: the heap word at +0x%zx points outside the "
					        "image"
					        " and the binary (0x%" PRIxPTR ", in %s at 0x%" PRIxPTR "-0x%" PRIxPTR
					        ")\n",
					        (size_t)(p - lo), v, r[i].name, r[i].lo, r[i].hi);
				bad++;
			}
	}
	return bad;
}

int image_write(const char *path, const struct heapcap *h, const void *ctx, bool last_try)
{
	const char *lo = (const char *)(uintptr_t)IMAGE_BASE, *hi = w.arena->top;
	/* Both, so that one build names every fault. A changed static is a
	 * fault in any layout; a word under a foreign mapping may be data that
	 * this layout happened to place a mapping under (image.h). */
	int bad = check_statics(h);
	int words = check_pointers(lo, hi, last_try || bad < 0);
	if (words < 0 || bad < 0)
		return IMAGE_REFUSED;
	if (words > 0)
		return last_try ? IMAGE_REFUSED : IMAGE_LAYOUT;
	struct image_header hd;
	memset(&hd, 0, sizeof hd);
	memcpy(hd.magic, IMAGE_MAGIC, 8);
	struct build_id id;
	own_build_id(&id);
	if (id.len == 0) {
		fprintf(stderr, "codecell-guest: image: the guest binary has no build ID (link with --build-id)\n");
		return IMAGE_REFUSED;
	}
	hd.build_id_len = id.len;
	memcpy(hd.build_id, id.bytes, id.len);
	hd.base = IMAGE_BASE;
	hd.len = (uint64_t)(hi - lo);
	hd.ctx = (uint64_t)(uintptr_t)ctx;
	hd.used = h->used;
	hd.peak = h->peak;
	hd.code_at = (uint64_t)(uintptr_t)&image_restore;
	hd.data_at = (uint64_t)(uintptr_t)&w;
	char tmp[4096];
	if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
		return IMAGE_REFUSED;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, "codecell-guest: image: cannot create %s: %s\n", tmp, strerror(errno));
		return IMAGE_REFUSED;
	}
	static const char zero[IMAGE_HDR];
	int r = fdio_write_all(fd, &hd, sizeof hd) | fdio_write_all(fd, zero, IMAGE_HDR - sizeof hd) |
	        fdio_write_all(fd, lo, hd.len);
	if (close(fd) < 0 || r < 0 || rename(tmp, path) < 0) {
		fprintf(stderr, "codecell-guest: image: cannot write %s: %s\n", path, strerror(errno));
		unlink(tmp);
		return IMAGE_REFUSED;
	}
	return IMAGE_WRITTEN;
}

/* ---- the guest's side -------------------------------------------------- */

void *image_restore(int fd, struct heapcap *h, const char **why)
{
	struct image_header hd;
	struct stat st;
	if (fstat(fd, &st) < 0 || fdio_pread_all(fd, &hd, sizeof hd, 0) < 0) {
		*why = "image-unreadable";
		return NULL;
	}
	if (memcmp(hd.magic, IMAGE_MAGIC, 8) != 0 || hd.base != IMAGE_BASE || hd.len == 0 || hd.len > IMAGE_ARENA_MAX ||
	    (uint64_t)st.st_size != IMAGE_HDR + hd.len || hd.ctx < hd.base || hd.ctx >= hd.base + hd.len) {
		*why = "image-malformed";
		return NULL;
	}
	struct build_id id;
	own_build_id(&id);
	if (id.len == 0 || hd.build_id_len != id.len || memcmp(hd.build_id, id.bytes, id.len) != 0 ||
	    hd.code_at != (uint64_t)(uintptr_t)&image_restore || hd.data_at != (uint64_t)(uintptr_t)&w) {
		*why = "image-foreign";
		return NULL;
	}
	size_t map = (hd.len + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
	void *base = mmap((void *)(uintptr_t)IMAGE_BASE, map, PROT_READ | PROT_WRITE,
	                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (base == MAP_FAILED) {
		*why = "image-address-taken";
		return NULL;
	}
	if (base != (void *)(uintptr_t)IMAGE_BASE) {
		munmap(base, map);
		*why = "image-address-taken";
		return NULL;
	}
	/* One huge page instead of a trap per small one (heapwarm.h); where
	 * the kernel has none the copy faults small pages in. */
	(void)madvise(base, map, MADV_HUGEPAGE);
	if (fdio_pread_all(fd, base, hd.len, IMAGE_HDR) < 0) {
		munmap(base, map);
		*why = "image-truncated";
		return NULL;
	}
	h->used = hd.used;
	h->peak = hd.peak;
	heapcap_freeze(h, base, (char *)base + hd.len, &image_blocks);
	return (void *)(uintptr_t)hd.ctx;
}
