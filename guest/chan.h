/* chan: the guest's end of the protocol socket (fd 3): whole frames out,
 * whole frames in, waiting with a timeout.
 * Runs in: guest, after the seccomp filter. Input: frames from the trusted
 * supervisor, still bounded by --max-frame before anything is allocated.
 * Uses only read, write and poll, which the filter allows on fd 3. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "frame.h"

struct chan {
	int fd;
	size_t max_frame; /* payload bound, both directions */
	struct frame_reader rd;
	/* Called with each outgoing payload before it is written, or NULL.
	 * Used by the opt-in timing trace (main.c --trace) to write its line
	 * before the result frame, after which the supervisor kills the guest. */
	void (*before_send)(const void *payload, size_t len);
};

/* Embedded init/finish; finish accepts a zeroed chan. */
void chan_init(struct chan *c, int fd, size_t max_frame);
void chan_finish(struct chan *c);

/* Writes one frame (header + payload), retrying short writes and EINTR.
 * Returns 0, -EMSGSIZE above max_frame, or -errno from write. */
int chan_send(struct chan *c, const void *payload, size_t len);

/* Waits up to timeout_ms (-1 = forever) for one whole frame. Returns 1 and
 * sets *payload and *len (valid until the next chan_recv), 0 on timeout,
 * -EMSGSIZE when the peer declares a frame above max_frame, -EPIPE when the
 * peer closed the socket (also mid-frame), -ENOMEM, or -errno. */
int chan_recv(struct chan *c, int timeout_ms, const uint8_t **payload, size_t *len);
