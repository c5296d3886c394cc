/* filter: loads the seccomp BPF program the supervisor built, from an fd.
 * Runs in: guest (and test probes), before any user byte is read. Input: a
 * pipe from the supervisor carrying raw struct sock_filter instructions. */
#pragma once

/* The fd on which the supervisor passes the filter to the guest. */
#define FILTER_FD 4
/* The guest's protocol socket. */
#define FILTER_SOCK_FD 3
/* seccomp(2) refuses programs longer than BPF_MAXINSNS (4096) instructions
 * of 8 bytes, so more bytes than that on the pipe can only be an error. */
#define FILTER_MAX_BYTES (4096u * 8u)

/* Reads fd to EOF (bounded), closes it and installs the program with
 * seccomp(SECCOMP_SET_MODE_FILTER). Returns 0 or -errno; on any failure the
 * caller must exit without running user code. Also makes the process
 * non-dumpable (exec made it dumpable). NO_NEW_PRIVS must already be
 * set (the sandbox does it); without it the kernel refuses (-EACCES) and the
 * guest must not run. Single-threaded callers only: no TSYNC. */
int filter_load_from_fd(int fd);

/* The two halves of filter_load_from_fd(), for the template guest: it reads
 * the program once (and never loads it: it is no guest), and each run child
 * loads the copy it inherited before reading any program byte. Same return
 * values and preconditions; filter_load() without a program read is
 * -EINVAL. */
int filter_read_from_fd(int fd);
int filter_load(void);
