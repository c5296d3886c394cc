/* heapcap: see heapcap.h. */
#include "heapcap.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The most malloc's usable size exceeds what was asked for a block from
 * its heap (16-byte granules with an 8-byte size word, at least 32 bytes):
 * admission counts it up front. A block past malloc's mmap threshold (128
 * KiB at least) is rounded to whole pages, a few KiB more than this; such
 * a block is admitted only below the soft limit, max - reserve, and the
 * reserve (256 KiB at least, HEAPCAP_MIN) keeps the count under max. */
#define SLACK 24

void heapcap_init(struct heapcap *h, size_t max)
{
	h->used = 0;
	h->peak = 0;
	h->frozen_lo = h->frozen_hi = NULL;
	h->frozen_src = NULL;
	h->source = NULL;
	heapcap_set_max(h, max);
}

void heapcap_set_max(struct heapcap *h, size_t max)
{
	h->max = max;
	h->reserve = max / 8 < HEAPCAP_RESERVE_MAX ? max / 8 : HEAPCAP_RESERVE_MAX;
	h->hit = false;
}

void heapcap_freeze(struct heapcap *h, const void *lo, const void *hi, const struct heapcap_source *src)
{
	h->frozen_lo = lo;
	h->frozen_hi = hi;
	h->frozen_src = src;
}

static bool frozen(const struct heapcap *h, const void *p)
{
	return (uintptr_t)p >= (uintptr_t)h->frozen_lo && (uintptr_t)p < (uintptr_t)h->frozen_hi;
}

static size_t size_in(const struct heapcap_source *src, const void *p)
{
	return src ? src->size(src->ctx, p) : malloc_usable_size((void *)p);
}

/* What a live block counts as: its source's size for it. */
static size_t block_size(const struct heapcap *h, const void *p)
{
	return size_in(frozen(h, p) ? h->frozen_src : h->source, p);
}

static void *get(const struct heapcap *h, size_t size)
{
	return h->source ? h->source->alloc(h->source->ctx, size) : malloc(size);
}

static void put(const struct heapcap *h, void *p)
{
	if (h->source)
		h->source->release(h->source->ctx, p);
	else
		free(p);
}

static void *resize(const struct heapcap *h, void *p, size_t size)
{
	return h->source ? h->source->resize(h->source->ctx, p, size) : realloc(p, size);
}

/* May live bytes grow by `grow` for a block that will be `size` bytes? */
static bool admit(struct heapcap *h, size_t grow, size_t size)
{
	if (h->max == 0)
		return true;
	size_t limit = size <= HEAPCAP_SMALL_ALLOC ? h->max : h->max - h->reserve;
	if (grow > limit || h->used > limit - grow) {
		h->hit = true;
		return false;
	}
	return true;
}

static void account(struct heapcap *h, size_t add, size_t sub)
{
	h->used = h->used + add - sub;
	if (h->used > h->peak)
		h->peak = h->used;
}

void *heapcap_alloc(void *udata, size_t size)
{
	struct heapcap *h = udata;
	if (size > SIZE_MAX - SLACK || !admit(h, size + SLACK, size))
		return NULL;
	void *p = get(h, size);
	if (!p)
		return NULL;
	account(h, size_in(h->source, p), 0);
	return p;
}

void heapcap_free(void *udata, void *ptr)
{
	struct heapcap *h = udata;
	if (!ptr)
		return;
	account(h, 0, block_size(h, ptr));
	if (!frozen(h, ptr))
		put(h, ptr);
}

void *heapcap_realloc(void *udata, void *ptr, size_t size)
{
	struct heapcap *h = udata;
	if (!ptr)
		return heapcap_alloc(udata, size);
	if (size == 0) {
		heapcap_free(udata, ptr);
		return NULL;
	}
	if (size > SIZE_MAX - SLACK)
		return NULL;
	size_t old = block_size(h, ptr);
	if (size + SLACK > old && !admit(h, size + SLACK - old, size))
		return NULL;
	void *np;
	if (frozen(h, ptr)) {
		np = get(h, size);
		if (!np)
			return NULL;
		memcpy(np, ptr, old < size ? old : size);
	} else {
		np = resize(h, ptr, size);
		if (!np)
			return NULL;
	}
	account(h, size_in(h->source, np), old);
	return np;
}
