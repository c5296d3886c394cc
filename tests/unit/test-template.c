/* test-template: the run supervisor's side of the template channel
 * (sandbox/template.c, sandbox.c's exit handling) against a fake template
 * that answers badly: no answer, a short record, a failure, a held child
 * without fds; and exit records, including a seccomp kill and a template
 * that dies. The supervisor must fail the spawn with a message, leak no
 * fd, and never hang or crash on what a template sends.
 * Runs in: test binary. Input: records written by the test. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fdpass.h"
#include "sandbox.h"
#include "tap.h"
#include "template.h"
#include "tmplmsg.h"

static int count_fds(void)
{
	int n = 0;
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		return -1;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

/* Runs sandbox_template_spawn() against a fake template that reads the
 * request and then does `answer` on its end. */
static int spawn_against(void (*answer)(int fake), char *err, size_t errlen)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return -errno;
	pid_t pid = fork();
	if (pid == 0) {
		close(sv[0]);
		char buf[sizeof(struct tmpl_spawn) + TMPL_ARGS_MAX];
		int fds[FDPASS_MAX_FDS], nfds;
		ssize_t n = fdpass_recv(sv[1], buf, sizeof buf, fds, &nfds, 0);
		struct tmpl_spawn h;
		memcpy(&h, buf, sizeof h);
		if (n < (ssize_t)sizeof h || h.type != TMPL_SPAWN || nfds != 2)
			_exit(3);
		answer(sv[1]);
		_exit(0);
	}
	close(sv[1]);
	char *argv[] = {"codecell-guest", "--heap-max=4194304", NULL};
	struct sandbox_config cfg;
	sandbox_config_init(&cfg);
	cfg.guest_argv = argv;
	struct sandbox_child c;
	int r = sandbox_template_spawn(sv[0], &cfg, &c, err, errlen);
	close(sv[0]);
	int st;
	waitpid(pid, &st, 0);
	if (r == 0)
		sandbox_child_close(&c);
	return r;
}

static void answer_close(int fake)
{
	(void)fake;
}

static void answer_short(int fake)
{
	uint32_t t = TMPL_HELD;
	(void)!send(fake, &t, sizeof t, 0);
}

static void answer_failed(int fake)
{
	struct tmpl_failed f = {.type = TMPL_FAILED, .err = EAGAIN};
	strcpy(f.step, "clone3 into new namespaces");
	(void)!send(fake, &f, sizeof f, 0);
}

static void answer_held_nofds(int fake)
{
	struct tmpl_held h = {.type = TMPL_HELD};
	(void)!send(fake, &h, sizeof h, 0);
}

static void answer_held_extra_fds(int fake)
{
	/* Two fds that are not a pidfd and a sync socket. */
	int p[2];
	if (pipe(p) < 0)
		return;
	struct tmpl_held h = {.type = TMPL_HELD};
	(void)fdpass_send(fake, &h, sizeof h, p, 2, 0);
}

static void check_spawn_failures(void)
{
	char err[512];
	int before = count_fds();
	int r = spawn_against(answer_close, err, sizeof err);
	tap_ok(r < 0, "a template that hangs up fails the spawn");
	printf("# %d %s\n", r, err);
	r = spawn_against(answer_short, err, sizeof err);
	tap_ok(r == -EPROTO, "a short answer is a protocol error");
	printf("# %d %s\n", r, err);
	r = spawn_against(answer_failed, err, sizeof err);
	tap_ok(r == -EAGAIN && strstr(err, "clone3 into new namespaces") != NULL,
	       "a template's failure is reported with its step");
	printf("# %d %s\n", r, err);
	r = spawn_against(answer_held_nofds, err, sizeof err);
	tap_ok(r == -EPROTO, "a held answer without fds is a protocol error");
	printf("# %d %s\n", r, err);
	r = spawn_against(answer_held_extra_fds, err, sizeof err);
	tap_ok(r < 0, "a held answer whose fds are not a pidfd fails the spawn");
	printf("# %d %s\n", r, err);
	tap_ok(count_fds() == before, "no fd is left behind by failed spawns");

	struct sandbox_config cfg;
	sandbox_config_init(&cfg);
	struct sandbox_child c;
	tap_ok(sandbox_template_spawn(-1, &cfg, &c, err, sizeof err) == -EINVAL, "no channel is refused");
}

/* A child record as the template reports it, read through each of the
 * three consumers. */
static void check_exit_records(void)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return;
	struct sandbox_child c = {.pid = -1, .pidfd = -1, .sock = -1, .err_fd = -1, .status_fd = sv[0]};
	int ws = -1;
	tap_ok(sandbox_child_poll(&c, &ws) == 0, "no record yet: the child still runs");
	tap_ok(sandbox_child_exit_fd(&c) == sv[0], "the exit fd of a template child is its channel");
	struct tmpl_exit ex = {.type = TMPL_EXIT,
	                       .code = CLD_KILLED,
	                       .status = SIGSYS,
	                       .utime_us = 1500000,
	                       .stime_us = 250,
	                       .maxrss_kb = 4096};
	(void)!send(sv[1], &ex, sizeof ex, 0);
	tap_ok(sandbox_child_poll(&c, &ws) == 1 && WIFSIGNALED(ws) && WTERMSIG(ws) == SIGSYS,
	       "a seccomp kill reaches the run as SIGSYS");
	struct sandbox_exit e;
	tap_ok(sandbox_reap(&c, &e) == 0 && !e.exited && e.code == SIGSYS, "sandbox_reap reports the same kill");
	struct rusage ru;
	tap_ok(sandbox_child_kill_wait(&c, &ws, &ru) == 0 && ru.ru_utime.tv_sec == 1 && ru.ru_utime.tv_usec == 500000 &&
	               ru.ru_maxrss == 4096,
	       "the child's resource usage comes from the template");
	close(sv[0]);
	close(sv[1]);

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return;
	c = (struct sandbox_child){.pid = -1, .pidfd = -1, .sock = -1, .err_fd = -1, .status_fd = sv[0]};
	ex = (struct tmpl_exit){.type = TMPL_EXIT, .code = CLD_EXITED, .status = 65};
	(void)!send(sv[1], &ex, sizeof ex, 0);
	tap_ok(sandbox_reap(&c, &e) == 0 && e.exited && e.code == 65, "an exit status comes through");
	close(sv[0]);
	close(sv[1]);

	/* The template dies: its pid namespace took the child along. */
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return;
	c = (struct sandbox_child){.pid = -1, .pidfd = -1, .sock = -1, .err_fd = -1, .status_fd = sv[0]};
	close(sv[1]);
	tap_ok(sandbox_child_poll(&c, &ws) == 1 && WIFSIGNALED(ws) && WTERMSIG(ws) == SIGKILL,
	       "a template that dies reports its runs killed");
	close(sv[0]);

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return;
	c = (struct sandbox_child){.pid = -1, .pidfd = -1, .sock = -1, .err_fd = -1, .status_fd = sv[0]};
	uint32_t junk[3] = {TMPL_EXIT, 0, 0};
	(void)!send(sv[1], junk, sizeof junk, 0);
	tap_ok(sandbox_child_poll(&c, &ws) == 1 && WIFSIGNALED(ws), "a malformed exit record ends the run as killed");
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	check_spawn_failures();
	check_exit_records();
	return tap_done();
}
