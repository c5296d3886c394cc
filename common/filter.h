/* filter: loads the seccomp BPF program the supervisor built, from an fd.
 * Runs in: guest (and test probes), before any user byte is read. Input: a
 * pipe from the supervisor carrying raw struct sock_filter instructions. */
#pragma once

/* The fd on which the supervisor passes the filter to the guest. */
#define FILTER_FD 4
/* The guest's protocol socket. */
#define FILTER_SOCK_FD 3

/* Reads fd to EOF (bounded), closes it and installs the program with
 * seccomp(SECCOMP_SET_MODE_FILTER). Returns 0 or -errno; on any failure the
 * caller must exit without running user code. */
int filter_load_from_fd(int fd);
