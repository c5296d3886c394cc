/* pollset: see pollset.h. */
#include "pollset.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

/* epoll's event bits are poll's on Linux; the loop passes them through. */
_Static_assert(EPOLLIN == POLLIN && EPOLLPRI == POLLPRI && EPOLLOUT == POLLOUT && EPOLLERR == POLLERR &&
                       EPOLLHUP == POLLHUP,
               "epoll and poll event bits differ");

/* What a wait can ask for and what is always reported (poll(2)). */
#define ASKABLE  (POLLIN | POLLPRI | POLLOUT)
#define REPORTED (POLLERR | POLLHUP)

struct pollset_slot {
	uint32_t want, want_turn;   /* the events this turn's entries ask, and which turn */
	uint32_t synced_turn;       /* the kernel's list was brought to want in this turn */
	uint32_t ready, ready_turn; /* what the wait reported, and in which turn */
	uint32_t reg;               /* the events in the kernel's list */
	size_t live_at;             /* index in ps->live when listed */
	bool listed, always;        /* in ps->live; epoll refused it (always ready) */
};

int pollset_init(struct pollset *ps)
{
	memset(ps, 0, sizeof *ps);
	ps->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (ps->epfd < 0)
		return -errno;
	ps->turn = 1;
	ps->caplive = 64;
	ps->live = malloc(ps->caplive * sizeof *ps->live);
	ps->ev = malloc(ps->caplive * sizeof *ps->ev);
	if (!ps->live || !ps->ev) {
		pollset_free(ps);
		return -ENOMEM;
	}
	return 0;
}

static int grow(struct pollset *ps, int fd)
{
	if ((size_t)fd < ps->nslot)
		return 0;
	size_t n = ps->nslot ? ps->nslot : 64;
	while (n <= (size_t)fd)
		n *= 2;
	struct pollset_slot *s = realloc(ps->slot, n * sizeof *s);
	if (!s)
		return -1;
	memset(s + ps->nslot, 0, (n - ps->nslot) * sizeof *s);
	ps->slot = s;
	ps->nslot = n;
	return 0;
}

static int list(struct pollset *ps, int fd)
{
	if (ps->nlive == ps->caplive) {
		size_t n = 2 * ps->caplive;
		int *l = realloc(ps->live, n * sizeof *l);
		if (!l)
			return -1;
		ps->live = l;
		struct epoll_event *e = realloc(ps->ev, n * sizeof *e);
		if (!e)
			return -1;
		ps->ev = e;
		ps->caplive = n;
	}
	ps->slot[fd].live_at = ps->nlive;
	ps->slot[fd].listed = true;
	ps->live[ps->nlive++] = fd;
	return 0;
}

static void unlist(struct pollset *ps, int fd)
{
	struct pollset_slot *s = &ps->slot[fd];
	if (!s->always)
		(void)epoll_ctl(ps->epfd, EPOLL_CTL_DEL, fd, NULL);
	int last = ps->live[--ps->nlive];
	ps->live[s->live_at] = last;
	ps->slot[last].live_at = s->live_at;
	s->listed = false;
	s->always = false;
	s->reg = 0;
}

/* Brings fd's entry in the kernel's list to this turn's events. */
static int sync_fd(struct pollset *ps, int fd)
{
	struct pollset_slot *s = &ps->slot[fd];
	s->synced_turn = ps->turn;
	if (s->listed) {
		if (s->always || s->reg == s->want)
			return 0;
		struct epoll_event ev = {.events = s->want, .data.fd = fd};
		if (epoll_ctl(ps->epfd, EPOLL_CTL_MOD, fd, &ev) < 0)
			return -1;
		s->reg = s->want;
		return 0;
	}
	struct epoll_event ev = {.events = s->want, .data.fd = fd};
	if (epoll_ctl(ps->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
		if (errno != EPERM)
			return -1;
		s->always = true; /* a regular file: poll calls it always ready */
	}
	s->reg = s->want;
	if (list(ps, fd) < 0) {
		if (!s->always)
			(void)epoll_ctl(ps->epfd, EPOLL_CTL_DEL, fd, NULL);
		s->always = false;
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

static void new_turn(struct pollset *ps)
{
	if (++ps->turn != 0)
		return;
	/* After 2^32 turns the counter would meet old marks: clear them. */
	for (size_t i = 0; i < ps->nslot; i++)
		ps->slot[i].want_turn = ps->slot[i].synced_turn = ps->slot[i].ready_turn = 0;
	ps->turn = 1;
}

int pollset_wait(struct pollset *ps, struct pollfd *p, size_t n, int timeout_ms)
{
	new_turn(ps);
	for (size_t i = 0; i < n; i++) {
		p[i].revents = 0;
		int fd = p[i].fd;
		if (fd < 0)
			continue;
		if (grow(ps, fd) < 0) {
			errno = ENOMEM;
			return -1;
		}
		struct pollset_slot *s = &ps->slot[fd];
		if (s->want_turn != ps->turn) {
			s->want_turn = ps->turn;
			s->want = 0;
		}
		s->want |= (uint32_t)p[i].events & ASKABLE;
	}
	bool ready_now = false;
	for (size_t i = 0; i < n; i++) {
		int fd = p[i].fd;
		if (fd < 0 || ps->slot[fd].synced_turn == ps->turn)
			continue;
		if (sync_fd(ps, fd) < 0)
			return -1;
		struct pollset_slot *s = &ps->slot[fd];
		if (s->always) {
			s->ready = s->want & (POLLIN | POLLOUT);
			s->ready_turn = ps->turn;
			ready_now |= s->ready != 0;
		}
	}
	/* Absent this turn: out of the kernel's list, so that nothing about
	 * them (a hang-up, say) wakes this wait. */
	for (size_t i = 0; i < ps->nlive;) {
		int fd = ps->live[i];
		if (ps->slot[fd].want_turn != ps->turn)
			unlist(ps, fd); /* moves the last one here */
		else
			i++;
	}

	/* Room for every listed fd: each is reported at most once. */
	int k = epoll_wait(ps->epfd, ps->ev, ps->nlive ? (int)ps->nlive : 1, ready_now ? 0 : timeout_ms);
	if (k < 0)
		return -1;
	for (int i = 0; i < k; i++) {
		struct pollset_slot *s = &ps->slot[ps->ev[i].data.fd];
		s->ready = ps->ev[i].events & (ASKABLE | REPORTED);
		s->ready_turn = ps->turn;
	}
	int count = 0;
	for (size_t i = 0; i < n; i++) {
		int fd = p[i].fd;
		if (fd < 0 || ps->slot[fd].ready_turn != ps->turn)
			continue;
		p[i].revents = (short)(ps->slot[fd].ready & ((uint32_t)p[i].events | REPORTED));
		count += p[i].revents != 0;
	}
	return count;
}

void pollset_forget(struct pollset *ps, int fd)
{
	if (fd < 0 || (size_t)fd >= ps->nslot)
		return;
	if (ps->slot[fd].listed)
		unlist(ps, fd);
	memset(&ps->slot[fd], 0, sizeof ps->slot[fd]);
}

void pollset_free(struct pollset *ps)
{
	if (ps->epfd >= 0)
		close(ps->epfd);
	free(ps->slot);
	free(ps->live);
	free(ps->ev);
	memset(ps, 0, sizeof *ps);
	ps->epfd = -1;
}
