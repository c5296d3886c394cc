/* chan: see chan.h. */
#include "chan.h"

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <string.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

void chan_init(struct chan *c, int fd, size_t max_frame)
{
	c->fd = fd;
	c->max_frame = max_frame;
	c->before_send = NULL;
	frame_reader_init(&c->rd, max_frame);
}

void chan_finish(struct chan *c)
{
	if (!c)
		return;
	frame_reader_finish(&c->rd);
}

/* Frames up to this size (header included) are copied and written with one
 * write(2); tool calls, replies and most results are far smaller. Larger
 * ones are written in two, where the copy would cost more than the call. */
#define CHAN_COALESCE_BYTES 16384

int chan_send(struct chan *c, const void *payload, size_t len)
{
	uint8_t hdr[FRAME_HEADER_BYTES];
	if (len > c->max_frame || frame_encode_header(hdr, len) < 0)
		return -EMSGSIZE;
	if (c->before_send)
		c->before_send(payload, len);
	struct iovec iov[2] = {
	        {.iov_base = hdr, .iov_len = sizeof(hdr)},
	        {.iov_base = (void *)payload, .iov_len = len},
	};
	/* perf: a small frame goes out in one write. Written as two, the
	 * supervisor can wake for the header alone and poll again for the
	 * rest: one more wake-up on every tool call's round trip. */
	static uint8_t one[CHAN_COALESCE_BYTES];
	if (len <= sizeof(one) - sizeof(hdr)) {
		memcpy(one, hdr, sizeof(hdr));
		memcpy(one + sizeof(hdr), payload, len);
		iov[0] = (struct iovec){.iov_base = one, .iov_len = sizeof(hdr) + len};
		iov[1].iov_len = 0;
	}
	int i = 0;
	while (i < 2 && iov[i].iov_len > 0) {
		/* writev is not in the filter's allow list; write is. */
		ssize_t n = write(c->fd, iov[i].iov_base, iov[i].iov_len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		iov[i].iov_base = (uint8_t *)iov[i].iov_base + n;
		iov[i].iov_len -= (size_t)n;
		if (iov[i].iov_len == 0)
			i++;
	}
	return 0;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int chan_recv(struct chan *c, int timeout_ms, const uint8_t **payload, size_t *len)
{
	long long deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
	bool polled_empty = false; /* a read said EAGAIN: poll before the next */
	for (;;) {
		int r = frame_reader_next(&c->rd, payload, len);
		if (r != 0)
			return r;
		int wait = -1;
		if (deadline >= 0) {
			long long left = deadline - now_ms();
			wait = left < 0 ? 0 : (int)left;
		}
		/* perf: with no deadline the read itself waits; poll is needed only
		 * for a timeout (or if the socket turns out non-blocking). One
		 * system call less per reply, e.g. on every sequential tool call. */
		if (wait >= 0 || polled_empty) {
			struct pollfd pfd = {.fd = c->fd, .events = POLLIN};
			int pr = poll(&pfd, 1, wait);
			if (pr < 0) {
				if (errno == EINTR)
					continue;
				return -errno;
			}
			if (pr == 0)
				return 0;
		}
		size_t room = frame_reader_room(&c->rd);
		if (room == 0)
			return frame_reader_next(&c->rd, payload, len) < 0 ? -EMSGSIZE : -ENOMEM;
		ssize_t n = read(c->fd, frame_reader_tail(&c->rd), room);
		polled_empty = false;
		if (n < 0) {
			if (errno == EAGAIN)
				polled_empty = true;
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return -errno;
		}
		if (n == 0)
			return -EPIPE;
		frame_reader_commit(&c->rd, (size_t)n);
	}
}
