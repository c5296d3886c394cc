/* fdpass: one message with fds attached (SCM_RIGHTS) over a Unix socket, in
 * both directions, for the template guest's channels (tmplmsg.h).
 * Runs in: supervisor (sandbox/template.c) and the template guest
 * (guest/template.c). Input: the peer's datagrams; received fds are always
 * either returned or closed, never leaked. */
#pragma once

#include <stddef.h>
#include <sys/types.h>

/* The most fds one message carries (a spawn's socket and pipe, a held
 * child's pidfd and sync socket). */
#define FDPASS_MAX_FDS 2

/* Sends buf with nfds fds attached (MSG_NOSIGNAL plus flags; EINTR is
 * retried). Returns the bytes sent or -errno. */
ssize_t fdpass_send(int sock, const void *buf, size_t len, const int *fds, int nfds, int flags);

/* Receives one message into buf (MSG_CMSG_CLOEXEC plus flags) and up to
 * FDPASS_MAX_FDS fds into fds (-1 for the rest; *nfds how many). Fds beyond
 * that, or with a truncated message or control part (-EMSGSIZE), are
 * closed. Returns the bytes received (0 at EOF) or -errno. */
ssize_t fdpass_recv(int sock, void *buf, size_t len, int *fds, int *nfds, int flags);
