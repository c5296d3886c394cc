/* fdio: a whole buffer written to, or read at an offset from, a file
 * descriptor, across short counts and EINTR. The guest's image writer and
 * reader and its template's page probe use it, and the supervisor's
 * writes of whole lines (plain mode's output, the per-run supervisor's
 * trailer, `codecell run --server`).
 * Runs in: guest (and the build's image writer) and supervisor. Input:
 * what the kernel returns; the bytes are the caller's. */
#pragma once

#include <stddef.h>
#include <sys/types.h>

/* 0 once all n bytes are written (on a blocking fd; a non-blocking one
 * ends with -EAGAIN); -errno on an error, -EIO on a write of 0. A closed
 * pipe or socket raises SIGPIPE as write(2) does: a caller that wants
 * -EPIPE ignores the signal. */
int fdio_write_all(int fd, const void *buf, size_t n);

/* 0 once all n bytes from offset off are read; -errno on an error, -EIO
 * on an end of file before them. */
int fdio_pread_all(int fd, void *buf, size_t n, off_t off);
