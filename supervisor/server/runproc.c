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
#include <unistd.h>

#include <cjson/cJSON.h>

#include "host.h"
#include "jsonraw.h"
#include "policy.h"
#include "run.h"
#include "selflimit.h"

/* R's fd for the template channel: after stdin, stdout and stderr. */
#define RUNPROC_FD_TEMPLATE 3

/* After the result (which carries the same figures in stats.supervisor,
 * measured before teardown): R's usage up to its exit, for the server's
 * stats. */
static void write_trailer(void)
{
	struct selflimit_usage u;
	if (selflimit_usage(&u) < 0)
		return;
	char line[160];
	int n = snprintf(line, sizeof line,
	                 "{\"v\":%d,\"type\":\"stats\",\"cpu_us\":%" PRIu64 ",\"maxrss_kb\":%" PRIu64 "}\n",
	                 HOST_PROTOCOL_VERSION, u.cpu_us, u.memory_peak_bytes / 1024);
	/* run_main left fd 1 non-blocking; the line is tiny, the server reads. */
	int fl = fcntl(STDOUT_FILENO, F_GETFL);
	if (fl >= 0)
		fcntl(STDOUT_FILENO, F_SETFL, fl & ~O_NONBLOCK);
	const char *p = line;
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, p, (size_t)n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= (int)w;
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

	struct run_config cfg = {0};
	cfg.limits = sp->limits;
	cfg.host_mode = true;
	cfg.policy = sp->policy;
	cfg.guest_path = sp->guest_path;
	cfg.cgroup_parent = sp->cgroup_parent;
	cfg.require = sp->require;
	cfg.clock_from_start = true;
	/* What S already does once for every run: the stale cleanup (at its
	 * start and every SERVE_CLEANUP_MS) and the cgroup probe. */
	cfg.no_stale_cleanup = true;
	cfg.cgroup_host = sp->cgroup_host;
	cfg.template_chan = sp->template_chan >= 0 ? RUNPROC_FD_TEMPLATE : -1;
	/* R serves this run alone: it bounds itself like `codecell run`
	 * (selflimit.h) once the sandbox is spawned, and reports its usage. */
	cfg.own_process = true;
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
	int rc = run_main(&cfg);
	write_trailer();
	_exit(rc);
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

int runproc_parse_trailer(const char *line, size_t len, uint64_t *cpu_us, uint64_t *maxrss_kb)
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
	return 0;
}
