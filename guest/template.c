/* template: see template.h. One thread, one poll loop: the control socket
 * brings channels, a channel brings one spawn request, the child's pidfd
 * says when to reap it and report. The template never blocks on a run: the
 * supervisor releases the child and reads its setup records directly on
 * the sync socket the template hands over.
 *
 * Error regimes as in sandbox.c: the template answers a failed spawn with
 * TMPL_FAILED and goes on; the child reports a failed step on its sync
 * socket and _exits, because a half-built sandbox must never run a
 * program. */
#include "template.h"

#include <errno.h>
#include <linux/sched.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/rseq.h>
#include <sys/socket.h>
#include <sys/statfs.h>
#include <linux/magic.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "exitcode.h"
#include "fdpass.h"
#include "filter.h"
#include "jail.h"
#include "privs.h"

/* The template's control socket from the supervisor (the guest's fd 3). */
#define TEMPLATE_CTL_FD 3

struct slot {
	int chan;  /* the run's channel, -1 when free (or closed by the run) */
	int pidfd; /* the run child, -1 before the spawn */
};

/* What the template writes between forks: its bookkeeping of runs and
 * the spawn request it decodes. These pages are its own (MADV_DONTFORK,
 * in template_serve): a run child does not inherit them, so the template's
 * writes after a fork are not copy-on-write faults (a page it shares with
 * a child costs it one per fork; docs/PERFORMANCE.md round 9), and no
 * child holds the template's view of the other runs. Aligned and sized to
 * whole pages so that no other variable shares them. */
struct own_state {
	struct slot slots[TMPL_MAX_RUNS];
	struct pollfd p[1 + 2 * TMPL_MAX_RUNS];
	int which[1 + 2 * TMPL_MAX_RUNS];
	uint8_t buf[sizeof(struct tmpl_spawn) + TMPL_ARGS_MAX];
	int pidfd; /* clone3 writes the new child's pidfd here */
} __attribute__((aligned(4096)));
static struct own_state own;

/* Set once before the first fork, read by the template and its children. */
static uint32_t template_notes;
static int cap_count;
/* fd JAIL_TEMPLATE_PROC_FD is a proc instance (sandbox.c made it): each run
 * child gets a user namespace of its own and maps itself through it. */
static bool own_userns;

static void send_failed(int chan, const char *step, int err)
{
	struct tmpl_failed f;
	memset(&f, 0, sizeof f);
	f.type = TMPL_FAILED;
	f.err = err > 0 ? err : EIO;
	snprintf(f.step, sizeof f.step, "%s", step);
	(void)!send(chan, &f, sizeof f, MSG_NOSIGNAL | MSG_DONTWAIT);
}

/* ---- the run child ------------------------------------------------------ */

__attribute__((noreturn)) static void child_die(int sync, const char *step, int err)
{
	struct jail_report rep;
	memset(&rep, 0, sizeof rep);
	rep.err = err > 0 ? err : (err < 0 ? -err : EIO);
	snprintf(rep.step, sizeof rep.step, "%s", step);
	(void)!write(sync, &rep, sizeof rep);
	_exit(127);
}

#define CHECK(sync, call, step)                                                                                        \
	do {                                                                                                           \
		if ((call) < 0)                                                                                        \
			child_die((sync), (step), errno);                                                              \
	} while (0)

#define CHECK_RET(sync, call, stepname)                                                                                \
	do {                                                                                                           \
		int r_ = (call);                                                                                       \
		if (r_ < 0)                                                                                            \
			child_die((sync), (stepname), -r_);                                                            \
	} while (0)

/* A notice on the sync socket: a wall this kernel would not raise. */
static void child_note(int sync, const char *name)
{
	struct jail_report note;
	memset(&note, 0, sizeof note);
	snprintf(note.step, sizeof note.step, "%s", name);
	(void)!write(sync, &note, sizeof note);
}

/* Maps uid and gid 0 of the child's new user namespace to the template's 0
 * (the supervisor's outside id). A process may map its own ids into a
 * namespace it created, one line, setgroups denied first (user_namespaces(7),
 * the unprivileged case); "self" in the template's proc instance is this
 * child. Then no user namespace below this one (sandbox.c's reasoning: a
 * refusal is a notice, a second wall behind the filter). */
static void child_userns(const struct tmpl_spawn *req, int sync)
{
	CHECK_RET(sync, jail_write_at(JAIL_TEMPLATE_PROC_FD, "self/setgroups", "deny"), "deny setgroups");
	CHECK_RET(sync, jail_write_at(JAIL_TEMPLATE_PROC_FD, "self/gid_map", "0 0 1\n"), "write gid_map");
	CHECK_RET(sync, jail_write_at(JAIL_TEMPLATE_PROC_FD, "self/uid_map", "0 0 1\n"), "write uid_map");
	if (req->disable & SANDBOX_NO_USERNS_LIMIT)
		return;
	int e = jail_write_at(JAIL_TEMPLATE_PROC_FD, "sys/user/max_user_namespaces", "0");
	if (e == -EPERM || e == -EACCES || e == -EROFS)
		child_note(sync, JAIL_NOTE_USERNS_LIMIT);
	else
		CHECK_RET(sync, e, "limit nested user namespaces");
}

/* template_serve's before_filter and its argument, for the run children. */
static template_before_filter_fn child_before_filter;
static void *child_before_filter_arg;

/* The order is sandbox.c's child_main, less what the template already did
 * for all its runs (the hostname, non-dumpable): hold until released, then
 * the user namespace's maps and limit, root, fds, rlimits, capabilities,
 * no_new_privs, the before_filter hook, and the filter last. */
static void child_setup(const struct tmpl_spawn *req, int sock, int err_w, int sync, bool filter)
{
	char b;
	ssize_t n;
	do
		n = read(sync, &b, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1)
		_exit(127);

	/* The template's death already ends us (it is init of the pid
	 * namespace we also belong to); this covers the window anyway. */
	CHECK(sync, prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0), "PR_SET_PDEATHSIG");
	CHECK(sync, setsid(), "setsid");
	if (own_userns)
		child_userns(req, sync);

	const char *step = "setup";
	/* A fresh empty root of our own over the template's, which is empty
	 * and read-only (jail_pivot made it so) and now covered; no sibling
	 * shares ours. jail_cover_root says why not pivot_root here. */
	if (!(req->disable & SANDBOX_NO_PIVOT))
		CHECK_RET(sync, jail_cover_root(JAIL_RUN_MOUNTPOINT, &step), step);

	/* 0 and 1 are the template's /dev/null; the sync socket waits at 4
	 * until the setup is done. */
	int src[4] = {0, 0, err_w, sock};
	int keep[1] = {sync};
	int r = jail_fds(src, 4, keep, 1, 4, &step);
	sync = keep[0];
	CHECK_RET(sync, r, step);

	struct jail_rlimits rl = {
	        .stack_bytes = req->stack_bytes,
	        .cpu_seconds = req->cpu_seconds,
	        .nofile = JAIL_MAX_FDS,
	};
	if (!(req->disable & SANDBOX_NO_RLIMITS))
		CHECK_RET(sync, jail_rlimits(&rl, &step), step);

	/* Capabilities last among the privileged steps (the mount above needs
	 * them). No exec follows, but the securebits still lock the door for
	 * anything that could regain them. */
	if (!(req->disable & SANDBOX_NO_CAPDROP)) {
		CHECK_RET(sync, privs_lock_securebits(), "lock securebits");
		CHECK_RET(sync, privs_drop_caps(cap_count), "drop capabilities");
		CHECK_RET(sync, privs_verify_dropped(cap_count), "verify capabilities");
	}
	CHECK_RET(sync, privs_set_no_new_privs(), "PR_SET_NO_NEW_PRIVS");

	/* EOF on the sync socket tells the supervisor the sandbox is built;
	 * the close has to come before the filter, which forbids close(2).
	 * From here on a failure is reported as an exec'd guest reports it:
	 * exit status and a line on stderr. */
	close(sync);
	if (child_before_filter)
		child_before_filter(child_before_filter_arg);
	if (filter && !(req->disable & SANDBOX_NO_SECCOMP)) {
		int e = filter_load();
		if (e < 0) {
			diag("codecell-guest: cannot load the seccomp filter: %s\n", strerror(-e));
			_exit(GUEST_EXIT_SANDBOX);
		}
	}
}

/* ---- the template ------------------------------------------------------- */

/* Decodes a TMPL_SPAWN into req and run; 0, or -EPROTO for anything else. */
static int decode_spawn(const uint8_t *buf, ssize_t n, struct tmpl_spawn *req, struct template_run *run)
{
	if (n < (ssize_t)sizeof *req)
		return -EPROTO;
	memcpy(req, buf, sizeof *req);
	if (req->type != TMPL_SPAWN || req->args_len > TMPL_ARGS_MAX || (size_t)n != sizeof *req + req->args_len ||
	    req->argc < 1 || req->argc > TMPL_ARGC_MAX)
		return -EPROTO;
	memcpy(run->args, buf + sizeof *req, req->args_len);
	run->args[req->args_len] = '\0';
	/* Exactly argc NUL-terminated strings, filling args_len. */
	size_t off = 0;
	int argc = 0;
	while (off < req->args_len && argc < (int)req->argc) {
		run->argv[argc++] = run->args + off;
		off += strlen(run->args + off) + 1;
	}
	if (argc != (int)req->argc || off != req->args_len)
		return -EPROTO;
	run->argv[argc] = NULL;
	run->argc = argc;
	run->disable = req->disable;
	return 0;
}

/* Handles a spawn request on slot s. Returns 1 in the run child (set up),
 * 0 in the template. */
static int spawn(struct slot *s, bool filter, struct template_run *run)
{
	uint8_t *buf = own.buf;
	int fds[FDPASS_MAX_FDS], nfds;
	ssize_t n = fdpass_recv(s->chan, buf, sizeof own.buf, fds, &nfds, MSG_DONTWAIT);
	if (n == -EAGAIN || n == -EWOULDBLOCK)
		return 0;
	struct tmpl_spawn req;
	int syncp[2] = {-1, -1};
	own.pidfd = -1;
	if (n <= 0 || nfds != 2 || decode_spawn(buf, n, &req, run) < 0) {
		/* EOF before a spawn, or a malformed request: the channel ends. */
		if (n > 0)
			send_failed(s->chan, "decode the spawn request", EPROTO);
		goto drop;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, syncp) < 0) {
		send_failed(s->chan, "sync socketpair", errno);
		goto drop;
	}
	uint64_t flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP | CLONE_PIDFD;
	if (own_userns)
		flags |= CLONE_NEWUSER;
	if (!(req.disable & SANDBOX_NO_NETNS))
		flags |= CLONE_NEWNET;
	struct clone_args ca;
	memset(&ca, 0, sizeof ca);
	ca.flags = flags;
	ca.pidfd = (uint64_t)(uintptr_t)&own.pidfd;
	ca.exit_signal = SIGCHLD;
	pid_t pid = (pid_t)syscall(SYS_clone3, &ca, sizeof ca);
	if (pid < 0) {
		send_failed(s->chan, "clone3 into new namespaces", errno);
		goto drop;
	}
	if (pid == 0) {
		close(syncp[0]);
		child_setup(&req, fds[0], fds[1], syncp[1], filter);
		return 1;
	}
	close(syncp[1]);
	close(fds[0]);
	close(fds[1]);
	/* With a user namespace of its own the child reports its own limit. */
	uint32_t notes = own_userns ? template_notes & ~SANDBOX_NOTE_NO_USERNS_LIMIT : template_notes;
	struct tmpl_held held = {.type = TMPL_HELD, .notes = notes};
	int out[2] = {own.pidfd, syncp[0]};
	(void)fdpass_send(s->chan, &held, sizeof held, out, 2, MSG_DONTWAIT);
	close(syncp[0]);
	/* The child waits for the supervisor's byte on a socket nobody else
	 * holds now: if the answer did not go out, it sees EOF and exits. */
	s->pidfd = own.pidfd;
	return 0;
drop:
	for (int i = 0; i < nfds; i++)
		close(fds[i]);
	if (syncp[0] >= 0)
		close(syncp[0]);
	if (syncp[1] >= 0)
		close(syncp[1]);
	close(s->chan);
	s->chan = -1;
	return 0;
}

/* Reaps the run child of slot s and reports its end on the channel. */
static void reap(struct slot *s)
{
	siginfo_t si;
	struct rusage ru;
	memset(&si, 0, sizeof si);
	memset(&ru, 0, sizeof ru);
	/* The raw call: glibc's waitid has no rusage argument. */
	while (syscall(SYS_waitid, P_PIDFD, s->pidfd, &si, WEXITED, &ru) < 0 && errno == EINTR)
		;
	if (s->chan >= 0) {
		struct tmpl_exit ex;
		memset(&ex, 0, sizeof ex);
		ex.type = TMPL_EXIT;
		ex.code = si.si_code;
		ex.status = si.si_status;
		ex.utime_us = (uint64_t)ru.ru_utime.tv_sec * 1000000u + (uint64_t)ru.ru_utime.tv_usec;
		ex.stime_us = (uint64_t)ru.ru_stime.tv_sec * 1000000u + (uint64_t)ru.ru_stime.tv_usec;
		ex.maxrss_kb = (uint64_t)ru.ru_maxrss;
		(void)!send(s->chan, &ex, sizeof ex, MSG_NOSIGNAL | MSG_DONTWAIT);
		close(s->chan);
	}
	close(s->pidfd);
	s->chan = s->pidfd = -1;
}

/* A new channel from the control socket. Returns 0, or -1 when the
 * supervisor closed it (no new runs). */
static int accept_channel(void)
{
	char b;
	int fds[FDPASS_MAX_FDS], nfds;
	ssize_t n = fdpass_recv(TEMPLATE_CTL_FD, &b, 1, fds, &nfds, 0);
	if (n == 0 || (n < 0 && n != -EMSGSIZE))
		return -1;
	for (int i = 1; i < nfds; i++)
		close(fds[i]);
	if (n != 1 || nfds < 1)
		return 0;
	int fd = fds[0];
	for (int i = 0; i < TMPL_MAX_RUNS; i++) {
		if (own.slots[i].chan < 0 && own.slots[i].pidfd < 0) {
			own.slots[i].chan = fd;
			return 0;
		}
	}
	/* Full: the run's supervisor sees EOF and reports the spawn failed. */
	close(fd);
	return 0;
}

/* Ends glibc's restartable-sequences registration of this thread. The
 * kernel writes the thread's rseq area (in the TLS block on malloc's first
 * heap page) on returns to user space after a preemption or migration; in
 * the template that page is shared with run children, so each write is a
 * copy-on-write fault in the kernel. glibc reads the area only in
 * sched_getcpu, which falls back to the system call when unregistered; the
 * children inherit the unregistered state. Best effort. */
static void rseq_unregister(void)
{
	if (__rseq_size == 0)
		return;
	void *area = (char *)__builtin_thread_pointer() + __rseq_offset;
	/* The kernel wants the length that was registered: glibc registers
	 * its 32-byte struct but may export a smaller feature size (Debian
	 * 12's 2.36 says 20), so that is the second try. */
	if (syscall(SYS_rseq, area, (unsigned)sizeof(struct rseq), RSEQ_FLAG_UNREGISTER, RSEQ_SIG) != 0)
		(void)syscall(SYS_rseq, area, __rseq_size, RSEQ_FLAG_UNREGISTER, RSEQ_SIG);
}

void template_serve(bool filter, struct template_run *run, template_before_filter_fn before_filter, void *arg)
{
	/* Set once, before any child: each inherits them (own is not). */
	child_before_filter = before_filter;
	child_before_filter_arg = arg;
	rseq_unregister();
	/* Best effort: without it the state is shared as any page is. */
	(void)madvise(&own, sizeof own, MADV_DONTFORK);
	for (int i = 0; i < TMPL_MAX_RUNS; i++)
		own.slots[i] = (struct slot){.chan = -1, .pidfd = -1};
	/* Until its filter is in, a run child holds capabilities in this user
	 * namespace: host processes sharing the outside uid must not ptrace
	 * the template or its children (non-dumpable is inherited). */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		goto fail;
	cap_count = privs_cap_count();
	if (cap_count < 0)
		goto fail;
	struct statfs sf;
	own_userns = fstatfs(JAIL_TEMPLATE_PROC_FD, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC;
	/* The supervisor first says which walls the template lacks (they
	 * apply to its runs); then the template says it is ready. */
	ssize_t n;
	do
		n = read(TEMPLATE_CTL_FD, &template_notes, sizeof template_notes);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof template_notes)
		_exit(GUEST_EXIT_PROTOCOL);
	if (write(TEMPLATE_CTL_FD, "R", 1) != 1)
		_exit(GUEST_EXIT_IO);

	bool accepting = true;
	struct pollfd *p = own.p;
	int *which = own.which;
	for (;;) {
		int np = 0, live = 0;
		if (accepting) {
			p[np] = (struct pollfd){.fd = TEMPLATE_CTL_FD, .events = POLLIN};
			which[np++] = -1;
		}
		for (int i = 0; i < TMPL_MAX_RUNS; i++) {
			if (own.slots[i].chan >= 0) {
				p[np] = (struct pollfd){.fd = own.slots[i].chan, .events = POLLIN};
				which[np++] = i;
			}
			if (own.slots[i].pidfd >= 0) {
				p[np] = (struct pollfd){.fd = own.slots[i].pidfd, .events = POLLIN};
				which[np++] = TMPL_MAX_RUNS + i;
			}
			if (own.slots[i].chan >= 0 || own.slots[i].pidfd >= 0)
				live++;
		}
		if (!accepting && live == 0)
			_exit(GUEST_EXIT_OK);
		int r = poll(p, (nfds_t)np, -1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		for (int k = 0; k < np; k++) {
			if (!p[k].revents)
				continue;
			int w = which[k];
			if (w < 0) {
				if (accept_channel() < 0)
					accepting = false;
			} else if (w >= TMPL_MAX_RUNS) {
				struct slot *s = &own.slots[w - TMPL_MAX_RUNS];
				if (s->pidfd >= 0)
					reap(s);
			} else {
				struct slot *s = &own.slots[w];
				if (s->chan < 0)
					continue;
				if (s->pidfd < 0) {
					if (spawn(s, filter, run))
						return;
				} else {
					/* After the spawn the run's supervisor
					 * sends nothing: readable means it closed
					 * the channel (it died): the run ends. */
					syscall(SYS_pidfd_send_signal, s->pidfd, SIGKILL, NULL, 0);
					close(s->chan);
					s->chan = -1;
				}
			}
		}
	}
fail:
	diag("codecell-guest: template: %s\n", strerror(errno));
	_exit(GUEST_EXIT_SANDBOX);
}
