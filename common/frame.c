/* frame: see frame.h. */
#include "frame.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void frame_reader_init(struct frame_reader *r, size_t max_payload)
{
	memset(r, 0, sizeof(*r));
	if (max_payload > FRAME_PAYLOAD_CEILING)
		max_payload = FRAME_PAYLOAD_CEILING;
	r->max_payload = max_payload;
}

void frame_reader_finish(struct frame_reader *r)
{
	if (!r)
		return;
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

static uint32_t read_be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* Drops bytes already handed out, so the buffer never holds more than one
 * frame plus the start of the next. */
static void compact(struct frame_reader *r)
{
	if (r->consumed == 0)
		return;
	memmove(r->buf, r->buf + r->consumed, r->len - r->consumed);
	r->len -= r->consumed;
	r->consumed = 0;
}

/* Bytes needed to complete the pending frame, or -EMSGSIZE. */
static long long pending_need(const struct frame_reader *r)
{
	size_t avail = r->len - r->consumed;
	if (avail < FRAME_HEADER_BYTES)
		return FRAME_HEADER_BYTES;
	uint32_t plen = read_be32(r->buf + r->consumed);
	if (plen > r->max_payload)
		return -EMSGSIZE;
	return (long long)FRAME_HEADER_BYTES + plen;
}

size_t frame_reader_room(struct frame_reader *r)
{
	compact(r);
	long long need = pending_need(r);
	if (need < 0)
		return 0;
	if (r->len >= (size_t)need)
		return 0;
	size_t want = (size_t)need - r->len;
	/* Read-ahead of up to 64 KiB past a small frame saves syscalls; the
	 * total stays bounded by header + max_payload + read-ahead. */
	size_t ahead = 65536;
	if (r->cap < r->len + want + ahead) {
		size_t ncap = r->len + want + ahead;
		uint8_t *nb = realloc(r->buf, ncap);
		if (!nb)
			return 0;
		r->buf = nb;
		r->cap = ncap;
	}
	return r->cap - r->len;
}

uint8_t *frame_reader_tail(struct frame_reader *r)
{
	return r->buf + r->len;
}

void frame_reader_commit(struct frame_reader *r, size_t n)
{
	r->len += n;
}

int frame_reader_feed(struct frame_reader *r, const void *data, size_t n)
{
	const uint8_t *p = data;
	while (n > 0) {
		size_t room = frame_reader_room(r);
		if (room == 0) {
			if (pending_need(r) < 0)
				return -EMSGSIZE;
			/* A whole frame is buffered: make space by growing past it. */
			size_t ncap = r->cap + n;
			uint8_t *nb = realloc(r->buf, ncap);
			if (!nb)
				return -ENOMEM;
			r->buf = nb;
			r->cap = ncap;
			room = r->cap - r->len;
		}
		size_t k = n < room ? n : room;
		memcpy(frame_reader_tail(r), p, k);
		frame_reader_commit(r, k);
		p += k;
		n -= k;
	}
	return 0;
}

int frame_reader_next(struct frame_reader *r, const uint8_t **payload, size_t *len)
{
	long long need = pending_need(r);
	if (need < 0)
		return -EMSGSIZE;
	if (r->len - r->consumed < (size_t)need)
		return 0;
	*payload = r->buf + r->consumed + FRAME_HEADER_BYTES;
	*len = (size_t)need - FRAME_HEADER_BYTES;
	r->consumed += (size_t)need;
	return 1;
}

int frame_encode_header(uint8_t hdr[FRAME_HEADER_BYTES], size_t len)
{
	if (len > FRAME_PAYLOAD_CEILING)
		return -EMSGSIZE;
	hdr[0] = (uint8_t)(len >> 24);
	hdr[1] = (uint8_t)(len >> 16);
	hdr[2] = (uint8_t)(len >> 8);
	hdr[3] = (uint8_t)len;
	return 0;
}
