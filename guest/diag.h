/* diag: the guest's diagnostics on stderr (fd 2), formatted into a buffer
 * and written with one write(2).
 * Runs in: guest, after the seccomp filter. Input: messages the guest makes.
 * Why not dprintf: glibc's dprintf attaches a FILE to the fd, which calls
 * lseek, and the guest filter kills lseek: a protocol-error message would
 * turn a clean exit into a seccomp kill. */
#pragma once

/* Longest diagnostic line; longer ones are cut (they are for people). */
#define DIAG_MAX_LINE 1024

__attribute__((format(printf, 1, 2))) void diag(const char *fmt, ...);
