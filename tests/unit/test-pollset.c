/* Unit tests for supervisor/server/pollset.c: what the server loop's wait
 * reports is what poll(2) reports for the same array: readiness, hang-ups
 * whatever was asked, one fd in two entries, negative fds ignored, regular
 * files always ready; a descriptor absent from a turn cannot wake it; a
 * number closed (after pollset_forget) and reused by another file carries
 * nothing of the old one, even while a child holds the old file open. And a
 * differential: thousands of random turns over socketpairs and pipes (data
 * written and read, ends closed, interest changed, entries dropped and
 * duplicated), each compared with poll(2) on the same array.
 * Runs in: test binary. Input: none. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pollset.h"
#include "tap.h"

static int wait1(struct pollset *ps, int fd, short events, short *revents)
{
	struct pollfd p = {.fd = fd, .events = events};
	int k = pollset_wait(ps, &p, 1, 0);
	*revents = p.revents;
	return k;
}

static void basics(void)
{
	struct pollset ps;
	tap_ok(pollset_init(&ps) == 0, "a pollset is made");
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv) < 0)
		abort();
	short re;
	TAP_EQ_INT(wait1(&ps, sv[0], POLLIN, &re), 0, "nothing to read: the wait times out");
	TAP_EQ_INT(wait1(&ps, sv[0], POLLIN | POLLOUT, &re), 1, "asked for writing too: ready");
	TAP_EQ_INT(re, POLLOUT, "with POLLOUT alone");
	(void)!write(sv[1], "x", 1);
	TAP_EQ_INT(wait1(&ps, sv[0], POLLIN, &re), 1, "a byte written: readable");
	TAP_EQ_INT(re, POLLIN, "with POLLIN");

	/* One fd in two entries, as a socket connection's read and write
	 * halves are; a negative fd between them. */
	struct pollfd p[3] = {
	        {.fd = sv[0], .events = POLLIN}, {.fd = -1, .events = POLLIN}, {.fd = sv[0], .events = POLLOUT}};
	TAP_EQ_INT(pollset_wait(&ps, p, 3, 0), 2, "one fd in two entries: both counted");
	tap_ok(p[0].revents == POLLIN && p[1].revents == 0 && p[2].revents == POLLOUT,
	       "each entry gets its own events; the negative fd none (%d %d %d)", p[0].revents, p[1].revents,
	       p[2].revents);

	/* The peer closes: a hang-up is reported when the fd is waited on,
	 * even with no events asked; absent, it cannot wake the wait. */
	close(sv[1]);
	TAP_EQ_INT(wait1(&ps, sv[0], 0, &re), 1, "a hang-up is reported with no events asked");
	tap_ok(re & POLLHUP, "as POLLHUP (%d)", re);
	struct pollfd none = {.fd = -1};
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int k = pollset_wait(&ps, &none, 1, 50);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long waited_ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	/* A lower bound only: a wait that returned early was woken. */
	tap_ok(k == 0 && waited_ms >= 45, "absent from the turn, a hung-up fd does not wake the wait (%d, %ld ms)", k,
	       waited_ms);
	TAP_EQ_INT(ps.nlive, 0, "and it is out of the kernel's list");

	/* A regular file, which epoll refuses: always ready, as poll says. */
	FILE *f = tmpfile();
	int rf = fileno(f);
	TAP_EQ_INT(wait1(&ps, rf, POLLIN | POLLOUT, &re), 1, "a regular file is ready at once");
	TAP_EQ_INT(re, POLLIN | POLLOUT, "for reading and writing");
	pollset_forget(&ps, rf);
	fclose(f);
	pollset_forget(&ps, sv[0]);
	close(sv[0]);
	pollset_free(&ps);
}

/* A number closed and reused: the kernel's list is keyed by open file, and
 * a child holding the old file keeps the old entry alive unless forgotten. */
static void reuse(void)
{
	struct pollset ps;
	if (pollset_init(&ps) < 0)
		abort();
	int a[2];
	if (pipe2(a, O_NONBLOCK) < 0)
		abort();
	(void)!write(a[1], "x", 1); /* the old file stays readable */
	short re;
	TAP_EQ_INT(wait1(&ps, a[0], POLLIN, &re), 1, "(the old pipe is readable)");
	pid_t child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	int old = a[0];
	pollset_forget(&ps, old);
	close(old);
	int b[2];
	if (pipe2(b, O_NONBLOCK) < 0)
		abort();
	if (b[0] != old && dup2(b[0], old) >= 0) {
		close(b[0]);
		b[0] = old;
	}
	TAP_EQ_INT(b[0], old, "(the new pipe's read end has the old number)");
	TAP_EQ_INT(wait1(&ps, b[0], POLLIN, &re), 0, "the new, empty pipe is not reported readable");
	(void)!write(b[1], "y", 1);
	TAP_EQ_INT(wait1(&ps, b[0], POLLIN, &re), 1, "and is once written to");
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	close(a[1]);
	close(b[0]);
	close(b[1]);
	pollset_free(&ps);
}

/* ---- the differential ------------------------------------------------- */

#define NCH 12

struct chan {
	int fd[2]; /* [0] waited on; [1] its peer (-1 once closed) */
	bool pipe, write_end;
};

static unsigned rnd_state = 12345;
static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 16) % n;
}

static void open_chan(struct chan *c)
{
	c->pipe = rnd(2);
	c->write_end = c->pipe && rnd(2);
	int v[2];
	if (c->pipe ? pipe2(v, O_NONBLOCK) : socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, v))
		abort();
	/* A pipe's waited-on end is its read or its write end. */
	c->fd[0] = c->write_end ? v[1] : v[0];
	c->fd[1] = c->write_end ? v[0] : v[1];
}

static void differential(void)
{
	struct pollset ps;
	if (pollset_init(&ps) < 0)
		abort();
	struct chan ch[NCH];
	for (int i = 0; i < NCH; i++)
		open_chan(&ch[i]);
	int turns = 4000, bad = 0, first_bad = -1;
	char buf[65536];
	memset(buf, 'z', sizeof buf);
	for (int t = 0; t < turns; t++) {
		/* Change the world a little. */
		for (int j = 0; j < 3; j++) {
			struct chan *c = &ch[rnd(NCH)];
			switch (rnd(8)) {
			case 0: /* the peer writes */
				if (c->fd[1] >= 0 && !c->write_end)
					(void)!write(c->fd[1], buf, 1 + rnd(100));
				break;
			case 1: /* we read */
				if (!c->write_end)
					(void)!read(c->fd[0], buf, 1 + rnd(200));
				break;
			case 2: /* we fill our side (a full socket or pipe is not writable) */
				if (c->fd[1] >= 0 && (c->write_end || !c->pipe))
					while (write(c->fd[0], buf, sizeof buf) > 0)
						;
				break;
			case 3: /* the peer drains */
				if (c->fd[1] >= 0)
					while (read(c->fd[1], buf, sizeof buf) > 0)
						;
				break;
			case 4: /* the peer goes away */
				if (c->fd[1] >= 0 && rnd(4) == 0) {
					close(c->fd[1]);
					c->fd[1] = -1;
				}
				break;
			case 5: /* ours is closed and the number reused by a new one */
				if (rnd(3) == 0) {
					pollset_forget(&ps, c->fd[0]);
					close(c->fd[0]);
					if (c->fd[1] >= 0)
						close(c->fd[1]);
					open_chan(c);
				}
				break;
			default: break;
			}
		}
		/* This turn's array: some fds absent, some twice, random events. */
		struct pollfd a[2 * NCH], b[2 * NCH];
		size_t n = 0;
		for (int i = 0; i < NCH; i++) {
			int copies = (int)rnd(3);
			for (int k = 0; k < copies; k++) {
				static const short ev[] = {0, POLLIN, POLLOUT, POLLIN | POLLOUT};
				a[n] = (struct pollfd){.fd = rnd(6) == 0 ? -1 : ch[i].fd[0], .events = ev[rnd(4)]};
				n++;
			}
		}
		memcpy(b, a, n * sizeof *a);
		int ka = pollset_wait(&ps, a, n, 0);
		int kb = poll(b, n, 0);
		bool same = ka == kb;
		for (size_t i = 0; i < n && same; i++)
			same = a[i].revents == b[i].revents;
		if (!same) {
			if (first_bad < 0) {
				first_bad = t;
				for (size_t i = 0; i < n; i++)
					if (a[i].revents != b[i].revents)
						printf("# turn %d entry %zu fd %d events %d: pollset %d, poll %d\n", t,
						       i, a[i].fd, a[i].events, a[i].revents, b[i].revents);
			}
			bad++;
		}
	}
	tap_ok(bad == 0, "%d random turns: pollset reports what poll(2) reports (%d differ, first at turn %d)", turns,
	       bad, first_bad);
	for (int i = 0; i < NCH; i++) {
		close(ch[i].fd[0]);
		if (ch[i].fd[1] >= 0)
			close(ch[i].fd[1]);
	}
	pollset_free(&ps);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	basics();
	reuse();
	differential();
	return tap_done();
}
