/* sandbox: see sandbox.h. The order follows
 * shared/research/sandbox_anchors.md §7: clone3 with every namespace while
 * the child is held on a sync socket; the parent writes the id maps and
 * places the child in its cgroup; the child then sets up the empty root,
 * hostname, fds, rlimits, drops capabilities, sets no_new_privs and execs
 * the guest, which loads the seccomp filter as its first act (the filter
 * forbids execve, so it cannot be installed before the exec).
 *
 * Two error regimes, as in minijail: the parent returns -errno; the child
 * reports the failed step on the sync socket and _exits, because a
 * half-dropped sandbox must never run the guest. */
#include "sandbox.h"

#include "jail.h"
#include "privs.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/sched.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "procstatus.h"
#include "sanitized.h"
#include "filter.h"
#include "tmplmsg.h"
#include "sandbox_int.h"
#include "seccomp.h"

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

/* Notice names on the wire, indexed by bit number (SANDBOX_NOTE_*). */
static const char *const child_notes[] = {
        JAIL_NOTE_USERNS_LIMIT, /* SANDBOX_NOTE_NO_USERNS_LIMIT */
        JAIL_NOTE_HOSTNAME,     /* SANDBOX_NOTE_NO_HOSTNAME */
};

/* Everything the child needs, prepared by the parent before clone3 so the
 * child neither allocates nor formats. */
struct child_ctx {
	const struct sandbox_config *cfg;
	int sync;      /* child end of the sync socketpair */
	int sync_peer; /* parent end: closed first thing in the child */
	int sock;      /* guest end of the protocol socketpair */
	int sock_peer;
	int err_w; /* write end of the stderr pipe */
	int err_r;
	int bpf_r;            /* read end of the filter pipe, or -1 */
	int devnull;          /* /dev/null, O_RDWR */
	int privileged;       /* the supervisor is root: drop supplementary groups */
	int handlers_cleared; /* clone3 ran with CLONE_CLEAR_SIGHAND */
	int cap_count;
	const char *hostname;
	char *const *envp;
};

static char *const guest_env[] = {"TZ=UTC", NULL};

void sandbox_config_init(struct sandbox_config *cfg)
{
	int root = geteuid() == 0;
	*cfg = (struct sandbox_config){
	        .guest_fd = -1,
	        .image_fd = -1,
	        .cgroup_v2_fd = -1,
	        .outside_uid = root ? 65534 : geteuid(),
	        .outside_gid = root ? 65534 : getegid(),
	        .stack_bytes = 8ull << 20,
	        .hostname = "codecell",
	};
}

/* ---- child side ------------------------------------------------------ */

static void copy_str(char *dst, size_t cap, const char *src)
{
	size_t i = 0;
	for (; src[i] && i + 1 < cap; i++)
		dst[i] = src[i];
	dst[i] = '\0';
}

__attribute__((noreturn)) static void child_die(const struct child_ctx *x, int sync, const char *step, int err)
{
	struct jail_report ce;
	memset(&ce, 0, sizeof ce);
	ce.err = err > 0 ? err : (err < 0 ? -err : EIO);
	copy_str(ce.step, sizeof ce.step, step);
	if (sync >= 0)
		(void)!write(sync, &ce, sizeof ce);
	(void)x;
	_exit(127);
}

/* Tells the parent that a wall could not be raised here (a notice, not a
 * failure); the child goes on. */
static void child_note(int sync, unsigned bit)
{
	struct jail_report note = {.err = 0};
	for (size_t i = 0; i < sizeof child_notes / sizeof child_notes[0]; i++)
		if (bit == 1u << i)
			copy_str(note.step, sizeof note.step, child_notes[i]);
	(void)!write(sync, &note, sizeof note);
}

#define CHECK(x, sync, call, step)                                                                                     \
	do {                                                                                                           \
		if ((call) < 0)                                                                                        \
			child_die((x), (sync), (step), errno);                                                         \
	} while (0)

#define CHECK_RET(x, sync, call, step)                                                                                 \
	do {                                                                                                           \
		int r_ = (call);                                                                                       \
		if (r_ < 0)                                                                                            \
			child_die((x), (sync), (step), -r_);                                                           \
	} while (0)

__attribute__((noreturn)) static void child_main(const struct child_ctx *x)
{
	const struct sandbox_config *cfg = x->cfg;
	int sync = x->sync;
	char b;

	/* The parent's ends first: the sync read below must see EOF if the
	 * parent dies, which it cannot while this process holds a copy. */
	close(x->sync_peer);
	close(x->sock_peer);
	close(x->err_r);

	/* A signal mask survives exec; start the guest with none blocked.
	 * Handlers were reset by CLONE_CLEAR_SIGHAND, except after the clone
	 * fallback (no such flag there): reset them by hand, since a handler
	 * the supervisor installed must not run in this half-built child. */
	if (!x->handlers_cleared) {
		for (int sig = 1; sig < NSIG; sig++)
			if (sig != SIGKILL && sig != SIGSTOP)
				signal(sig, SIG_DFL);
	}
	sigset_t none;
	sigemptyset(&none);
	CHECK(x, sync, sigprocmask(SIG_SETMASK, &none, NULL), "reset signal mask");

	/* Held here until the parent has written the id maps and placed us in
	 * our cgroup. EOF means the parent died or gave up. */
	ssize_t n;
	do
		n = read(sync, &b, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1)
		_exit(127);

	/* Become sandbox root (= outside_uid) for real: a root supervisor's
	 * child still carries host uid 0, unmapped here, and files it creates
	 * would fail with EOVERFLOW (probes.md §2). With a root supervisor the
	 * host's supplementary groups (e.g. 0) are still attached; drop them
	 * (setgroups is allowed because the parent did not write "deny"). */
	CHECK(x, sync, setresgid(0, 0, 0), "setresgid");
	if (x->privileged)
		CHECK(x, sync, setgroups(0, NULL), "setgroups");
	CHECK(x, sync, setresuid(0, 0, 0), "setresuid");

	/* After the credential change, which clears the parent-death signal.
	 * If the parent died before this line, its end of the sync socket is
	 * closed and the peek sees EOF; after it, the kernel kills us. */
	CHECK(x, sync, prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0), "PR_SET_PDEATHSIG");
	do
		n = recv(sync, &b, 1, MSG_PEEK | MSG_DONTWAIT);
	while (n < 0 && errno == EINTR);
	if (n == 0)
		_exit(127);

	/* Until exec, this process holds full capabilities in its namespaces
	 * and host fds: keep host processes sharing outside_uid from ptracing
	 * it. execve resets this; the guest sets it again (common/filter.c). */
	CHECK(x, sync, prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "PR_SET_DUMPABLE");

	/* A new session: no controlling terminal, so TIOCSTI-style injection
	 * into the supervisor's terminal is impossible (CVE-2017-5226). */
	CHECK(x, sync, setsid(), "setsid");

	/* No nested user namespaces for anything in this one: they expose
	 * kernel code (netfilter, mounts) to unprivileged users. The limit is
	 * per user namespace, and we hold CAP_SYS_RESOURCE in ours. Done while
	 * the host /proc is still reachable. */
	if (!(cfg->disable & SANDBOX_NO_USERNS_LIMIT)) {
		/* Linux 6.1 (Debian 12's kernel) refuses this write from inside
		 * the namespace with EPERM; 6.18 accepts it; in a container
		 * /proc/sys is mounted read-only (EROFS). It is a second wall
		 * only: the seccomp filter kills unshare, setns, clone and
		 * clone3 creates none, and no capability survives exec. So a
		 * refusal costs that extra wall, not the run, and is reported
		 * as degraded (docs/SECURITY.md); any other failure is fatal. */
		/* The template guest gives each run a user namespace of its
		 * own (template.c), so its namespace allows as many as it has
		 * runs; each run child sets its own limit to 0. */
		char lim[16];
		snprintf(lim, sizeof lim, "%d", cfg->template_mode ? TMPL_MAX_RUNS : 0);
		int e = jail_write_at(AT_FDCWD, "/proc/sys/user/max_user_namespaces", lim);
		if (e == -EPERM || e == -EACCES || e == -EROFS)
			child_note(sync, SANDBOX_NOTE_NO_USERNS_LIMIT);
		else
			CHECK_RET(x, sync, e, "limit nested user namespaces");
	}

	/* An empty tmpfs becomes the root; the host tree is detached, so
	 * nothing of it is reachable by path (no /proc, /dev, /etc). The guest
	 * binary is exec'd through an fd opened before clone, and its stdio
	 * was opened before this. /tmp is only the mount point. The template
	 * keeps one directory in its root: its run children mount their own
	 * empty root there (template.h). */
	const char *step = NULL;
	int proc_fd = -1;
	if (!(cfg->disable & SANDBOX_NO_PIVOT))
		CHECK_RET(x, sync,
		          jail_pivot("/tmp", cfg->template_mode ? JAIL_RUN_MOUNTPOINT : NULL,
		                     cfg->template_mode ? &proc_fd : NULL, &step),
		          step);

	/* The new UTS namespace starts as a copy of ours; the fixed name hides
	 * the host's (or container's) name. Container seccomp profiles refuse
	 * sethostname without CAP_SYS_ADMIN in the container (podman's default
	 * answers EPERM even for a namespace of our own): then the guest keeps
	 * the copied name, which is reported as degraded, not fatal. */
	if (sethostname(x->hostname, strlen(x->hostname)) < 0) {
		if (errno != EPERM)
			child_die(x, sync, "sethostname", errno);
		child_note(sync, SANDBOX_NOTE_NO_HOSTNAME);
	}

	/* Fds 0-4 for the guest; the guest binary and the sync socket stay
	 * after them, close-on-exec, until execveat. */
	int src[6] = {x->devnull, x->devnull, x->err_w, x->sock, x->bpf_r, proc_fd};
	int keep[2] = {cfg->guest_fd, sync};
	int nsrc = x->bpf_r >= 0 ? 5 : 4;
	/* The template's proc fd goes to JAIL_TEMPLATE_PROC_FD, a one-shot
	 * guest's image to SANDBOX_FD_IMAGE (fd 4 is /dev/null when there is
	 * no filter); with no pivot the template has none. */
	_Static_assert(SANDBOX_FD_IMAGE == 5 && JAIL_TEMPLATE_PROC_FD == 5, "both take src[5]");
	int fd5 = cfg->template_mode ? proc_fd : cfg->image_fd;
	if (fd5 >= 0) {
		if (x->bpf_r < 0)
			src[4] = x->devnull;
		src[5] = fd5;
		nsrc = 6;
	}
	int r = jail_fds(src, nsrc, keep, 2, nsrc > 5 ? nsrc : 5, &step);
	sync = keep[1];
	CHECK_RET(x, sync, r, step);
	int guest_fd = keep[0];

	/* The template keeps the supervisor's stack and CPU limits (its run
	 * children lower them per run) and room for its channels. */
	struct jail_rlimits rl = {
	        .stack_bytes = cfg->stack_bytes,
	        .cpu_seconds = cfg->template_mode ? 0 : cfg->cpu_seconds,
	        .nofile = cfg->template_mode ? SANDBOX_TEMPLATE_NOFILE : SANDBOX_NOFILE,
	};
	/* The template's fd count is capacity, not a wall: under a lower
	 * hard limit it takes that (fewer runs at once), not a failure. */
	struct rlimit cur;
	if (cfg->template_mode && getrlimit(RLIMIT_NOFILE, &cur) == 0 && cur.rlim_max < rl.nofile)
		rl.nofile = cur.rlim_max;
	if (!(cfg->disable & SANDBOX_NO_RLIMITS))
		CHECK_RET(x, sync, jail_rlimits(&rl, &step), step);

	/* Capabilities last among the privileged steps: mount, sethostname
	 * and the userns limit above need them. The guest is exec'd as uid 0
	 * of its namespace, and exec would grant root a full set again, hence
	 * the securebits and the empty bounding set. The template guest keeps
	 * them in its own user namespace (no_new_privs caps an exec at what
	 * this process holds): it needs CAP_SYS_ADMIN there to create each
	 * run's namespaces, and each run child drops them all before it reads
	 * a program byte (guest/template.c). */
	if (!(cfg->disable & SANDBOX_NO_CAPDROP) && !cfg->template_mode) {
		CHECK_RET(x, sync, privs_lock_securebits(), "lock securebits");
		CHECK_RET(x, sync, privs_drop_caps(x->cap_count), "drop capabilities");
		CHECK_RET(x, sync, privs_verify_dropped(x->cap_count), "verify capabilities");
	}
	CHECK_RET(x, sync, privs_set_no_new_privs(), "PR_SET_NO_NEW_PRIVS");

	/* The seccomp filter comes after this, loaded by the guest itself. */
	syscall(SYS_execveat, guest_fd, "", cfg->guest_argv, x->envp, AT_EMPTY_PATH);
	child_die(x, sync, "execveat guest", errno);
}

/* ---- parent side ----------------------------------------------------- */

static void close_fd(int *fd)
{
	if (*fd >= 0) {
		close(*fd);
		*fd = -1;
	}
}

static int write_proc(pid_t pid, const char *file, const char *s, char *err, size_t errlen)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, file);
	int r = jail_write_at(AT_FDCWD, path, s);
	if (r < 0)
		snprintf(err, errlen, "writing %s (\"%.*s\"): %s", path, (int)strcspn(s, "\n"), s, strerror(-r));
	return r;
}

static int write_maps(const struct sandbox_config *cfg, pid_t pid, int privileged, char *err, size_t errlen)
{
	char map[64];
	int r;
	/* An unprivileged writer must deny setgroups before writing gid_map.
	 * A root supervisor leaves it allowed so the child can drop the host
	 * supplementary groups it inherited; the guest cannot call setgroups
	 * (no CAP_SETGID, and the filter kills it). */
	if (!privileged) {
		r = write_proc(pid, "setgroups", "deny", err, errlen);
		if (r < 0)
			return r;
	}
	snprintf(map, sizeof map, "0 %u 1\n", (unsigned)cfg->outside_gid);
	r = write_proc(pid, "gid_map", map, err, errlen);
	/* Root maps the guest to an unprivileged outside id (never to root),
	 * which takes CAP_SETGID/CAP_SETUID; root in a container started with
	 * --cap-drop=all has neither. Say what to do instead. */
	if (r == -EPERM && privileged) {
		size_t n = strlen(err);
		snprintf(err + n, errlen - n,
		         "; as root codecell needs CAP_SETUID and CAP_SETGID to map the guest to uid %u: "
		         "run it as a non-root user instead (in a container: --user 65534:65534)",
		         (unsigned)cfg->outside_uid);
	}
	if (r < 0)
		return r;
	snprintf(map, sizeof map, "0 %u 1\n", (unsigned)cfg->outside_uid);
	return write_proc(pid, "uid_map", map, err, errlen);
}

int sandbox_cgroup_procs(int cgfd, pid_t pid, char *err, size_t errlen)
{
	char buf[32];
	int fd = openat(cgfd, "cgroup.procs", O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		snprintf(err, errlen, "opening cgroup.procs: %s", strerror(e));
		return -e;
	}
	int len = snprintf(buf, sizeof buf, "%d\n", (int)pid);
	ssize_t w = write(fd, buf, (size_t)len);
	int e = w == len ? 0 : (w < 0 ? errno : EIO);
	close(fd);
	if (e) {
		snprintf(err, errlen, "moving the sandbox into its cgroup: %s", strerror(e));
		return -e;
	}
	return 0;
}

static void kill_and_reap(pid_t pid, int pidfd)
{
	siginfo_t si;
	syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0);
	while (waitid((idtype_t)P_PIDFD, (id_t)pidfd, &si, WEXITED) < 0 && errno == EINTR)
		;
	(void)pid;
}

/* ---- a child that shares the parent's memory until its exec ----------
 * A forked child would share every page of the supervisor copy-on-write:
 * each page the supervisor writes after the clone (its heap, stack, the
 * libraries' data, for the rest of the run) is then copied or at least
 * trapped once, ~60 a run, which a hypervisor that shadows page tables
 * charges ~14 µs each (docs/PERFORMANCE.md round 11). With CLONE_VM the
 * child runs on a stack of its own in the parent's memory, as posix_spawn's
 * child does, until its exec gives it a memory of its own; the child code
 * above already neither allocates nor formats, and the parent only waits
 * meanwhile (write_maps while the child is held, then sandbox_release).
 * Two things are shared that a fork would not share, and both are handled:
 * - the dumpable flag lives in the memory: the child's credential change
 *   and its PR_SET_DUMPABLE clear it for the parent too, so the parent
 *   restores its own once the child can no longer run in this memory
 *   (exec'd, or killed and reaped);
 * - errno lives in the thread's TLS, which the child's code uses too: the
 *   parent reads errno only for its own failed calls, and the child runs
 *   only while the parent is blocked (held on the sync socket before, the
 *   parent waiting for EOF after).
 * x86_64 only (the entry below is written for its syscall convention), and
 * not in a sanitizer build (AddressSanitizer would see instrumented code
 * run on a stack it does not know): there the child is forked as before. */
#if defined(__x86_64__) && !CODECELL_SANITIZED
#define SANDBOX_CHILD_VM 1
#endif

/* The child's own stack: far more than its deepest frame (the jail's
 * steps with a few path buffers), and a guard page below it, so that an
 * overflow faults the child instead of writing the parent's memory. */
#define CHILD_STACK_BYTES ((size_t)256 << 10)

struct child_stack {
	void *map; /* guard page + stack, or NULL: fork the child */
	size_t len;
	size_t guard; /* the guard page's size: the stack starts after it */
	int dumpable; /* the parent's PR_GET_DUMPABLE before the clone */
};

static void child_stack_open(struct child_stack *st)
{
	*st = (struct child_stack){.map = NULL};
#ifdef SANDBOX_CHILD_VM
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	void *m = mmap(NULL, CHILD_STACK_BYTES + page, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
	if (m == MAP_FAILED)
		return; /* fork the child instead */
	if (mprotect(m, page, PROT_NONE) < 0) {
		munmap(m, CHILD_STACK_BYTES + page);
		return;
	}
	st->map = m;
	st->len = CHILD_STACK_BYTES + page;
	st->guard = page;
	st->dumpable = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
#endif
}

/* Only once the child no longer runs in this memory. */
static void child_stack_close(struct child_stack *st)
{
	if (!st->map)
		return;
	if (st->dumpable == 1 && prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 1)
		(void)prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
	munmap(st->map, st->len);
	st->map = NULL;
}

#ifdef SANDBOX_CHILD_VM
__attribute__((noreturn)) static void child_main(const struct child_ctx *x);

static int child_entry(void *arg)
{
	child_main(arg);
}

/* clone3 with CLONE_VM and ca->stack set: the child starts on that stack,
 * calls child_entry(x) there, and never comes back here (it execs or
 * _exits; the exit below is a backstop). Returns the child's pid, or -1
 * with errno. */
static pid_t clone3_vm(struct clone_args *ca, const struct child_ctx *x)
{
	long ret;
	register long fn __asm__("r12") = (long)child_entry;
	register long arg __asm__("r13") = (long)x;
	__asm__ volatile("syscall\n\t"
	                 "test %%rax, %%rax\n\t"
	                 "jnz 1f\n\t"
	                 /* The child: the kernel set rsp to the top of its stack. */
	                 "xor %%ebp, %%ebp\n\t"
	                 "mov %%r13, %%rdi\n\t"
	                 "call *%%r12\n\t"
	                 "mov %%eax, %%edi\n\t"
	                 "mov %[nr_exit], %%eax\n\t"
	                 "syscall\n\t"
	                 "hlt\n"
	                 "1:"
	                 : "=a"(ret)
	                 : "0"((long)SYS_clone3), "D"(ca), "S"(sizeof *ca), "r"(fn), "r"(arg), [nr_exit] "i"(SYS_exit)
	                 : "rcx", "r11", "rdx", "memory", "cc");
	if (ret < 0) {
		errno = (int)-ret;
		return -1;
	}
	return (pid_t)ret;
}
#endif

/* clone3 of the child: in this memory on st's stack when st has one (the
 * child then never returns here), else forked (0 returned in the child).
 * The pid, or -1 with errno. */
static pid_t spawn_clone3(struct clone_args *ca, const struct child_ctx *x, const struct child_stack *st)
{
#ifdef SANDBOX_CHILD_VM
	if (st->map) {
		struct clone_args vm = *ca;
		vm.flags |= CLONE_VM;
		vm.stack = (uint64_t)(uintptr_t)st->map + st->guard;
		vm.stack_size = st->len - st->guard;
		pid_t pid = clone3_vm(&vm, x);
		/* A kernel that takes the namespaces but not with CLONE_VM
		 * gets the forked child (an EINVAL for the flags themselves
		 * comes back from that call again). */
		if (pid >= 0 || errno != EINVAL)
			return pid;
	}
#else
	(void)x;
	(void)st;
#endif
	return (pid_t)syscall(SYS_clone3, ca, sizeof *ca);
}

/* EOF: exec closed the child's end (close-on-exec), or a template's child
 * closed it once sandboxed. */
int sandbox_wait_setup(int sync, unsigned *notes, char *err, size_t errlen)
{
	struct jail_report ce;
	struct pollfd p = {.fd = sync, .events = POLLIN};
	for (;;) {
		int r;
		do
			r = poll(&p, 1, SANDBOX_SETUP_TIMEOUT_MS);
		while (r < 0 && errno == EINTR);
		if (r < 0) {
			int e = errno;
			snprintf(err, errlen, "waiting for the sandbox: %s", strerror(e));
			return -e;
		}
		if (r == 0) {
			snprintf(err, errlen, "sandbox setup took longer than %d ms", SANDBOX_SETUP_TIMEOUT_MS);
			return -ETIMEDOUT;
		}
		ssize_t n;
		do
			n = recv(sync, &ce, sizeof ce, 0);
		while (n < 0 && errno == EINTR);
		if (n == 0)
			return 0;
		if (n != (ssize_t)sizeof ce) {
			snprintf(err, errlen, "sandbox setup failed (no report from the child)");
			return -EIO;
		}
		ce.step[sizeof ce.step - 1] = '\0';
		if (ce.err == 0) {
			for (size_t i = 0; i < sizeof child_notes / sizeof child_notes[0]; i++)
				if (strcmp(ce.step, child_notes[i]) == 0)
					*notes |= 1u << i;
			continue;
		}
		snprintf(err, errlen, "sandbox setup failed at \"%s\": %s", ce.step, strerror(ce.err));
		return ce.err > 0 ? -ce.err : -EIO;
	}
}

void sandbox_fill_enforced(const struct sandbox_config *cfg, struct sandbox_enforced *e)
{
	size_t n = 0;
	memset(e, 0, sizeof *e);
	e->namespaces[n++] = "user";
	e->namespaces[n++] = "pid";
	e->namespaces[n++] = "mount";
	if (!(cfg->disable & SANDBOX_NO_NETNS))
		e->namespaces[n++] = "net";
	e->namespaces[n++] = "ipc";
	e->namespaces[n++] = "uts";
	e->namespaces[n++] = "cgroup";
	e->namespaces[n] = NULL;
	e->seccomp = !(cfg->disable & SANDBOX_NO_SECCOMP);
	e->no_new_privs = 1;
	e->caps_dropped = !(cfg->disable & SANDBOX_NO_CAPDROP);
	e->empty_root = !(cfg->disable & SANDBOX_NO_PIVOT);
}

int sandbox_release(const struct sandbox_config *cfg, pid_t pid, int sync, unsigned *notes, char *err, size_t errlen)
{
	if (cfg->before_release && cfg->before_release(pid, cfg->before_release_arg) != 0) {
		if (!err[0])
			snprintf(err, errlen, "placing the child failed");
		return -ECANCELED;
	}
	char go = 'G';
	if (write(sync, &go, 1) != 1) {
		int e = errno;
		snprintf(err, errlen, "releasing the child: %s", strerror(e));
		return -e;
	}
	return sandbox_wait_setup(sync, notes, err, errlen);
}

int sandbox_check_bpf(const struct sandbox_config *cfg, char *err, size_t errlen)
{
	if (cfg->disable & SANDBOX_NO_SECCOMP)
		return 0;
	if (!cfg->bpf || cfg->bpf_len == 0 || cfg->bpf_len % 8 != 0 || cfg->bpf_len > FILTER_MAX_BYTES) {
		snprintf(err, errlen, "the seccomp program is missing or malformed (%zu bytes)", cfg->bpf_len);
		return -EINVAL;
	}
	return 0;
}

int sandbox_spawn(const struct sandbox_config *cfg, struct sandbox_child *out, char *err, size_t errlen)
{
	int sockp[2] = {-1, -1}, syncp[2] = {-1, -1};
	int errp[2] = {-1, -1}, bpfp[2] = {-1, -1};
	int devnull = -1, pidfd = -1;
	pid_t pid = -1;
	struct child_stack stack = {.map = NULL};
	int r;
	const int use_seccomp = !(cfg->disable & SANDBOX_NO_SECCOMP);

	memset(out, 0, sizeof *out);
	out->pid = -1;
	out->pidfd = out->sock = out->err_fd = out->status_fd = -1;
	err[0] = '\0';

	if (cfg->guest_fd < 0 || !cfg->guest_argv || !cfg->guest_argv[0]) {
		snprintf(err, errlen, "no guest binary or argv");
		return -EINVAL;
	}
	if (sandbox_check_bpf(cfg, err, errlen) < 0)
		return -EINVAL;
	const char *hostname = cfg->hostname ? cfg->hostname : "codecell";
	if (strlen(hostname) == 0 || strlen(hostname) > 64) {
		snprintf(err, errlen, "hostname must be 1-64 bytes");
		return -EINVAL;
	}
	int cap_count = privs_cap_count();
	if (cap_count < 0) {
		snprintf(err, errlen, "cannot tell how many capabilities the kernel has");
		return cap_count;
	}

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockp) < 0 ||
	    socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, syncp) < 0 || pipe2(errp, O_CLOEXEC) < 0) {
		r = -errno;
		snprintf(err, errlen, "creating channels: %s", strerror(errno));
		goto fail;
	}
	devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (devnull < 0) {
		r = -errno;
		snprintf(err, errlen, "opening /dev/null: %s", strerror(errno));
		goto fail;
	}
	if (use_seccomp) {
		/* The whole program fits in an empty pipe (64 KiB >= 32 KiB), so
		 * it is written and the write end closed before the clone: the
		 * child never holds it and the guest reads to EOF. */
		if (pipe2(bpfp, O_CLOEXEC | O_NONBLOCK) < 0) {
			r = -errno;
			snprintf(err, errlen, "filter pipe: %s", strerror(errno));
			goto fail;
		}
		ssize_t w = write(bpfp[1], cfg->bpf, cfg->bpf_len);
		if (w != (ssize_t)cfg->bpf_len) {
			r = w < 0 ? -errno : -EIO;
			snprintf(err, errlen, "writing the filter: %s", strerror(-r));
			goto fail;
		}
		close_fd(&bpfp[1]);
		/* The guest's read end must block like an ordinary pipe. */
		if (fcntl(bpfp[0], F_SETFL, 0) < 0) {
			r = -errno;
			snprintf(err, errlen, "filter pipe flags: %s", strerror(errno));
			goto fail;
		}
	}

	struct child_ctx x = {
	        .cfg = cfg,
	        .sync = syncp[1],
	        .sync_peer = syncp[0],
	        .sock = sockp[1],
	        .sock_peer = sockp[0],
	        .err_w = errp[1],
	        .err_r = errp[0],
	        .bpf_r = use_seccomp ? bpfp[0] : -1,
	        .devnull = devnull,
	        .privileged = geteuid() == 0,
	        .handlers_cleared = 1,
	        .cap_count = cap_count,
	        .hostname = hostname,
	        .envp = guest_env,
	};

	uint64_t flags = CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP |
	                 CLONE_PIDFD | CLONE_CLEAR_SIGHAND;
	if (!(cfg->disable & SANDBOX_NO_NETNS))
		flags |= CLONE_NEWNET;
	struct clone_args ca;
	memset(&ca, 0, sizeof ca);
	ca.pidfd = (uint64_t)(uintptr_t)&pidfd;
	ca.exit_signal = SIGCHLD;
	child_stack_open(&stack);
	int into_cgroup = 0;
	if (cfg->cgroup_v2_fd >= 0) {
		ca.flags = flags | CLONE_INTO_CGROUP;
		ca.cgroup = (uint64_t)cfg->cgroup_v2_fd;
		pid = spawn_clone3(&ca, &x, &stack);
		if (pid >= 0)
			into_cgroup = 1;
		/* Pre-5.7 kernels, or a cgroup the kernel will not spawn into
		 * (controllers on an inner node, a v1 fd): place the child by
		 * writing cgroup.procs while it is still held. */
		else if (errno == EINVAL || errno == EBUSY || errno == EOPNOTSUPP || errno == E2BIG)
			into_cgroup = 2;
	}
	if (into_cgroup != 1) {
		ca.flags = flags;
		ca.cgroup = 0;
		pid = spawn_clone3(&ca, &x, &stack);
	}
	/* clone3 answers ENOSYS under container seccomp profiles that hide it
	 * so that libc falls back (Docker's default does). clone(2) takes the
	 * same namespace flags and CLONE_PIDFD (the pidfd lands in parent_tid);
	 * it lacks CLONE_CLEAR_SIGHAND (the child resets handlers itself) and
	 * CLONE_INTO_CGROUP (the cgroup.procs fallback places the child while
	 * it is held). Raw syscall, no new stack: the child returns here like
	 * fork's. */
	if (pid < 0 && errno == ENOSYS) {
		/* Forked: the raw call returns in the child, on this stack. */
		child_stack_close(&stack);
		x.handlers_cleared = 0;
		pid = (pid_t)syscall(SYS_clone, (unsigned long)(flags & ~(uint64_t)CLONE_CLEAR_SIGHAND) | SIGCHLD, NULL,
		                     &pidfd, NULL, 0UL);
		if (pid >= 0 && cfg->cgroup_v2_fd >= 0)
			into_cgroup = 2;
	}
	if (pid < 0) {
		r = -errno;
		if (errno == ENOSYS)
			snprintf(err, errlen, "neither clone3 nor clone is available");
		else if (errno == EPERM || errno == EINVAL)
			snprintf(err, errlen,
			         "the kernel refused new namespaces (%s): unprivileged user namespaces "
			         "may be disabled (sysctl kernel.unprivileged_userns_clone, user.max_user_namespaces), "
			         "or a container's seccomp profile refuses clone without CAP_SYS_ADMIN "
			         "(run the container with deploy/seccomp/make-profile.py's profile, docs/DEPLOY.md)",
			         strerror(errno));
		else if (errno == ENOSPC)
			snprintf(err, errlen, "namespace limit reached (max_*_namespaces)");
		else
			snprintf(err, errlen, "clone3: %s", strerror(errno));
		goto fail;
	}
	if (pid == 0)
		child_main(&x);

	close_fd(&syncp[1]);
	close_fd(&sockp[1]);
	close_fd(&errp[1]);
	close_fd(&bpfp[0]);
	close_fd(&devnull);

	if (into_cgroup == 2) {
		r = sandbox_cgroup_procs(cfg->cgroup_v2_fd, pid, err, errlen);
		if (r < 0)
			goto fail_child;
	}
	r = write_maps(cfg, pid, x.privileged, err, errlen);
	if (r < 0)
		goto fail_child;
	unsigned notes = 0;
	r = sandbox_release(cfg, pid, syncp[0], &notes, err, errlen);
	if (r < 0)
		goto fail_child;
	/* EOF: the child exec'd (or died) and left this memory. */
	child_stack_close(&stack);
	close_fd(&syncp[0]);

	if (fcntl(sockp[0], F_SETFL, O_NONBLOCK) < 0 || fcntl(errp[0], F_SETFL, O_NONBLOCK) < 0) {
		r = -errno;
		snprintf(err, errlen, "nonblocking fds: %s", strerror(errno));
		goto fail_child;
	}
	out->pid = pid;
	out->pidfd = pidfd;
	out->sock = sockp[0];
	out->err_fd = errp[0];
	sandbox_fill_enforced(cfg, &out->enforced);
	out->enforced.into_cgroup = cfg->cgroup_v2_fd >= 0 ? into_cgroup : 0;
	out->enforced.userns_limit =
	        !(cfg->disable & SANDBOX_NO_USERNS_LIMIT) && !(notes & SANDBOX_NOTE_NO_USERNS_LIMIT);
	out->enforced.hostname = !(notes & SANDBOX_NOTE_NO_HOSTNAME);
	out->enforced.clone_fallback = !x.handlers_cleared;
	return 0;

fail_child:
	kill_and_reap(pid, pidfd);
fail:
	child_stack_close(&stack);
	close_fd(&pidfd);
	close_fd(&sockp[0]);
	close_fd(&sockp[1]);
	close_fd(&syncp[0]);
	close_fd(&syncp[1]);
	close_fd(&errp[0]);
	close_fd(&errp[1]);
	close_fd(&bpfp[0]);
	close_fd(&bpfp[1]);
	close_fd(&devnull);
	return r;
}

void sandbox_child_close(struct sandbox_child *c)
{
	if (!c)
		return;
	if (c->pidfd > 0)
		close(c->pidfd);
	if (c->sock > 0)
		close(c->sock);
	if (c->err_fd > 0)
		close(c->err_fd);
	if (c->status_fd > 0)
		close(c->status_fd);
	c->pidfd = c->sock = c->err_fd = c->status_fd = -1;
}

int sandbox_child_exit_fd(const struct sandbox_child *c)
{
	return c->status_fd >= 0 ? c->status_fd : c->pidfd;
}

static int siginfo_wstatus(int code, int status)
{
	if (code == CLD_EXITED)
		return W_EXITCODE(status, 0);
	return status | (code == CLD_DUMPED ? 0x80 : 0);
}

/* Reads the template's TMPL_EXIT record for this child (timeout_ms -1:
 * block). 1 when known, 0 when not yet, -errno. */
static int template_exit(struct sandbox_child *c, int timeout_ms)
{
	if (c->exit_known)
		return 1;
	struct pollfd p = {.fd = c->status_fd, .events = POLLIN};
	int r;
	do
		r = poll(&p, 1, timeout_ms);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -errno;
	if (r == 0)
		return timeout_ms == 0 ? 0 : -ETIMEDOUT;
	struct tmpl_exit ex;
	ssize_t n;
	do
		n = recv(c->status_fd, &ex, sizeof ex, MSG_DONTWAIT);
	while (n < 0 && errno == EINTR);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return 0;
	/* The template died (its pid namespace took the child with it) or
	 * said something else: the child is gone, its status unknown. */
	if (n != (ssize_t)sizeof ex || ex.type != TMPL_EXIT) {
		c->exit_known = 1;
		c->wstatus = SIGKILL;
		memset(&c->ru, 0, sizeof c->ru);
		return 1;
	}
	c->exit_known = 1;
	c->wstatus = siginfo_wstatus(ex.code, ex.status);
	memset(&c->ru, 0, sizeof c->ru);
	c->ru.ru_utime.tv_sec = (time_t)(ex.utime_us / 1000000);
	c->ru.ru_utime.tv_usec = (suseconds_t)(ex.utime_us % 1000000);
	c->ru.ru_stime.tv_sec = (time_t)(ex.stime_us / 1000000);
	c->ru.ru_stime.tv_usec = (suseconds_t)(ex.stime_us % 1000000);
	c->ru.ru_maxrss = (long)ex.maxrss_kb;
	return 1;
}

int sandbox_child_poll(struct sandbox_child *c, int *wstatus)
{
	if (c->status_fd >= 0) {
		int r = template_exit(c, 0);
		if (r == 1)
			*wstatus = c->wstatus;
		return r;
	}
	siginfo_t si;
	memset(&si, 0, sizeof si);
	if (waitid((idtype_t)P_PIDFD, (id_t)c->pidfd, &si, WEXITED | WNOHANG | WNOWAIT) < 0)
		return -errno;
	if (!si.si_pid)
		return 0;
	*wstatus = siginfo_wstatus(si.si_code, si.si_status);
	return 1;
}

int sandbox_child_kill_wait(struct sandbox_child *c, int *wstatus, struct rusage *ru)
{
	struct rusage dummy;
	int st = 0;
	if (!ru)
		ru = &dummy;
	memset(ru, 0, sizeof *ru);
	syscall(SYS_pidfd_send_signal, c->pidfd, SIGKILL, NULL, 0);
	if (c->status_fd >= 0) {
		int r = template_exit(c, SANDBOX_SETUP_TIMEOUT_MS);
		if (r < 0)
			return r;
		st = c->wstatus;
		*ru = c->ru;
	} else {
		while (wait4(c->pid, &st, __WALL, ru) < 0) {
			if (errno != EINTR)
				return -errno;
		}
	}
	if (wstatus)
		*wstatus = st;
	return 0;
}

int sandbox_reap(struct sandbox_child *c, struct sandbox_exit *out)
{
	siginfo_t si;
	memset(out, 0, sizeof *out);
	out->syscall = -1;
	memset(&si, 0, sizeof si);
	if (c->status_fd >= 0) {
		/* The template reaps its own children and reports the end. */
		int r = template_exit(c, -1);
		if (r < 0)
			return r;
		if (WIFEXITED(c->wstatus)) {
			out->exited = 1;
			out->code = WEXITSTATUS(c->wstatus);
		} else {
			out->code = WTERMSIG(c->wstatus);
			out->core = WCOREDUMP(c->wstatus) ? 1 : 0;
		}
		return 0;
	}
	/* WNOWAIT leaves the zombie in place so /proc/<pid> still exists. */
	while (waitid((idtype_t)P_PIDFD, (id_t)c->pidfd, &si, WEXITED | WNOWAIT) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	if (si.si_code == CLD_EXITED) {
		out->exited = 1;
		out->code = si.si_status;
	} else {
		out->code = si.si_status;
		out->core = si.si_code == CLD_DUMPED;
	}
	/* A SIGSYS zombie's /proc/<pid>/syscall reads "-1 0x0 0x0": the
	 * kernel stack is gone by the time the parent can look (measured on
	 * 6.18), so the syscall is not named here; see sandbox.h. */
	if (!out->exited && out->code == SIGSYS) {
		char path[64], buf[128];
		snprintf(path, sizeof path, "/proc/%d/syscall", (int)c->pid);
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			ssize_t n = read(fd, buf, sizeof buf);
			long nr;
			if (n > 0 && procstatus_parse_syscall(buf, (size_t)n, &nr) == 0 && nr >= 0) {
				out->syscall = nr;
				seccomp_syscall_name(nr, out->syscall_name, sizeof out->syscall_name);
			}
			close(fd);
		}
	}
	while (waitid((idtype_t)P_PIDFD, (id_t)c->pidfd, &si, WEXITED) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	return 0;
}
