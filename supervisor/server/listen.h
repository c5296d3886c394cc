/* listen: the server's listening socket: a Unix socket at a path (mode and
 * group set before any client can connect; a stale socket file from a
 * killed server removed, a live server's never), or one handed over by
 * systemd socket activation (sd_listen_fds(3) semantics: LISTEN_PID must be
 * us, LISTEN_FDS counts fds from 3).
 * Runs in: server (S). Input: operator options and the environment. */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

/* Pending connections the kernel holds before accept: clients connect
 * once and keep the connection, so a burst is only a restart's worth. */
#define LISTEN_BACKLOG 128

/* Binds and listens at path with the given mode and group (gid -1: keep
 * ours). Returns the fd (non-blocking, close-on-exec) or -errno with the
 * reason in err. */
int listen_unix(const char *path, mode_t mode, gid_t gid, char *err, size_t errlen);
/* The first socket passed by systemd, or -1 when none was (not activated,
 * or for another process); -EINVAL with err when more than one was passed.
 * Unsets LISTEN_PID/LISTEN_FDS/LISTEN_FDNAMES so R and guests never see them. */
int listen_activated(char *err, size_t errlen);
/* Parses a socket mode ("0660"). 0 or -EINVAL. */
int listen_parse_mode(const char *s, mode_t *out);
/* A group name or number to a gid. 0 or -ENOENT. */
int listen_parse_group(const char *s, gid_t *out);
