/* outq: see outq.h. */
#include "outq.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void outq_init(struct outq *q)
{
	memset(q, 0, sizeof(*q));
}

void outq_finish(struct outq *q)
{
	if (!q)
		return;
	free(q->buf);
	memset(q, 0, sizeof(*q));
}

int outq_push(struct outq *q, const void *data, size_t n)
{
	if (q->off > 0 && q->off + q->len + n > q->cap) {
		memmove(q->buf, q->buf + q->off, q->len);
		q->off = 0;
	}
	if (q->off + q->len + n > q->cap) {
		size_t ncap = q->cap ? q->cap : 4096;
		while (ncap < q->len + n)
			ncap *= 2;
		char *nb = realloc(q->buf, ncap);
		if (!nb)
			return -ENOMEM;
		q->buf = nb;
		q->cap = ncap;
	}
	memcpy(q->buf + q->off + q->len, data, n);
	q->len += n;
	return 0;
}

int outq_flush(struct outq *q, int fd)
{
	while (q->len > 0) {
		ssize_t w = write(fd, q->buf + q->off, q->len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				return 0;
			return -errno;
		}
		q->off += (size_t)w;
		q->len -= (size_t)w;
	}
	q->off = 0;
	return 0;
}
