/* heapcap: the guest's capped allocator for the Duktape heap (--heap-max).
 * Runs in: guest. Input: allocation sizes requested by Duktape on behalf of
 * the untrusted program. Pure accounting over malloc/realloc/free.
 *
 * Exceeding the cap makes an allocation return NULL, which Duktape turns into
 * a catchable "Error: alloc failed". To keep error handling itself from failing
 * (Duktape's DoubleError), the last HEAPCAP reserve bytes below the cap are
 * open only to small allocations (error objects, tracebacks, the result
 * frame), never to the large array/string growth that usually hits the cap. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Allocations up to this size may use the reserve: an Error object with its
 * traceback and message is a few hundred bytes, a short result a few KiB. */
#define HEAPCAP_SMALL_ALLOC 8192
/* The reserve is an eighth of the cap, at most 4 MiB: enough to build and
 * serialise an error result, small enough not to distort the limit. */
#define HEAPCAP_RESERVE_MAX (4u << 20)
/* Below this the heap cannot even hold Duktape's built-ins (~300 KiB) plus
 * the prelude; --heap-max values under it are refused. */
#define HEAPCAP_MIN (2u << 20)

/* Where blocks come from, if not from malloc: the image writer's arena at
 * a fixed address (image.h). A block's size is the source's to know, as
 * malloc knows its own (malloc_usable_size): heapcap adds no header, which
 * was 16 bytes on each block of the prelude's heap, and on every object,
 * string and property table a program makes. */
struct heapcap_source {
	void *(*alloc)(void *ctx, size_t size);
	void *(*resize)(void *ctx, void *p, size_t size);
	void (*release)(void *ctx, void *p);
	size_t (*size)(void *ctx, const void *p); /* what the block counts as */
	void *ctx;
};

struct heapcap {
	size_t max;     /* hard cap on live bytes (the blocks' sizes) */
	size_t reserve; /* bytes below max open only to small allocations */
	size_t used;    /* live bytes now */
	size_t peak;    /* highest value of used */
	bool hit;       /* an allocation was refused at least once */
	/* Blocks in [frozen_lo, frozen_hi) are the template's (a run child's
	 * inherited heap) or the image's: freed or resized, they are left as
	 * they are; frozen_src knows their sizes (NULL: malloc's blocks). */
	const void *frozen_lo, *frozen_hi;
	const struct heapcap_source *frozen_src;
	const struct heapcap_source *source; /* NULL: malloc */
};

/* Embedded init; max is the cap in bytes (0 = no cap). */
void heapcap_init(struct heapcap *h, size_t max);

/* Sets a new cap on a heap already in use (the template guest's run child
 * takes its own run's cap; what the prelude holds stays counted). */
void heapcap_set_max(struct heapcap *h, size_t max);

/* A template's run child: the blocks between lo and hi are the template's,
 * shared with it until written. Freeing one would write malloc's free-list
 * links into its page (a copy-on-write fault, for memory the short run
 * would rarely reuse) and resizing one would too; such a block is counted
 * as freed and left where it is, and a resize copies it into a new block.
 * What is left behind is at most the template's heap, already resident.
 * The same for an image's blocks (image.h). src says how big a block in
 * the range is: NULL for malloc's (the template's heap). */
void heapcap_freeze(struct heapcap *h, const void *lo, const void *hi, const struct heapcap_source *src);

/* Duktape allocation functions (duk_alloc_function etc.); udata is the
 * struct heapcap. realloc(p, 0) frees p and returns NULL. */
void *heapcap_alloc(void *udata, size_t size);
void *heapcap_realloc(void *udata, void *ptr, size_t size);
void heapcap_free(void *udata, void *ptr);
