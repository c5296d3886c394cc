/* heapcap: see heapcap.h. */
#include "heapcap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Each block carries its size in a header; 16 bytes keeps max_align_t
 * alignment for what Duktape stores after it. */
#define HDR 16

void heapcap_init(struct heapcap *h, size_t max)
{
	h->used = 0;
	h->peak = 0;
	h->frozen_lo = h->frozen_hi = NULL;
	h->source = NULL;
	heapcap_set_max(h, max);
}

void heapcap_set_max(struct heapcap *h, size_t max)
{
	h->max = max;
	h->reserve = max / 8 < HEAPCAP_RESERVE_MAX ? max / 8 : HEAPCAP_RESERVE_MAX;
	h->hit = false;
}

void heapcap_freeze(struct heapcap *h, const void *lo, const void *hi)
{
	h->frozen_lo = lo;
	h->frozen_hi = hi;
}

static void *get(const struct heapcap *h, size_t total)
{
	return h->source ? h->source->alloc(h->source->ctx, total) : malloc(total);
}

static void put(const struct heapcap *h, void *p, size_t total)
{
	if (h->source)
		h->source->release(h->source->ctx, p, total);
	else
		free(p);
}

static void *resize(const struct heapcap *h, void *p, size_t old, size_t total)
{
	return h->source ? h->source->resize(h->source->ctx, p, old, total) : realloc(p, total);
}

static bool frozen(const struct heapcap *h, const void *p)
{
	return (uintptr_t)p >= (uintptr_t)h->frozen_lo && (uintptr_t)p < (uintptr_t)h->frozen_hi;
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
	if (size > SIZE_MAX - HDR)
		return NULL;
	size_t total = size + HDR;
	if (!admit(h, total, size))
		return NULL;
	unsigned char *p = get(h, total);
	if (!p)
		return NULL;
	*(size_t *)p = total;
	account(h, total, 0);
	return p + HDR;
}

void heapcap_free(void *udata, void *ptr)
{
	struct heapcap *h = udata;
	if (!ptr)
		return;
	unsigned char *p = (unsigned char *)ptr - HDR;
	size_t total = *(size_t *)p;
	account(h, 0, total);
	if (!frozen(h, p))
		put(h, p, total);
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
	if (size > SIZE_MAX - HDR)
		return NULL;
	unsigned char *p = (unsigned char *)ptr - HDR;
	size_t old = *(size_t *)p, total = size + HDR;
	if (total > old && !admit(h, total - old, size))
		return NULL;
	unsigned char *np;
	if (frozen(h, p)) {
		np = get(h, total);
		if (!np)
			return NULL;
		memcpy(np + HDR, p + HDR, (old < total ? old : total) - HDR);
	} else {
		np = resize(h, p, old, total);
		if (!np)
			return NULL;
	}
	*(size_t *)np = total;
	account(h, total, old);
	return np + HDR;
}
