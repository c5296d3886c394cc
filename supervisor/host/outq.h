/* outq: a byte queue drained to a (possibly non-blocking) fd.
 * Runs in: supervisor. Input: bytes the supervisor produced itself. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct outq {
	char *buf;
	size_t len; /* bytes queued, from off */
	size_t off;
	size_t cap;
};

void outq_init(struct outq *q);
void outq_finish(struct outq *q);
/* Appends n bytes; -ENOMEM on allocation failure. */
int outq_push(struct outq *q, const void *data, size_t n);
/* Writes as much as the fd takes. Returns 0 (maybe partial: check
 * outq_pending), or -errno for a real error (EAGAIN is not one). */
int outq_flush(struct outq *q, int fd);
static inline bool outq_pending(const struct outq *q)
{
	return q->len > 0;
}
