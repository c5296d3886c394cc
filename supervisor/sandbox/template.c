/* template: see template.h. The template guest is spawned by
 * sandbox_spawn() like any guest (template_mode keeps its capabilities in
 * its own user namespace); its fd 3 becomes the control socket on which
 * this side sends one channel per run (a byte with SCM_RIGHTS). Each run's
 * channel speaks common/tmplmsg.h. */
#include "template.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fdpass.h"
#include "filter.h"
#include "sandbox_int.h"
#include "seccomp.h"
#include "tmplmsg.h"

/* The template's answer to a spawn carries two fds. */
#define TEMPLATE_HELD_FDS 2

struct sandbox_template {
	struct sandbox_config cfg; /* owned copies below */
	char **argv;
	void *bpf;
	char *hostname;
	struct sandbox_child cur; /* the template now taking runs */
	uint64_t started_ms;
	unsigned runs;
	struct sandbox_child retired[SANDBOX_TEMPLATE_RETIRED_MAX];
};

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void close_fd(int *fd)
{
	if (*fd >= 0) {
		close(*fd);
		*fd = -1;
	}
}

static void free_copy(struct sandbox_template *t)
{
	if (t->argv) {
		for (size_t i = 0; t->argv[i]; i++)
			free(t->argv[i]);
		free(t->argv);
	}
	free(t->bpf);
	free(t->hostname);
	close_fd(&t->cfg.guest_fd);
}

static int copy_config(struct sandbox_template *t, const struct sandbox_config *cfg)
{
	size_t argc = 0;
	while (cfg->guest_argv && cfg->guest_argv[argc])
		argc++;
	t->cfg = *cfg;
	t->cfg.guest_fd = -1;
	t->argv = calloc(argc + 1, sizeof *t->argv);
	if (!t->argv)
		return -ENOMEM;
	for (size_t i = 0; i < argc; i++)
		if (!(t->argv[i] = strdup(cfg->guest_argv[i])))
			return -ENOMEM;
	if (cfg->bpf && cfg->bpf_len) {
		if (!(t->bpf = malloc(cfg->bpf_len)))
			return -ENOMEM;
		memcpy(t->bpf, cfg->bpf, cfg->bpf_len);
	}
	if (cfg->hostname && !(t->hostname = strdup(cfg->hostname)))
		return -ENOMEM;
	t->cfg.guest_fd = fcntl(cfg->guest_fd, F_DUPFD_CLOEXEC, 3);
	if (t->cfg.guest_fd < 0)
		return -errno;
	t->cfg.guest_argv = t->argv;
	t->cfg.bpf = t->bpf;
	t->cfg.hostname = t->hostname;
	/* Per run, not the template's: */
	t->cfg.cgroup_v2_fd = -1;
	t->cfg.before_release = NULL;
	t->cfg.cpu_seconds = 0;
	t->cfg.template_mode = 1;
	return 0;
}

static void kill_child(struct sandbox_child *c)
{
	if (c->pidfd >= 0) {
		syscall(SYS_pidfd_send_signal, c->pidfd, SIGKILL, NULL, 0);
		siginfo_t si;
		while (waitid((idtype_t)P_PIDFD, (id_t)c->pidfd, &si, WEXITED) < 0 && errno == EINTR)
			;
	}
	sandbox_child_close(c);
}

/* Copies what the template wrote to its stderr into err (its own words on
 * why it could not start). */
static void template_stderr(const struct sandbox_child *c, char *err, size_t errlen)
{
	char buf[256];
	ssize_t n = read(c->err_fd, buf, sizeof buf - 1);
	if (n <= 0)
		return;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	size_t l = strlen(err);
	snprintf(err + l, errlen - l, ": %s", buf);
}

/* Spawns one template, gives it the walls it lacks, and waits for its
 * ready byte (sent once the prelude is loaded). */
static int start_one(struct sandbox_template *t, struct sandbox_child *c, char *err, size_t errlen)
{
	int r = sandbox_spawn(&t->cfg, c, err, errlen);
	if (r < 0)
		return r;
	uint32_t notes = (c->enforced.userns_limit ? 0 : SANDBOX_NOTE_NO_USERNS_LIMIT) |
	                 (c->enforced.hostname ? 0 : SANDBOX_NOTE_NO_HOSTNAME);
	if (write(c->sock, &notes, sizeof notes) != (ssize_t)sizeof notes) {
		r = -errno;
		snprintf(err, errlen, "configuring the template: %s", strerror(errno));
		goto fail;
	}
	struct pollfd p = {.fd = c->sock, .events = POLLIN};
	int pr;
	do
		pr = poll(&p, 1, SANDBOX_TEMPLATE_START_TIMEOUT_MS);
	while (pr < 0 && errno == EINTR);
	char b = 0;
	ssize_t n = pr > 0 ? read(c->sock, &b, 1) : -1;
	if (n != 1 || b != 'R') {
		r = pr == 0 ? -ETIMEDOUT : -EIO;
		snprintf(err, errlen, "the template guest did not become ready");
		syscall(SYS_pidfd_send_signal, c->pidfd, SIGKILL, NULL, 0);
		siginfo_t si;
		while (waitid((idtype_t)P_PIDFD, (id_t)c->pidfd, &si, WEXITED) < 0 && errno == EINTR)
			;
		template_stderr(c, err, errlen);
		sandbox_child_close(c);
		return r;
	}
	t->started_ms = now_ms();
	t->runs = 0;
	return 0;
fail:
	kill_child(c);
	return r;
}

int sandbox_template_start(const struct sandbox_config *cfg, struct sandbox_template **out, char *err, size_t errlen)
{
	*out = NULL;
	err[0] = '\0';
	if (sandbox_check_bpf(cfg, err, errlen) < 0)
		return -EINVAL;
	struct sandbox_template *t = calloc(1, sizeof *t);
	if (!t) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	t->cur = (struct sandbox_child){.pid = -1, .pidfd = -1, .sock = -1, .err_fd = -1, .status_fd = -1};
	for (int i = 0; i < SANDBOX_TEMPLATE_RETIRED_MAX; i++)
		t->retired[i] = t->cur;
	int r = copy_config(t, cfg);
	if (r < 0) {
		snprintf(err, errlen, "copying the template's configuration: %s", strerror(-r));
		free_copy(t);
		free(t);
		return r;
	}
	r = start_one(t, &t->cur, err, errlen);
	if (r < 0) {
		free_copy(t);
		free(t);
		return r;
	}
	*out = t;
	return 0;
}

/* Reaps retired templates that have finished their runs. */
static void reap_retired(struct sandbox_template *t)
{
	for (int i = 0; i < SANDBOX_TEMPLATE_RETIRED_MAX; i++) {
		struct sandbox_child *c = &t->retired[i];
		siginfo_t si = {0};
		if (c->pidfd >= 0 && waitid((idtype_t)P_PIDFD, (id_t)c->pidfd, &si, WEXITED | WNOHANG) == 0 &&
		    si.si_pid)
			sandbox_child_close(c);
	}
}

/* Starts a fresh template and retires the current one: closing its control
 * socket tells it to finish its runs and exit. With every retired slot
 * taken, the oldest is killed (its runs end as cancelled by the kernel). */
static int rotate(struct sandbox_template *t)
{
	char err[256];
	struct sandbox_child fresh;
	int r = start_one(t, &fresh, err, sizeof err);
	if (r < 0)
		return r;
	reap_retired(t);
	int slot = -1;
	for (int i = 0; i < SANDBOX_TEMPLATE_RETIRED_MAX && slot < 0; i++)
		if (t->retired[i].pidfd < 0)
			slot = i;
	if (slot < 0) {
		slot = 0;
		kill_child(&t->retired[0]);
	}
	close_fd(&t->cur.sock);
	t->retired[slot] = t->cur;
	t->cur = fresh;
	return 0;
}

int sandbox_template_connect(struct sandbox_template *t)
{
	/* A retired template exits once its last run is done: reap it here,
	 * or its zombie and fds stay until the next rotation. */
	reap_retired(t);
	siginfo_t si = {0};
	int dead = waitid((idtype_t)P_PIDFD, (id_t)t->cur.pidfd, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid;
	if (dead || t->runs >= SANDBOX_TEMPLATE_MAX_RUNS ||
	    now_ms() - t->started_ms >= SANDBOX_TEMPLATE_MAX_AGE_S * 1000u) {
		int r = rotate(t);
		if (r < 0)
			return r;
	}
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return -errno;
	char b = 'C';
	ssize_t n = fdpass_send(t->cur.sock, &b, 1, &sv[1], 1, 0);
	/* The control socket is nonblocking; a burst of connects can fill it
	 * faster than the template takes channels. Wait for room, bounded. */
	while (n == -EAGAIN) {
		struct pollfd p = {.fd = t->cur.sock, .events = POLLOUT};
		int pr = poll(&p, 1, SANDBOX_SETUP_TIMEOUT_MS);
		if (pr == 0) {
			n = -ETIMEDOUT;
			break;
		}
		if (pr < 0 && errno != EINTR) {
			n = -errno;
			break;
		}
		n = fdpass_send(t->cur.sock, &b, 1, &sv[1], 1, 0);
	}
	int e = n == 1 ? 0 : (n < 0 ? (int)n : -EIO);
	close(sv[1]);
	if (e < 0) {
		close(sv[0]);
		return e;
	}
	t->runs++;
	return sv[0];
}

void sandbox_template_stop(struct sandbox_template *t)
{
	if (!t)
		return;
	kill_child(&t->cur);
	for (int i = 0; i < SANDBOX_TEMPLATE_RETIRED_MAX; i++)
		kill_child(&t->retired[i]);
	free_copy(t);
	free(t);
}

unsigned sandbox_template_runs(const struct sandbox_template *t)
{
	return t->runs;
}

pid_t sandbox_template_pid(const struct sandbox_template *t)
{
	return t->cur.pid;
}

/* ---- in the run's supervisor ------------------------------------------ */

/* The pid of a pidfd in our pid namespace ("Pid:" in its fdinfo). */
static pid_t pidfd_pid(int pidfd)
{
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/self/fdinfo/%d", pidfd);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	const char *p = strstr(buf, "\nPid:");
	if (!p)
		return -1;
	long v = strtol(p + 5, NULL, 10);
	return v > 0 ? (pid_t)v : -1;
}

static int send_spawn(int chan, const struct sandbox_config *cfg, int sock, int err_w, char *err, size_t errlen)
{
	struct {
		struct tmpl_spawn h;
		char args[TMPL_ARGS_MAX];
	} msg;
	memset(&msg.h, 0, sizeof msg.h);
	size_t len = 0;
	uint32_t argc = 0;
	for (; cfg->guest_argv[argc]; argc++) {
		size_t l = strlen(cfg->guest_argv[argc]) + 1;
		if (argc + 1 > TMPL_ARGC_MAX || len + l > TMPL_ARGS_MAX) {
			snprintf(err, errlen, "the guest's arguments exceed the template's bounds");
			return -E2BIG;
		}
		memcpy(msg.args + len, cfg->guest_argv[argc], l);
		len += l;
	}
	msg.h.type = TMPL_SPAWN;
	msg.h.disable = cfg->disable;
	msg.h.stack_bytes = cfg->stack_bytes;
	msg.h.cpu_seconds = cfg->cpu_seconds;
	msg.h.argc = argc;
	msg.h.args_len = (uint32_t)len;
	int fds[2] = {sock, err_w};
	size_t want = sizeof msg.h + len;
	ssize_t n = fdpass_send(chan, &msg, want, fds, 2, 0);
	if (n != (ssize_t)want) {
		int e = n < 0 ? (int)-n : EIO;
		snprintf(err, errlen, "asking the template for a run: %s", strerror(e));
		return -e;
	}
	return 0;
}

/* Receives TMPL_HELD with its pidfd and sync socket, or TMPL_FAILED. */
static int recv_held(int chan, struct tmpl_held *held, int *pidfd, int *sync, char *err, size_t errlen)
{
	struct pollfd p = {.fd = chan, .events = POLLIN};
	int pr;
	do
		pr = poll(&p, 1, SANDBOX_SETUP_TIMEOUT_MS);
	while (pr < 0 && errno == EINTR);
	if (pr <= 0) {
		snprintf(err, errlen, "the template did not answer within %d ms", SANDBOX_SETUP_TIMEOUT_MS);
		return pr < 0 ? -errno : -ETIMEDOUT;
	}
	union {
		struct tmpl_held held;
		struct tmpl_failed failed;
	} msg;
	int fds[FDPASS_MAX_FDS], nfds;
	ssize_t n = fdpass_recv(chan, &msg, sizeof msg, fds, &nfds, MSG_DONTWAIT);
	if (n == (ssize_t)sizeof msg.held && msg.held.type == TMPL_HELD && nfds == TEMPLATE_HELD_FDS) {
		*held = msg.held;
		*pidfd = fds[0];
		*sync = fds[1];
		return 0;
	}
	for (int i = 0; i < nfds; i++)
		close(fds[i]);
	if (n == (ssize_t)sizeof msg.failed && msg.failed.type == TMPL_FAILED) {
		msg.failed.step[sizeof msg.failed.step - 1] = '\0';
		int e = msg.failed.err > 0 ? msg.failed.err : EIO;
		snprintf(err, errlen, "the template could not start the run at \"%s\": %s", msg.failed.step,
		         strerror(e));
		return -e;
	}
	snprintf(err, errlen, "the template's answer was malformed (%zd bytes)", n);
	return -EPROTO;
}

int sandbox_template_spawn(int chan, const struct sandbox_config *cfg, struct sandbox_child *out, char *err,
                           size_t errlen)
{
	int sockp[2] = {-1, -1}, errp[2] = {-1, -1};
	int pidfd = -1, sync = -1;
	int r;

	memset(out, 0, sizeof *out);
	out->pid = -1;
	out->pidfd = out->sock = out->err_fd = out->status_fd = -1;
	err[0] = '\0';
	if (chan < 0 || !cfg->guest_argv || !cfg->guest_argv[0]) {
		snprintf(err, errlen, "no template channel or guest argv");
		return -EINVAL;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockp) < 0 || pipe2(errp, O_CLOEXEC) < 0) {
		r = -errno;
		snprintf(err, errlen, "creating channels: %s", strerror(errno));
		goto fail;
	}
	r = send_spawn(chan, cfg, sockp[1], errp[1], err, errlen);
	/* The template holds its copies now; ours would keep the guest's
	 * socket and pipe open after it ends. */
	close_fd(&sockp[1]);
	close_fd(&errp[1]);
	if (r < 0)
		goto fail;
	struct tmpl_held held = {0};
	r = recv_held(chan, &held, &pidfd, &sync, err, errlen);
	if (r < 0)
		goto fail;
	/* Keep our copy of the channel: it reports the child's end. */
	out->status_fd = fcntl(chan, F_DUPFD_CLOEXEC, 3);
	out->pidfd = pidfd;
	if (out->status_fd < 0) {
		r = -errno;
		snprintf(err, errlen, "status channel: %s", strerror(errno));
		goto fail_child;
	}
	pid_t pid = pidfd_pid(pidfd);
	if (pid < 0) {
		r = -ESRCH;
		snprintf(err, errlen, "cannot tell the run child's pid from its pidfd");
		goto fail_child;
	}
	/* No CLONE_INTO_CGROUP: the template's clone cannot name our group
	 * (it is outside the template's cgroup namespace), so the child is
	 * placed here while it is held, like sandbox.c's clone fallback. */
	int into_cgroup = 0;
	if (cfg->cgroup_v2_fd >= 0) {
		r = sandbox_cgroup_procs(cfg->cgroup_v2_fd, pid, err, errlen);
		if (r < 0)
			goto fail_child;
		into_cgroup = 2;
	}
	unsigned notes = held.notes;
	r = sandbox_release(cfg, pid, sync, &notes, err, errlen);
	if (r < 0)
		goto fail_child;
	close_fd(&sync);
	if (fcntl(sockp[0], F_SETFL, O_NONBLOCK) < 0 || fcntl(errp[0], F_SETFL, O_NONBLOCK) < 0) {
		r = -errno;
		snprintf(err, errlen, "nonblocking fds: %s", strerror(errno));
		goto fail_child;
	}
	out->pid = pid;
	out->sock = sockp[0];
	out->err_fd = errp[0];
	sandbox_fill_enforced(cfg, &out->enforced);
	out->enforced.into_cgroup = into_cgroup;
	out->enforced.userns_limit =
	        !(cfg->disable & SANDBOX_NO_USERNS_LIMIT) && !(notes & SANDBOX_NOTE_NO_USERNS_LIMIT);
	out->enforced.hostname = !(notes & SANDBOX_NOTE_NO_HOSTNAME);
	return 0;

fail_child:
	/* The template reaps it and reports; wait for that, bounded. */
	if (out->status_fd >= 0)
		(void)sandbox_child_kill_wait(out, NULL, NULL);
	else
		syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0);
fail:
	if (out->pidfd < 0)
		close_fd(&pidfd);
	sandbox_child_close(out);
	out->pid = -1;
	close_fd(&sync);
	close_fd(&sockp[0]);
	close_fd(&sockp[1]);
	close_fd(&errp[0]);
	close_fd(&errp[1]);
	return r;
}

int sandbox_template_start_guest(const char *guest_path, unsigned disable, unsigned flags,
                                 struct sandbox_template **out, char *err, size_t errlen)
{
	void *bpf = NULL;
	size_t bpf_len = 0;
	if (!(disable & SANDBOX_NO_SECCOMP) && seccomp_build(&bpf, &bpf_len, err, errlen) < 0)
		return -EINVAL;
	int gfd = open(guest_path, O_PATH | O_CLOEXEC);
	if (gfd < 0) {
		int e = -errno;
		snprintf(err, errlen, "cannot open the guest binary %s: %s", guest_path, strerror(errno));
		free(bpf);
		return e;
	}
	/* CODECELL_NO_HUGETEXT=1 leaves the template's code in its file
	 * mapping (guest/hugetext.h): for profilers, which name no function in
	 * code that was moved to anonymous huge pages. */
	const char *nh = getenv("CODECELL_NO_HUGETEXT");
	char *argv[6] = {"codecell-guest", "--template", NULL, NULL, NULL, NULL}, **next = argv + 2;
	if (disable & SANDBOX_NO_SECCOMP)
		*next++ = "--no-seccomp";
	if (nh && *nh && strcmp(nh, "0") != 0)
		*next++ = "--no-hugetext";
	if (flags & SANDBOX_TEMPLATE_NO_PRETOUCH)
		*next++ = "--no-pretouch";
	if (flags & SANDBOX_TEMPLATE_NO_HEAPOWN)
		*next = "--no-heapown";
	struct sandbox_config sc;
	sandbox_config_init(&sc);
	sc.guest_fd = gfd;
	sc.guest_argv = argv;
	sc.bpf = bpf;
	sc.bpf_len = bpf_len;
	sc.disable = disable;
	int e = sandbox_template_start(&sc, out, err, errlen);
	close(gfd);
	free(bpf);
	return e;
}
