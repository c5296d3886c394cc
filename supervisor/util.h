/* util: the small helpers every room needs once: a bounded reader for files
 * and pipes (one loop, one EINTR rule, one "too big" answer; the writer
 * that matches it is common/fdio.h's, which the guest shares), and hex
 * digits.
 * Runs in: supervisor (any room, including the pre-exec path: no exit, no
 * logging). Input: file descriptors and paths given by the caller. */
#pragma once

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Reads fd to its end into buf (cap bytes), NUL-terminating it: at most
 * cap - 1 bytes of data. 0 with *len, -EFBIG when the data does not fit,
 * or -errno. EINTR is retried; fd is not closed. */
int util_read_into(int fd, char *buf, size_t cap, size_t *len);

/* Reads fd to its end into a malloc'd, NUL-terminated buffer of at most max
 * bytes of data. Caller frees *out. sensitive: one allocation of max + 1
 * bytes (no realloc leaves copies behind) that is wiped on failure; use it
 * for secrets. 0, -EFBIG past max, -ENOMEM or -errno. fd is not closed. */
int util_read_alloc(int fd, size_t max, bool sensitive, char **out, size_t *len);

/* Opens path read-only (O_CLOEXEC | O_NOCTTY | extra_flags) and reads it
 * with util_read_into / util_read_alloc. Same returns. */
int util_read_file_into(const char *path, int extra_flags, char *buf, size_t cap, size_t *len);
int util_read_file_alloc(const char *path, int extra_flags, size_t max, bool sensitive, char **out, size_t *len);

/* The signals that stop a run (SIGTERM, SIGINT, SIGHUP) into *set, blocked,
 * and a signalfd (non-blocking, close-on-exec) that reads them, so that a
 * loop ends its run in order instead of dying in the middle of it; -1 with
 * errno when none can be made (the signals stay blocked: the caller
 * decides). The caller may add signals to *set and signalfd() it again. */
int util_stop_signalfd(sigset_t *set);

/* The value of one hex digit (either case), or -1. */
int util_hexval(int c);
/* Lower-case hex of n bytes into out (2n + 1 bytes, NUL-terminated). */
void util_hex_encode(const uint8_t *in, size_t n, char *out);

/* Length of the well-formed UTF-8 sequence at s (n bytes left): 1..4, or 0
 * when the bytes there are not one (overlong, surrogate, above U+10FFFF,
 * truncated, a stray continuation byte). NUL counts as valid (length 1). */
size_t util_utf8_seq(const uint8_t *s, size_t n);
/* Replaces, in place, every byte that does not belong to a well-formed
 * UTF-8 sequence with '?': text from the guest becomes valid UTF-8 for the
 * host's NDJSON stream without changing its length. */
void util_utf8_scrub(char *s, size_t n);
