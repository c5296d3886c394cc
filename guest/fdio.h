/* fdio: a whole buffer written to, or read at an offset from, a file
 * descriptor, across short counts and EINTR. The image writer and reader
 * and the template's page probe use it.
 * Runs in: guest (and the build's image writer). Input: what the kernel
 * returns; the bytes are the caller's. */
#pragma once

#include <stddef.h>
#include <sys/types.h>

/* 0 once all n bytes are written; -1 on an error or a write of 0. */
int fdio_write_all(int fd, const void *buf, size_t n);

/* 0 once all n bytes from offset off are read; -1 on an error or an end of
 * file before them. */
int fdio_pread_all(int fd, void *buf, size_t n, off_t off);
