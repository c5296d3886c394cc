/* Unit tests for the boundary between two runs of a reused per-run
 * supervisor (supervisor/server/runproc.c): the server's again line, sent
 * with the next run's template channel attached, is read with what came
 * before it (dropped) and nothing after it; no line without the descriptor,
 * and no descriptor without the line, passes for it. The kernel property
 * the boundary rests on (a Unix stream read stops right after data that
 * carried descriptors) is checked on its own first.
 * Runs in: test binary (socketpairs and pipes only). Input: none. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runproc.h"
#include "tap.h"

static const char START[] = "{\"v\":1,\"type\":\"start\",\"code\":\"1\"}\n";

/* Sends text with fd attached (fd < 0: none). */
static int send_with(int sock, const char *text, size_t len, int fd)
{
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(int))];
	} cm;
	memset(&cm, 0, sizeof cm);
	struct iovec iov = {.iov_base = (void *)text, .iov_len = len};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	if (fd >= 0) {
		mh.msg_control = cm.b;
		mh.msg_controllen = sizeof cm.b;
		struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof fd);
	}
	return sendmsg(sock, &mh, 0) == (ssize_t)len ? 0 : -1;
}

/* What is left to read on sock, up to cap bytes, without blocking. */
static size_t rest(int sock, char *buf, size_t cap)
{
	ssize_t n = recv(sock, buf, cap - 1, MSG_DONTWAIT);
	buf[n > 0 ? n : 0] = '\0';
	return n > 0 ? (size_t)n : 0;
}

static int open_fds(void)
{
	int n = 0;
	for (int fd = 0; fd < 256; fd++)
		n += fcntl(fd, F_GETFD) >= 0;
	return n;
}

static int pair(int sv[2])
{
	return socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
}

static int is_pipe(int fd)
{
	struct stat st;
	return fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode);
}

/* The kernel property, without runproc: data, then data with a descriptor,
 * then data; one large read returns the first two and stops. */
static void test_kernel_boundary(void)
{
	int sv[2], p[2];
	if (pair(sv) < 0 || pipe(p) < 0) {
		tap_skip("a stream read stops after descriptors", "no socketpair or pipe: %s", strerror(errno));
		return;
	}
	send_with(sv[0], "a\n", 2, -1);
	send_with(sv[0], "b\n", 2, p[0]);
	send_with(sv[0], "c\n", 2, -1);
	char buf[64], cb[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {.iov_base = buf, .iov_len = sizeof buf};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cb, .msg_controllen = sizeof cb};
	ssize_t n = recvmsg(sv[1], &mh, MSG_CMSG_CLOEXEC);
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
	int got = -1;
	if (c && c->cmsg_type == SCM_RIGHTS)
		memcpy(&got, CMSG_DATA(c), sizeof got);
	tap_ok(n == 4 && !memcmp(buf, "a\nb\n", 4) && got >= 0,
	       "a Unix stream read returns the data before and with a descriptor and stops there (%zd bytes)", n);
	char left[64];
	size_t r = rest(sv[1], left, sizeof left);
	tap_ok(r == 2 && !strcmp(left, "c\n"), "the data after it waits for the next read ('%s')", left);
	if (got >= 0)
		close(got);
	close(sv[0]);
	close(sv[1]);
	close(p[0]);
	close(p[1]);
}

/* A socketpair (sv[0] the server's end, sv[1] R's) and a pipe whose read
 * end stands in for a template channel. */
struct ends {
	int sv[2], p[2];
};

static int ends_open(struct ends *e)
{
	if (pair(e->sv) < 0)
		return -1;
	if (pipe(e->p) < 0) {
		close(e->sv[0]);
		close(e->sv[1]);
		return -1;
	}
	return 0;
}

static void ends_close(struct ends *e)
{
	close(e->sv[0]);
	close(e->sv[1]);
	close(e->p[0]);
	close(e->p[1]);
}

/* A line of len bytes of c, ending in '\n'. Caller frees. */
static char *filler_line(size_t len, char c)
{
	char *l = malloc(len);
	memset(l, c, len);
	l[len - 1] = '\n';
	return l;
}

/* What the server sends between two runs: the again line with the
 * channel, then (after R's next spawn, here at once) the next start. */
static void send_boundary(struct ends *e)
{
	send_with(e->sv[0], RUNPROC_AGAIN_LINE, strlen(RUNPROC_AGAIN_LINE), e->p[0]);
	send_with(e->sv[0], START, strlen(START), -1);
}

/* After runproc_await_again returned chan: the channel is the pipe, and
 * the next run's start is still there, whole. */
static void check_handed(struct ends *e, int chan, const char *what)
{
	tap_ok(chan >= 0 && is_pipe(chan), "%s: the again line hands over its descriptor (%d)", what, chan);
	char left[128];
	size_t r = rest(e->sv[1], left, sizeof left);
	tap_ok(r == strlen(START) && !strcmp(left, START), "%s: the next run's start is left unread, whole ('%s')",
	       what, left);
	if (chan >= 0)
		close(chan);
}

/* Stale lines (one split across writes, one larger than the socket's
 * buffer), the again line with a descriptor, then the next start. */
static void test_again(void)
{
	struct ends e;
	if (ends_open(&e) < 0)
		return;
	size_t big_len = 200000;
	char *big = filler_line(big_len, 'x');
	send_with(e.sv[0], "{\"v\":1,\"type\":\"tool_res", 24, -1);
	send_with(e.sv[0], "ult\",\"id\":\"1\"}\n", 15, -1);
	pid_t writer = fork();
	if (writer == 0) { /* a writer: the large line does not fit the buffer */
		close(e.sv[1]);
		send_with(e.sv[0], big, big_len, -1);
		send_boundary(&e);
		_exit(0);
	}
	int chan = runproc_await_again(e.sv[1]);
	waitpid(writer, NULL, 0); /* its start line is sent */
	check_handed(&e, chan, "after stale lines");
	free(big);
	ends_close(&e);
}

/* A read whose buffer (16 KiB) fills five bytes into the again line: the
 * descriptor comes with those five, the rest of the line is still to
 * read, and the start after it must stay unread. */
static void test_again_split(void)
{
	struct ends e;
	if (ends_open(&e) < 0)
		return;
	size_t stale_len = 16384 - 5;
	char *stale = filler_line(stale_len, 'y');
	send_with(e.sv[0], stale, stale_len, -1);
	send_boundary(&e);
	check_handed(&e, runproc_await_again(e.sv[1]), "a read that stops inside the again line");
	free(stale);
	ends_close(&e);
}

/* Forgeries: the again line's text alone (a client's bytes can carry no
 * descriptor) is not the boundary; a descriptor on another line ends the
 * wait with no channel; EOF ends it too. */
static void test_forged(void)
{
	struct ends e;
	if (ends_open(&e) < 0)
		return;
	send_with(e.sv[0], RUNPROC_AGAIN_LINE, strlen(RUNPROC_AGAIN_LINE), -1);
	send_with(e.sv[0], START, strlen(START), -1);
	shutdown(e.sv[0], SHUT_WR);
	TAP_EQ_INT(runproc_await_again(e.sv[1]), -1, "the again line's text without a descriptor is dropped, then EOF");
	ends_close(&e);

	if (ends_open(&e) < 0)
		return;
	int before = open_fds();
	send_with(e.sv[0], START, strlen(START), e.p[0]);
	TAP_EQ_INT(runproc_await_again(e.sv[1]), -1, "a descriptor on any other line is refused");
	TAP_EQ_INT(open_fds(), before, "and the refused descriptor is closed, not kept");
	ends_close(&e);
}

int main(void)
{
	test_kernel_boundary();
	test_again();
	test_again_split();
	test_forged();
	return tap_done();
}
