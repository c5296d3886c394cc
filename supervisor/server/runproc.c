/* runproc: see runproc.h. */
#include "runproc.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "fdio.h"
#include "host.h"
#include "jsonraw.h"
#include "policy.h"
#include "report.h"
#include "run.h"
#include "selflimit.h"

/* R's fd for the template channel: after stdin, stdout and stderr. */
#define RUNPROC_FD_TEMPLATE 3

/* After the result (which carries the same figures in stats.supervisor,
 * measured before teardown): R's usage for this run, teardown included
 * (CPU since the previous trailer; peak RSS since the run began), for the
 * server's stats, and whether R can serve another run. */
static void write_trailer(uint64_t *cpu_before_us, bool again)
{
	struct selflimit_usage u;
	if (selflimit_usage(&u) < 0)
		return;
	uint64_t cpu = u.cpu_us - (*cpu_before_us < u.cpu_us ? *cpu_before_us : u.cpu_us);
	*cpu_before_us = u.cpu_us;
	char line[192];
	int n = snprintf(line, sizeof line,
	                 "{\"v\":%d,\"type\":\"stats\",\"cpu_us\":%" PRIu64 ",\"maxrss_kb\":%" PRIu64
	                 ",\"again\":%s}\n",
	                 HOST_PROTOCOL_VERSION, cpu, u.memory_peak_bytes / 1024, again ? "true" : "false");
	/* run_main left fd 1 non-blocking; the line is tiny, the server reads. */
	int fl = fcntl(STDOUT_FILENO, F_GETFL);
	if (fl >= 0)
		fcntl(STDOUT_FILENO, F_SETFL, fl & ~O_NONBLOCK);
	if (n > 0)
		(void)fdio_write_all(STDOUT_FILENO, line, (size_t)n);
}

/* runproc.h. Nothing past the again line is read: a Unix stream read stops
 * right after the data that carried descriptors (tests/unit/test-runproc.c
 * checks it on the running kernel). The descriptor comes with the again
 * line's first byte; a read whose buffer filled inside the line leaves its
 * rest unread, taken here a byte at a time up to its '\n'. */
int runproc_await_again(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	static const char again[] = RUNPROC_AGAIN_LINE;
	const size_t alen = sizeof again - 1;
	char buf[16384];
	for (;;) {
		union {
			struct cmsghdr h;
			char b[CMSG_SPACE(sizeof(int))];
		} cm;
		struct iovec iov = {.iov_base = buf, .iov_len = sizeof buf};
		struct msghdr mh = {
		        .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cm.b, .msg_controllen = sizeof cm.b};
		ssize_t n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
		if (!c) {
			/* Truncated with nothing delivered (no room in the fd
			 * table, say): a descriptor was lost, so no next run. */
			if (mh.msg_flags & MSG_CTRUNC)
				return -1;
			continue; /* what S sent for the run that ended: dropped */
		}
		int chan = -1;
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS && c->cmsg_len == CMSG_LEN(sizeof(int)))
			memcpy(&chan, CMSG_DATA(c), sizeof chan);
		if (chan < 0)
			return -1; /* descriptors we did not ask for: not the server's again */
		/* The line the descriptor came with: from the last line start in
		 * this read (what preceded it ended with '\n') to its '\n'. */
		size_t start = (size_t)n - (buf[n - 1] == '\n');
		while (start > 0 && buf[start - 1] != '\n')
			start--;
		char line[sizeof again];
		size_t len = (size_t)n - start;
		if (len <= alen)
			memcpy(line, buf + start, len);
		while (len > 0 && len < alen && line[len - 1] != '\n') {
			ssize_t r = read(fd, line + len, 1);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			len++;
		}
		if (len == alen && !memcmp(line, again, alen))
			return chan;
		close(chan);
		return -1;
	}
}

/* A reused R's peak RSS is reported per run: VmHWM back to the current
 * RSS (proc(5), clear_refs "5"). */
static void reset_peak(void)
{
	int fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (write(fd, "5", 1) < 0) {
			/* the peak then spans earlier runs: a figure, not a bound */
		}
		close(fd);
	}
}

static __attribute__((noreturn)) void child(const struct runproc_spec *sp, int fd, pid_t parent)
{
	/* Only the socketpair to S (as the host's stdin and stdout) and
	 * stderr survive: no client's fd, no other run's. */
	if (dup2(fd, STDIN_FILENO) < 0 || dup2(fd, STDOUT_FILENO) < 0)
		_exit(4);
	/* and the template channel, if any, as fd 3 (RUNPROC_FD_TEMPLATE) */
	if (sp->template_chan >= 0 && sp->template_chan != RUNPROC_FD_TEMPLATE &&
	    dup2(sp->template_chan, RUNPROC_FD_TEMPLATE) < 0)
		_exit(4);
	close_range(sp->template_chan >= 0 ? RUNPROC_FD_TEMPLATE + 1 : RUNPROC_FD_TEMPLATE, ~0u, 0);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	/* A server that dies stops this run like a host that goes away; EOF
	 * on fd 0 does that too, this covers an R that is not reading. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(6);
	prctl(PR_SET_NAME, "codecell-run");
	selflimit_forked();

	struct run_config cfg = {0};
	cfg.limits = sp->limits;
	cfg.host_mode = true;
	cfg.policy = sp->policy;
	cfg.guest_path = sp->guest_path;
	cfg.cgroup_parent = sp->cgroup_parent;
	cfg.require = sp->require;
	cfg.clock_from_start = true;
	cfg.announce_armed = true;
	/* What S already does once for every run: the stale cleanup (at its
	 * start and every SERVE_CLEANUP_MS) and the cgroup probe. */
	cfg.no_stale_cleanup = true;
	cfg.cgroup_host = sp->cgroup_host;
	cfg.template_chan = sp->template_chan >= 0 ? RUNPROC_FD_TEMPLATE : -1;
	/* R serves its runs alone: it bounds itself like `codecell run`
	 * (selflimit.h) once each sandbox is spawned, and reports its usage.
	 * It serves more than one only through the template (each run's
	 * channel comes with the again line) and only where no operator
	 * rlimit is set (a run's soft CPU limit is raised at each run). */
	cfg.own_process = true;
	unsigned runs = sp->reuse > 1 && sp->template_chan >= 0 && selflimit_unset() ? sp->reuse : 1;
	cfg.own_runs = runs;
	/* As `codecell run --host` without --namespace: codemode, any name;
	 * the policy's env. */
	cJSON *ns = cJSON_CreateObject(), *env = cJSON_CreateObject();
	if (!ns || !env)
		_exit(4);
	cJSON_AddNullToObject(ns, "codemode");
	for (size_t i = 0; i < policy_env_count(sp->policy); i++) {
		const char *k, *v;
		policy_env_get(sp->policy, i, &k, &v);
		cJSON_AddStringToObject(env, k, v);
	}
	cfg.namespaces = ns;
	cfg.env = env;
	uint64_t cpu_us = 0;
	for (unsigned i = 0;; i++) {
		cfg.own_run_index = i;
		cfg.own_cpu_base_us = cpu_us;
		int rc = run_main(&cfg);
		/* A run whose sandbox or supervisor failed (its own CPU bound
		 * among the causes) ends R: the next run gets a fresh one. */
		bool again = i + 1 < runs && rc != report_exit_code(RUN_SANDBOX_ERROR);
		write_trailer(&cpu_us, again);
		if (!again)
			_exit(rc);
		int chan = runproc_await_again(STDIN_FILENO);
		if (chan < 0 || dup2(chan, RUNPROC_FD_TEMPLATE) < 0)
			_exit(rc);
		close(chan);
		reset_peak();
	}
}

int runproc_send_again(int fd, int template_chan)
{
	static const char again[] = RUNPROC_AGAIN_LINE;
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(int))];
	} cm;
	memset(&cm, 0, sizeof cm);
	struct iovec iov = {.iov_base = (void *)again, .iov_len = sizeof again - 1};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cm.b, .msg_controllen = sizeof cm.b};
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &template_chan, sizeof template_chan);
	ssize_t n;
	do
		n = sendmsg(fd, &mh, MSG_NOSIGNAL | MSG_DONTWAIT);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return (size_t)n == sizeof again - 1 ? 0 : -EAGAIN;
}

pid_t runproc_fork(const struct runproc_spec *sp, int *fd, char *err, size_t errlen)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		int e = -errno;
		snprintf(err, errlen, "socketpair: %s", strerror(errno));
		return e;
	}
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		int e = -errno;
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return e;
	}
	if (pid == 0)
		child(sp, sv[1], parent);
	close(sv[1]);
	int fl = fcntl(sv[0], F_GETFL);
	fcntl(sv[0], F_SETFL, fl | O_NONBLOCK);
	*fd = sv[0];
	return pid;
}

int runproc_parse_trailer(const char *line, size_t len, uint64_t *cpu_us, uint64_t *maxrss_kb, bool *again)
{
	struct jsonraw_member m[8];
	size_t n;
	const char *why;
	if (jsonraw_members(line, len, m, 8, &n, &why) < 0)
		return -EPROTO;
	const struct jsonraw_member *c = jsonraw_find(m, n, "cpu_us"), *r = jsonraw_find(m, n, "maxrss_kb");
	if (!c || !r || c->kind != JSONRAW_NUMBER || r->kind != JSONRAW_NUMBER)
		return -EPROTO;
	*cpu_us = strtoull(c->value.p, NULL, 10);
	*maxrss_kb = strtoull(r->value.p, NULL, 10);
	const struct jsonraw_member *a = jsonraw_find(m, n, "again");
	*again = a && a->kind == JSONRAW_BOOL && a->value.len == 4 && !memcmp(a->value.p, "true", 4);
	return 0;
}
