/* pollset: the server loop's wait for readiness, with poll(2)'s interface
 * and epoll(7)'s cost.
 *
 * The server holds a descriptor per connection and per run's supervisor,
 * up to SERVE_MAX_CONNS + --max-runs of them. poll(2) visits every one in
 * the kernel at every wake (a lookup, the file's poll method, a wait-queue
 * entry added and removed), so each line relayed for one run cost a wake
 * over all of them: 200 idle connections made another client's tool call
 * 1.4× slower (bench/serve-idle.py, docs/PERFORMANCE.md round 22). epoll keeps the interest list in the kernel and a
 * wake costs what is ready.
 *
 * The loop keeps its shape: each turn it states, as a pollfd array, what it
 * waits for, and pollset_wait() fills revents as poll(2) would (level-
 * triggered; POLLERR and POLLHUP whatever was asked; entries whose fd is
 * negative ignored; the same fd in several entries, each with its own
 * events). pollset keeps the kernel's list equal to the array, with one
 * epoll_ctl per descriptor whose events changed since the previous turn:
 * added when it appears, modified, removed when it is absent (so an absent
 * descriptor's hang-up cannot wake the loop, as poll would not). A
 * descriptor epoll refuses (a regular file, /dev/null: EPERM) is always
 * ready for what it asks, as poll reports it.
 *
 * The one rule for the caller: pollset_forget(fd) before closing a
 * descriptor it has waited on. epoll keys its list by open file, not by
 * number: a closed number reused by the next accept would otherwise look
 * already registered while the kernel still watched the old file (held
 * open by a child that inherited it).
 *
 * Runs in: server (S). Input: the server's own descriptors. */
#pragma once

#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/epoll.h>

struct pollset_slot; /* pollset.c: one per descriptor number seen */

struct pollset {
	int epfd;
	struct pollset_slot *slot; /* indexed by fd */
	size_t nslot;
	int *live; /* fds in the kernel's list or always ready, nlive of them */
	size_t nlive, caplive;
	struct epoll_event *ev; /* caplive of them: one wait takes every ready fd */
	uint32_t turn;
};

/* 0, or -errno (epoll_create1). */
int pollset_init(struct pollset *ps);
/* As poll(p, n, timeout_ms): the number of entries with revents set, 0 on
 * timeout, -1 with errno (EINTR; ENOMEM when a descriptor's slot cannot be
 * grown). */
int pollset_wait(struct pollset *ps, struct pollfd *p, size_t n, int timeout_ms);
/* Before close(fd): drops it from the kernel's list. Harmless for an fd
 * never waited on. */
void pollset_forget(struct pollset *ps, int fd);
void pollset_free(struct pollset *ps);
