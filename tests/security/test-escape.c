/* test-escape: spawns tests/security/probe through sandbox_spawn for every
 * escape probe of shared/research/sandbox_anchors.md §9 and asserts the
 * exact outcome, once with the seccomp filter and once without it, so each
 * of the other layers (namespaces, capabilities, empty root, fd hygiene)
 * is shown to hold on its own. Also reads /proc/<pid>/{status,fd,ns} of a
 * live guest, kills a supervisor to check the guest dies with it, and runs
 * controls with a layer left out to show the checks can fail.
 * Runs in: test binary (root or an unprivileged user with user namespaces).
 * Input: argv[1] = path of the probe; optional "--bench N".
 * Skips when user namespaces are unavailable (CODECELL_MUST_WORK=1 fails). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "procstatus.h"
#include "sandbox.h"
#include "template.h"
#include "tmplmsg.h"
#include "seccomp.h"
#include "tap.h"

static const char *probe_path;
static void *bpf;
static size_t bpf_len;
static char abstract_name[64];
static char host_pid[16];

enum kind {
	K,   /* killed by SIGSYS */
	E,   /* reported errno == n */
	V,   /* reported errno 0 and value == n */
	ANY, /* completed, whatever errno: the filter is the only layer here */
	SIG, /* killed by signal n */
};

struct expect {
	enum kind kind;
	long n;
	long alt; /* E: a second acceptable errno (kernel config), 0 = none */
};

enum arg { A_NONE, A_HOSTPID, A_ABSTRACT, A_FD5, A_FD4, A_HOSTNAME };

struct row {
	const char *row; /* §9 row */
	const char *probe;
	enum arg arg;
	struct expect filtered;
	struct expect unfiltered; /* seccomp off, every other layer on */
	/* Rows probing a kernel entry point that a kernel may lack (the x32
	 * ABI, the int 0x80 gate): what the unfiltered baseline shows when the
	 * kernel itself refuses. Zero (kind K) with entry == 0 for other rows. */
	struct expect absent;
	int entry;
};

#define KILL                                                                                                           \
	{                                                                                                              \
		K, 0, 0                                                                                                \
	}
#define ERR(e)                                                                                                         \
	{                                                                                                              \
		E, e, 0                                                                                                \
	}
/* EPERM, or ENOSYS on kernels built without the feature (no modules, no kexec). */
#define ERR_OR_NOSYS(e)                                                                                                \
	{                                                                                                              \
		E, e, ENOSYS                                                                                           \
	}
#define VAL(v)                                                                                                         \
	{                                                                                                              \
		V, v, 0                                                                                                \
	}
#define ANYOK                                                                                                          \
	{                                                                                                              \
		ANY, 0, 0                                                                                              \
	}

static const struct row rows[] = {
        {"1", "ptrace", A_HOSTPID, KILL, ERR(ESRCH)},
        {"1", "traceme", A_NONE, KILL, ERR(0)},
        {"2", "process_vm_readv", A_HOSTPID, KILL, ERR(ESRCH)},
        {"3", "pidfd_open", A_HOSTPID, KILL, ERR(ESRCH)},
        {"3", "pidfd_getfd", A_NONE, KILL, ERR(EBADF)},
        {"4", "kill_all", A_NONE, KILL, ERR(ESRCH)},
        {"4", "kill_host", A_HOSTPID, KILL, ERR(ESRCH)},
        {"5", "unshare_user", A_NONE, KILL, ERR(ENOSPC)},
        {"5", "setns", A_NONE, KILL, ERR(EBADF)},
        {"6", "clone_newuser", A_NONE, KILL, ERR(ENOSPC)},
        {"6", "fork", A_NONE, KILL, ERR(0)},
        {"7", "clone3", A_NONE, ERR(ENOSYS), ERR(EINVAL)},
        {"8", "execve", A_NONE, KILL, ERR(ENOENT)},
        {"8", "execveat", A_NONE, KILL, ERR(EBADF)},
        {"9", "mount", A_NONE, KILL, ERR(EPERM)},
        {"9", "umount", A_NONE, KILL, ERR(EPERM)},
        {"9", "pivot_root", A_NONE, KILL, ERR(EPERM)},
        {"9", "chroot", A_NONE, KILL, ERR(EPERM)},
        {"9", "fsopen", A_NONE, KILL, ERR(EPERM)},
        {"9", "open_tree", A_NONE, KILL, ERR(EPERM)},
        {"10", "inet", A_NONE, KILL, ERR(ENETUNREACH)},
        {"11", "unix_abstract", A_ABSTRACT, KILL, ERR(ECONNREFUSED)},
        {"12", "vsock", A_NONE, KILL, ANYOK},
        {"12", "netlink", A_NONE, KILL, ANYOK},
        {"12", "alg", A_NONE, KILL, ANYOK},
        {"12", "socketpair", A_NONE, KILL, ERR(0)},
        {"13", "io_uring", A_NONE, KILL, ANYOK},
        {"14", "bpf", A_NONE, KILL, ANYOK},
        {"14", "perf", A_NONE, KILL, ANYOK},
        {"14", "userfaultfd", A_NONE, KILL, ANYOK},
        {"15", "keyctl", A_NONE, KILL, ANYOK},
        {"15", "add_key", A_NONE, KILL, ANYOK},
        {"15", "request_key", A_NONE, KILL, ANYOK},
        {"16", "tiocsti", A_NONE, ERR(ENOTTY), ERR(ENOTTY)},
        {"16", "tiocsti_hi", A_NONE, ERR(ENOTTY), ERR(ENOTTY)},
        {"16", "tioclinux", A_NONE, ERR(ENOTTY), ERR(ENOTTY)},
        {"17", "mmap_exec", A_NONE, KILL, ERR(0)},
        {"18", "mprotect_exec", A_NONE, KILL, ERR(0)},
        {"19", "memfd", A_NONE, KILL, ERR(0)},
        {"20", "mmap_shared_sock", A_NONE, KILL, ERR(ENODEV)},
        {"20", "mmap_fixed", A_NONE, KILL, ERR(0)},
        {"20", "mmap_highflags", A_NONE, KILL, ANYOK},
        {"21", "mremap_fixed", A_NONE, KILL, ERR(EINVAL)},
        {"22", "personality", A_NONE, KILL, ERR(0)},
        {"22", "dumpable", A_NONE, KILL, ERR(0)},
        {"22", "seccomp_again", A_NONE, KILL, ERR(EFAULT)},
        /* Present, x32 getpid answers pid 1; absent, ENOSYS. */
        {"23", "x32", A_NONE, KILL, VAL(1), ERR(ENOSYS), 1},
        /* Present, i386 getpid answers pid 1; with the gate disabled
         * (ia32_emulation=0, or a kernel without IA32 emulation) the CPU
         * faults before any syscall code, so SIGSEGV, filter or not. */
        {"24", "int80", A_NONE, KILL, VAL(1), {SIG, SIGSEGV, 0}, 1},
        {"25", "open_passwd", A_NONE, ERR(EACCES), ERR(ENOENT)},
        {"25", "open_environ", A_NONE, ERR(EACCES), ERR(ENOENT)},
        {"25", "open_cgroup", A_NONE, ERR(EACCES), ERR(ENOENT)},
        {"26", "read_fd", A_FD5, KILL, ERR(EBADF)},
        {"26", "write_fd", A_FD5, KILL, ERR(EBADF)},
        {"26", "read_fd", A_FD4, KILL, ERR(EBADF)},
        {"27", "setuid", A_NONE, KILL, ERR(0)},
        {"27", "setresuid", A_NONE, KILL, ERR(0)},
        {"27", "setgroups", A_NONE, KILL, ERR(EPERM)},
        {"27", "capset", A_NONE, KILL, ERR(EPERM)},
        {"28", "flock", A_NONE, KILL, ANYOK},
        {"28", "fcntl_lock", A_NONE, KILL, ANYOK},
        {"29", "sethostname", A_NONE, KILL, ERR(EPERM)},
        {"29", "settimeofday", A_NONE, KILL, ERR(EPERM)},
        {"29", "clock_settime", A_NONE, KILL, ERR(EPERM)},
        {"29", "adjtimex", A_NONE, KILL, ERR(EPERM)},
        {"30", "setaffinity", A_NONE, KILL, ERR(EFAULT)},
        {"30", "setpriority", A_NONE, KILL, ERR(EACCES)},
        {"30", "setscheduler", A_NONE, KILL, ERR(EPERM)},
        {"31", "name_to_handle", A_NONE, KILL, ANYOK},
        {"31", "open_by_handle", A_NONE, KILL, ERR(EPERM)},
        {"32", "init_module", A_NONE, KILL, ERR_OR_NOSYS(EPERM)},
        {"32", "kexec_load", A_NONE, KILL, ERR_OR_NOSYS(EPERM)},
        {"32", "reboot", A_NONE, KILL, ERR(EPERM)},
        {"32", "swapon", A_NONE, KILL, ERR(EPERM)},
        {"32", "acct", A_NONE, KILL, ERR(EPERM)},
        {"32", "syslog", A_NONE, KILL, ERR(EPERM)},
        {"32", "quotactl", A_NONE, KILL, ANYOK},
        {"37", "tgkill_stop", A_NONE, KILL, ANYOK},
};

struct outcome {
	int spawned; /* sandbox_spawn succeeded */
	int has_frame;
	long err, value;
	struct sandbox_exit exit;
	char stderr_text[512];
	char spawn_err[256];
};

static void drain(int fd, char *buf, size_t cap, size_t *len)
{
	for (;;) {
		if (*len + 1 >= cap) {
			char sink[256];
			if (read(fd, sink, sizeof sink) <= 0)
				return;
			continue;
		}
		ssize_t n = read(fd, buf + *len, cap - 1 - *len);
		if (n <= 0)
			return;
		*len += (size_t)n;
		buf[*len] = '\0';
	}
}

/* Reads the socket and stderr until both hit EOF (the probe exited). */
static void collect(struct sandbox_child *c, char *frame, size_t cap, size_t *flen, char *errtext, size_t errcap)
{
	size_t elen = 0;
	int open_sock = 1, open_err = 1;
	errtext[0] = '\0';
	while (open_sock || open_err) {
		struct pollfd p[2] = {
		        {.fd = open_sock ? c->sock : -1, .events = POLLIN},
		        {.fd = open_err ? c->err_fd : -1, .events = POLLIN},
		};
		if (poll(p, 2, 10000) <= 0)
			break;
		if (p[0].revents) {
			size_t before = *flen;
			drain(c->sock, frame, cap, flen);
			if (*flen == before)
				open_sock = 0;
		}
		if (p[1].revents) {
			size_t before = elen;
			drain(c->err_fd, errtext, errcap, &elen);
			if (elen == before)
				open_err = 0;
		}
	}
}

static int parse_frame(const char *buf, size_t len, const char *probe, long *err, long *value)
{
	if (len < 4)
		return -1;
	uint32_t n = ((uint32_t)(uint8_t)buf[0] << 24) | ((uint32_t)(uint8_t)buf[1] << 16) |
	             ((uint32_t)(uint8_t)buf[2] << 8) | (uint8_t)buf[3];
	if (n != len - 4)
		return -1;
	cJSON *j = cJSON_ParseWithLength(buf + 4, n);
	if (!j)
		return -1;
	int rc = -1;
	cJSON *t = cJSON_GetObjectItemCaseSensitive(j, "t");
	cJSON *v = cJSON_GetObjectItemCaseSensitive(j, "value");
	cJSON *p = v ? cJSON_GetObjectItemCaseSensitive(v, "probe") : NULL;
	cJSON *e = v ? cJSON_GetObjectItemCaseSensitive(v, "errno") : NULL;
	cJSON *x = v ? cJSON_GetObjectItemCaseSensitive(v, "value") : NULL;
	if (cJSON_IsString(t) && strcmp(t->valuestring, "result") == 0 && cJSON_IsString(p) &&
	    strcmp(p->valuestring, probe) == 0 && cJSON_IsNumber(e) && cJSON_IsNumber(x)) {
		*err = (long)e->valuedouble;
		*value = (long)x->valuedouble;
		rc = 0;
	}
	cJSON_Delete(j);
	return rc;
}

static const char *arg_for(enum arg a)
{
	switch (a) {
	case A_HOSTPID: return host_pid;
	case A_ABSTRACT: return abstract_name;
	case A_FD5: return "5";
	case A_FD4: return "4";
	case A_HOSTNAME: return "codecell";
	case A_NONE: break;
	}
	return "0";
}

/* CODECELL_TEST_TEMPLATE=1 (meson test --setup template): every probe is
 * spawned through a template guest (the probe binary in its --template
 * mode), one template per set of template-wide layers. */
static int use_template;
/* Layers a template applies to all its runs (its network namespace, its
 * user namespace's limit, its root); the others are per run. */
#define TEMPLATE_WIDE (SANDBOX_NO_NETNS | SANDBOX_NO_USERNS_LIMIT | SANDBOX_NO_PIVOT)
static struct sandbox_template *templates[TEMPLATE_WIDE + 1];

static struct sandbox_template *template_for(unsigned disable, char *err, size_t errlen)
{
	unsigned k = disable & TEMPLATE_WIDE;
	if (templates[k])
		return templates[k];
	char *argv[] = {"probe", "--template", NULL};
	struct sandbox_config cfg;
	sandbox_config_init(&cfg);
	cfg.guest_fd = open(probe_path, O_PATH | O_CLOEXEC);
	cfg.guest_argv = argv;
	cfg.bpf = bpf;
	cfg.bpf_len = bpf_len;
	cfg.disable = k;
	if (sandbox_template_start(&cfg, &templates[k], err, errlen) < 0)
		templates[k] = NULL;
	close(cfg.guest_fd);
	return templates[k];
}

/* sandbox_spawn(), or the same through a template. */
static int spawn_guest(const struct sandbox_config *cfg, struct sandbox_child *c, char *err, size_t errlen)
{
	if (!use_template)
		return sandbox_spawn(cfg, c, err, errlen);
	struct sandbox_template *t = template_for(cfg->disable, err, errlen);
	if (!t)
		return -EIO;
	int chan = sandbox_template_connect(t);
	if (chan < 0) {
		snprintf(err, errlen, "template connect: %s", strerror(-chan));
		return chan;
	}
	int r = sandbox_template_spawn(chan, cfg, c, err, errlen);
	close(chan);
	return r;
}

static void config(struct sandbox_config *cfg, int probe_fd, char **argv, unsigned disable)
{
	sandbox_config_init(cfg);
	cfg->guest_fd = probe_fd;
	cfg->guest_argv = argv;
	cfg->bpf = bpf;
	cfg->bpf_len = bpf_len;
	cfg->cpu_seconds = 30;
	cfg->disable = disable;
}

static int open_probe(void)
{
	int fd = open(probe_path, O_PATH | O_CLOEXEC);
	if (fd < 0) {
		printf("Bail out! cannot open probe %s: %s\n", probe_path, strerror(errno));
		exit(1);
	}
	return fd;
}

static void run_probe(const char *probe, const char *arg, unsigned disable, struct outcome *o)
{
	char *argv[] = {"probe", (disable & SANDBOX_NO_SECCOMP) ? "nofilter" : "filter", (char *)probe, (char *)arg,
	                NULL};
	struct sandbox_config cfg;
	struct sandbox_child c;
	char frame[1024];
	size_t flen = 0;
	int fd = open_probe();

	memset(o, 0, sizeof *o);
	config(&cfg, fd, argv, disable);
	int r = spawn_guest(&cfg, &c, o->spawn_err, sizeof o->spawn_err);
	close(fd);
	if (r < 0)
		return;
	o->spawned = 1;
	collect(&c, frame, sizeof frame, &flen, o->stderr_text, sizeof o->stderr_text);
	o->has_frame = parse_frame(frame, flen, probe, &o->err, &o->value) == 0;
	if (sandbox_reap(&c, &o->exit) < 0)
		o->spawned = 0;
	sandbox_child_close(&c);
}

static void describe(const struct outcome *o, char *buf, size_t cap)
{
	if (!o->spawned)
		snprintf(buf, cap, "spawn failed: %s", o->spawn_err);
	else if (o->has_frame)
		snprintf(buf, cap, "errno %ld (%s) value %ld", o->err, strerror((int)o->err), o->value);
	else if (!o->exit.exited)
		snprintf(buf, cap, "killed by signal %d%s%s", o->exit.code, o->exit.syscall_name[0] ? " in " : "",
		         o->exit.syscall_name);
	else
		snprintf(buf, cap, "exit %d without a frame; stderr: %s", o->exit.code, o->stderr_text);
}

static int matches(const struct expect *e, const struct outcome *o)
{
	if (!o->spawned)
		return 0;
	switch (e->kind) {
	case K: return !o->has_frame && !o->exit.exited && o->exit.code == SIGSYS && !o->exit.core;
	case SIG: return !o->has_frame && !o->exit.exited && o->exit.code == e->n;
	case E:
		return o->has_frame && (o->err == e->n || (e->alt && o->err == e->alt)) && o->exit.exited &&
		       o->exit.code == 0;
	case V: return o->has_frame && o->err == 0 && o->value == e->n && o->exit.exited && o->exit.code == 0;
	case ANY: return o->has_frame && o->exit.exited && o->exit.code == 0;
	}
	return 0;
}

static void expect_desc(const struct expect *e, char *buf, size_t cap)
{
	switch (e->kind) {
	case K: snprintf(buf, cap, "killed by SIGSYS"); break;
	case SIG: snprintf(buf, cap, "killed by signal %ld", e->n); break;
	case E:
		if (e->alt)
			snprintf(buf, cap, "errno %ld or %ld", e->n, e->alt);
		else
			snprintf(buf, cap, "errno %ld (%s)", e->n, strerror((int)e->n));
		break;
	case V: snprintf(buf, cap, "value %ld", e->n); break;
	case ANY: snprintf(buf, cap, "completes (seccomp is the only layer)"); break;
	}
}

static void check(const char *what, const char *probe, const char *arg, unsigned disable, struct expect e)
{
	struct outcome o;
	char got[700], want[128];
	run_probe(probe, arg, disable, &o);
	describe(&o, got, sizeof got);
	expect_desc(&e, want, sizeof want);
	tap_ok(matches(&e, &o), "%s %s(%s): %s (want %s)", what, probe, arg, got, want);
}

/* A kernel entry-point row: the unfiltered baseline runs first and says
 * whether this kernel has the entry point at all. Present: both rows are
 * checked strictly. Absent: the baseline row is skipped with the reason,
 * and the filtered row must still not get through: killed by the filter
 * passes, the kernel's own refusal (the same outcome as the baseline) is a
 * skip, anything else fails. Never skipped when the product is wrong. */
static void check_entry(const struct row *r)
{
	struct outcome base, o;
	char what[64], got[700], want[128];
	const char *arg = arg_for(r->arg);

	run_probe(r->probe, arg, SANDBOX_NO_SECCOMP, &base);
	describe(&base, got, sizeof got);
	snprintf(what, sizeof what, "row %s no-seccomp %s", r->row, r->probe);
	int absent = matches(&r->absent, &base);
	if (absent) {
		tap_skip(what, "the kernel lacks this entry point (baseline: %s)", got);
	} else {
		expect_desc(&r->unfiltered, want, sizeof want);
		tap_ok(matches(&r->unfiltered, &base), "%s: %s (want %s)", what, got, want);
	}

	run_probe(r->probe, arg, 0, &o);
	describe(&o, got, sizeof got);
	snprintf(what, sizeof what, "row %s filter %s", r->row, r->probe);
	if (absent && !matches(&r->filtered, &o) && matches(&r->absent, &o)) {
		tap_skip(what, "the kernel refuses it before the filter (%s)", got);
		return;
	}
	expect_desc(&r->filtered, want, sizeof want);
	tap_ok(matches(&r->filtered, &o), "%s: %s (want %s)", what, got, want);
}

/* ---- a live guest: /proc/<pid>/{status,fd,ns} ------------------------- */

static void check_live_guest(void)
{
	char *argv[] = {"probe", "filter", "wait", "0", NULL};
	struct sandbox_config cfg;
	struct sandbox_child c;
	char err[256];
	int fd = open_probe();
	config(&cfg, fd, argv, 0);
	int r = spawn_guest(&cfg, &c, err, sizeof err);
	close(fd);
	if (!tap_ok(r == 0, "spawn a waiting guest: %s", r == 0 ? "ok" : err))
		return;

	/* The probe loads its filter, then blocks in read(3); wait for that. */
	struct procstatus st;
	int ok = 0;
	for (int i = 0; i < 2000 && !ok; i++) {
		if (procstatus_read(c.pid, &st) == 0 && st.seccomp == 2)
			ok = 1;
		else
			usleep(1000);
	}
	tap_ok(ok, "guest status readable with Seccomp 2");
	TAP_EQ_INT(st.cap_eff, 0, "CapEff 0");
	TAP_EQ_INT(st.cap_prm, 0, "CapPrm 0");
	TAP_EQ_INT(st.cap_inh, 0, "CapInh 0");
	TAP_EQ_INT(st.cap_bnd, 0, "CapBnd 0");
	TAP_EQ_INT(st.cap_amb, 0, "CapAmb 0");
	TAP_EQ_INT(st.no_new_privs, 1, "NoNewPrivs 1");
	TAP_EQ_INT(st.seccomp, 2, "Seccomp 2 (filter mode)");
	if (st.seen & PROCSTATUS_SECCOMP_FILTERS)
		TAP_EQ_INT(st.seccomp_filters, 1, "Seccomp_filters 1");
	TAP_EQ_INT(st.uid[0], cfg.outside_uid, "real uid is the outside uid");
	TAP_EQ_INT(st.uid[1], cfg.outside_uid, "effective uid is the outside uid");
	TAP_EQ_INT(st.uid[3], cfg.outside_uid, "fs uid is the outside uid");
	TAP_EQ_INT(st.gid[1], cfg.outside_gid, "effective gid is the outside gid");
	if (geteuid() == 0)
		TAP_EQ_INT(st.ngroups, 0, "no supplementary groups (host groups dropped)");

	/* fds: exactly 0-3 (4 was closed by the filter loader). */
	char path[64];
	long mask = 0;
	int count = 0;
	for (int i = 0; i < 1024; i++) {
		struct stat sb;
		snprintf(path, sizeof path, "/proc/%d/fd/%d", c.pid, i);
		if (lstat(path, &sb) == 0) {
			count++;
			if (i < 62)
				mask |= 1L << i;
		}
	}
	TAP_EQ_INT(count, 4, "guest holds exactly four fds");
	TAP_EQ_INT(mask, 0xf, "guest fds are 0, 1, 2, 3");

	/* Every namespace differs from ours. */
	static const char *const ns[] = {"user", "pid", "mnt", "net", "ipc", "uts", "cgroup"};
	for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
		char a[128] = "", b[128] = "";
		snprintf(path, sizeof path, "/proc/self/ns/%s", ns[i]);
		ssize_t na = readlink(path, a, sizeof a - 1);
		snprintf(path, sizeof path, "/proc/%d/ns/%s", c.pid, ns[i]);
		ssize_t nb = readlink(path, b, sizeof b - 1);
		tap_ok(na > 0 && nb > 0 && strcmp(a, b) != 0, "%s namespace differs (%s vs host %s)", ns[i], b, a);
	}

	/* The guest is non-dumpable after loading its filter; readable via
	 * /proc/<pid>/stat field... simplest: /proc/<pid>/environ is then
	 * owned by root, and holds only TZ=UTC. */
	snprintf(path, sizeof path, "/proc/%d/environ", c.pid);
	int efd = open(path, O_RDONLY | O_CLOEXEC);
	char env[256] = "";
	ssize_t en = efd >= 0 ? read(efd, env, sizeof env - 1) : -1;
	if (efd >= 0)
		close(efd);
	tap_ok(en == 7 && memcmp(env, "TZ=UTC", 7) == 0, "guest environment is exactly TZ=UTC");

	/* Closing our end lets the probe's read return 0; it reports and exits. */
	shutdown(c.sock, SHUT_WR);
	char frame[512], etext[256];
	size_t flen = 0;
	collect(&c, frame, sizeof frame, &flen, etext, sizeof etext);
	long e, v;
	tap_ok(parse_frame(frame, flen, "wait", &e, &v) == 0 && e == 0 && v == 0,
	       "the waiting guest saw EOF on its socket and reported");
	struct sandbox_exit ex;
	tap_ok(sandbox_reap(&c, &ex) == 0 && ex.exited && ex.code == 0, "and exited 0");
	sandbox_child_close(&c);
}

/* ---- unfiltered looks around: other layers alone ---------------------- */

static void check_layers(void)
{
	const unsigned nf = SANDBOX_NO_SECCOMP;
	check("no-seccomp", "fdscan", "0", nf, (struct expect)VAL(0xf));
	check("no-seccomp", "securebits", "0", nf, (struct expect){E, 0, 0});
	struct outcome o;
	run_probe("securebits", "0", nf, &o);
	/* NOROOT, NO_SETUID_FIXUP, NO_CAP_AMBIENT_RAISE and their locks, plus
	 * KEEP_CAPS_LOCKED (KEEP_CAPS itself is cleared by exec). */
	TAP_EQ_INT(o.has_frame ? o.value : -1, 0xef, "securebits locked after exec");
	check("no-seccomp", "hostname", "codecell", nf, (struct expect)VAL(1));
	check("no-seccomp", "rootdir", "0", nf, (struct expect)VAL(0));
	check("no-seccomp", "write_root", "0", nf, (struct expect)ERR(EROFS));
	check("no-seccomp", "getuid", "0", nf, (struct expect)VAL(0));
	check("no-seccomp", "rlimit", "4" /* CORE */, nf, (struct expect)VAL(0));
	check("no-seccomp", "rlimit", "1" /* FSIZE */, nf, (struct expect)VAL(0));
	check("no-seccomp", "rlimit", "7" /* NOFILE */, nf, (struct expect)VAL(SANDBOX_NOFILE));
	check("no-seccomp", "rlimit", "8" /* MEMLOCK */, nf, (struct expect)VAL(0));
	check("no-seccomp", "rlimit", "12" /* MSGQUEUE */, nf, (struct expect)VAL(0));
	check("no-seccomp", "rlimit", "0" /* CPU */, nf, (struct expect)VAL(30));
	check("no-seccomp", "rlimit", "3" /* STACK */, nf, (struct expect)VAL(8l << 20));

	/* Controls: with one more layer off, the same probes must notice. If
	 * these failed, the checks above could not fail either. */
	check("control no-seccomp,no-pivot", "open_passwd", "0", nf | SANDBOX_NO_PIVOT, (struct expect){ANY, 0, 0});
	run_probe("rootdir", "0", nf | SANDBOX_NO_PIVOT, &o);
	tap_ok(o.has_frame && o.err == 0 && o.value > 3, "control no-pivot: the host root is visible (%ld entries)",
	       o.has_frame ? o.value : -1);
	run_probe("securebits", "0", nf | SANDBOX_NO_CAPDROP, &o);
	tap_ok(o.has_frame && o.value == 0, "control no-capdrop: securebits are not set (%ld)",
	       o.has_frame ? o.value : -1);
	run_probe("capset", "0", nf | SANDBOX_NO_CAPDROP, &o);
	tap_ok(o.has_frame && o.err == 0, "control no-capdrop: capset(full) succeeds (errno %ld)",
	       o.has_frame ? o.err : -1);
	run_probe("unix_abstract", abstract_name, nf | SANDBOX_NO_NETNS, &o);
	tap_ok(o.has_frame && o.err == 0, "control no-netns: the host abstract socket is reachable (errno %ld)",
	       o.has_frame ? o.err : -1);
	run_probe("unshare_user", "0", nf | SANDBOX_NO_USERNS_LIMIT, &o);
	tap_ok(o.has_frame && o.err == 0, "control no-userns-limit: a nested user namespace can be made (errno %ld)",
	       o.has_frame ? o.err : -1);
}

/* ---- the allowlist lets a guest live ----------------------------------- */

static void check_allowed(void)
{
	struct outcome o;
	char got[700];
	run_probe("allowed", "0", 0, &o);
	describe(&o, got, sizeof got);
	tap_ok(o.has_frame && o.err == 0, "every allowed call works under the filter: %s", got);
	/* ioctl ENOTTY, openat EACCES, newfstatat EBADF, clone3 ENOSYS. */
	TAP_EQ_INT(o.has_frame ? o.value : -1, (long)ENOTTY * 1000000 + EACCES * 10000 + EBADF * 100 + ENOSYS,
	           "soft-fail answers: ioctl ENOTTY, openat EACCES, newfstatat EBADF, clone3 ENOSYS");
	check("filter", "ok", "0", 0, (struct expect)VAL(0));
	/* abort() ends as a crash, not as a seccomp violation: the guest is
	 * pid-namespace init, so its own SIGABRT is ignored and glibc falls
	 * through to a trapping instruction. */
	run_probe("abort", "0", 0, &o);
	describe(&o, got, sizeof got);
	tap_ok(o.spawned && !o.exit.exited && (o.exit.code == SIGABRT || o.exit.code == SIGSEGV),
	       "abort() is reported as a crash: %s", got);
}

/* ---- SIGSYS names the syscall ------------------------------------------ */

static void check_sigsys_name(void)
{
	struct outcome o;
	run_probe("ptrace", host_pid, 0, &o);
	tap_ok(!o.exit.exited && o.exit.code == SIGSYS, "ptrace probe killed by SIGSYS");
	if (o.exit.syscall >= 0)
		TAP_EQ_STR(o.exit.syscall_name, "ptrace", "the offending syscall is named");
	else
		tap_skip("the offending syscall is named", "the kernel does not expose the zombie's syscall");
}

/* ---- spawn failures leave nothing behind ------------------------------- */

static int refuse(pid_t pid, void *arg)
{
	*(pid_t *)arg = pid;
	return 1;
}

static void check_failures(void)
{
	char *argv[] = {"probe", "filter", "ok", "0", NULL};
	struct sandbox_config cfg;
	struct sandbox_child c;
	char err[256];
	int fd = open("/etc/hostname", O_PATH | O_CLOEXEC);
	if (fd < 0)
		fd = open("/etc/passwd", O_PATH | O_CLOEXEC);
	config(&cfg, fd, argv, 0);
	int r = sandbox_spawn(&cfg, &c, err, sizeof err);
	tap_ok(r < 0 && strstr(err, "execveat") != NULL,
	       "a non-executable guest fails the spawn with the step named: %d %s", r, err);
	close(fd);

	fd = open_probe();
	pid_t seen = 0;
	config(&cfg, fd, argv, 0);
	cfg.before_release = refuse;
	cfg.before_release_arg = &seen;
	r = spawn_guest(&cfg, &c, err, sizeof err);
	tap_ok(r == -ECANCELED && seen > 0, "before_release can abort the spawn: %s", err);
	tap_ok(seen > 0 && kill(seen, 0) < 0 && errno == ESRCH, "and the held child is gone");

	config(&cfg, fd, argv, 0);
	cfg.bpf_len = 12;
	r = sandbox_spawn(&cfg, &c, err, sizeof err);
	tap_ok(r == -EINVAL, "a malformed filter is refused: %s", err);

	config(&cfg, fd, argv, 0);
	cfg.hostname = "";
	r = sandbox_spawn(&cfg, &c, err, sizeof err);
	tap_ok(r == -EINVAL, "an empty hostname is refused: %s", err);
	close(fd);
}

/* ---- the spawning process after its child has gone ---------------------
 * The pre-exec child may run in the supervisor's memory (sandbox.c, "a
 * child that shares the parent's memory until its exec"): its credential
 * change clears the dumpable flag of that memory, which the supervisor
 * must get back, and its stack must not outlive it, on every path. */

static int count_maps(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	if (!f)
		return -1;
	int n = 0, c;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

static void check_spawner_after(void)
{
	char *argv[] = {"probe", "filter", "ok", "0", NULL};
	struct sandbox_config cfg;
	struct sandbox_child c;
	char err[256];
	int was = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
	int maps0 = count_maps();
	int fd = open_probe();
	int ok_runs = 0, dumpable_kept = 0;
	for (int i = 0; i < 8; i++) {
		config(&cfg, fd, argv, 0);
		if (sandbox_spawn(&cfg, &c, err, sizeof err) == 0) {
			ok_runs++;
			int st = 0;
			waitpid(c.pid, &st, 0);
			sandbox_child_close(&c);
		}
		dumpable_kept += prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == was;
	}
	/* A failed spawn: the child dies at its exec of a non-executable. */
	int bad = open("/etc/passwd", O_PATH | O_CLOEXEC);
	config(&cfg, bad, argv, 0);
	int r = sandbox_spawn(&cfg, &c, err, sizeof err);
	dumpable_kept += prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == was;
	close(bad);
	/* A refused release: the held child is killed. */
	pid_t seen = 0;
	config(&cfg, fd, argv, 0);
	cfg.before_release = refuse;
	cfg.before_release_arg = &seen;
	int r2 = sandbox_spawn(&cfg, &c, err, sizeof err);
	dumpable_kept += prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == was;
	close(fd);
	tap_ok(ok_runs == 8 && r < 0 && r2 == -ECANCELED, "8 spawns, a failed exec and a refused release (%d, %d, %d)",
	       ok_runs, r, r2);
	tap_ok(was == 1 && dumpable_kept == 10,
	       "the spawner is dumpable after each (the child's credential change is not left on it): %d of 10",
	       dumpable_kept);
	tap_ok(maps0 > 0 && count_maps() == maps0, "and holds no more mappings than before (%d, then %d)", maps0,
	       count_maps());
}

/* ---- row 38: the guest dies with its supervisor ----------------------- */

static void check_die_with_parent(void)
{
	int pp[2];
	if (pipe(pp) < 0)
		return;
	pid_t sup = fork();
	if (sup == 0) {
		close(pp[0]);
		char *argv[] = {"probe", "filter", "wait", "0", NULL};
		struct sandbox_config cfg;
		struct sandbox_child c;
		char err[256];
		int fd = open_probe();
		config(&cfg, fd, argv, 0);
		if (spawn_guest(&cfg, &c, err, sizeof err) < 0)
			_exit(1);
		pid_t gp = c.pid;
		(void)!write(pp[1], &gp, sizeof gp);
		for (;;)
			pause();
	}
	close(pp[1]);
	pid_t guest = 0;
	ssize_t n = read(pp[0], &guest, sizeof guest);
	close(pp[0]);
	if (!tap_ok(n == sizeof guest && guest > 0, "stand-in supervisor spawned a guest")) {
		kill(sup, SIGKILL);
		waitpid(sup, NULL, 0);
		return;
	}
	int gfd = (int)syscall(SYS_pidfd_open, guest, 0);
	kill(sup, SIGKILL);
	waitpid(sup, NULL, 0);
	struct pollfd p = {.fd = gfd, .events = POLLIN};
	int r = gfd >= 0 ? poll(&p, 1, 3000) : -1;
	tap_ok(r == 1, "the guest dies when its supervisor is SIGKILLed (PDEATHSIG)");
	if (gfd >= 0)
		close(gfd);
}

/* ---- the template guest itself (template mode only) ------------------- */

/* 1 when pid ends (a zombie, or gone) within ms milliseconds. */
static int exited_within(pid_t pid, int ms)
{
	char path[64], buf[256];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	for (int waited = 0; waited <= ms; waited += 10) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return 1;
		ssize_t n = read(fd, buf, sizeof buf - 1);
		close(fd);
		buf[n > 0 ? n : 0] = '\0';
		const char *rp = strrchr(buf, ')');
		if (!rp || (rp[1] == ' ' && (rp[2] == 'Z' || rp[2] == 'X')))
			return 1;
		usleep(10000);
	}
	return 0;
}

/* The real template answers a malformed request on a channel with
 * TMPL_FAILED and goes on serving; rotation replaces it after
 * SANDBOX_TEMPLATE_MAX_RUNS channels and the new one serves. The burst of
 * connects is also the regression test for a full control socket (connect
 * failed with EAGAIN and the rotation never came). */
static void check_template(void)
{
	char err[256];
	struct sandbox_template *t = template_for(0, err, sizeof err);
	if (!tap_ok(t != NULL, "a template guest starts: %s", t ? "ok" : err))
		return;
	int chan = sandbox_template_connect(t);
	uint32_t junk[4] = {TMPL_SPAWN, 0, 0, 0};
	(void)!send(chan, junk, sizeof junk, MSG_NOSIGNAL);
	struct pollfd p = {.fd = chan, .events = POLLIN};
	struct tmpl_failed f = {0};
	ssize_t n = poll(&p, 1, 5000) == 1 ? recv(chan, &f, sizeof f, 0) : -1;
	tap_ok(n == (ssize_t)sizeof f && f.type == TMPL_FAILED && f.err == EPROTO,
	       "the template answers a malformed spawn request with a failure");
	close(chan);

	struct outcome o;
	run_probe("ok", "0", 0, &o);
	tap_ok(o.spawned && o.has_frame, "and still serves the next run");

	/* Two live runs and the template: three user (and pid, net, mount)
	 * namespaces, none shared. */
	char *argv[] = {"probe", "filter", "wait", "0", NULL};
	struct sandbox_child kids[2];
	int spawned = 0;
	for (int i = 0; i < 2; i++) {
		struct sandbox_config cfg;
		int pfd = open_probe();
		config(&cfg, pfd, argv, 0);
		if (spawn_guest(&cfg, &kids[i], err, sizeof err) == 0)
			spawned++;
		close(pfd);
	}
	if (tap_ok(spawned == 2, "two runs live at once through one template")) {
		static const char *const nss[] = {"user", "pid", "net", "mnt", "ipc", "uts", "cgroup"};
		for (size_t k = 0; k < sizeof nss / sizeof nss[0]; k++) {
			struct stat a, b, tt;
			char pa[64], pb[64], pt[64];
			snprintf(pa, sizeof pa, "/proc/%d/ns/%s", (int)kids[0].pid, nss[k]);
			snprintf(pb, sizeof pb, "/proc/%d/ns/%s", (int)kids[1].pid, nss[k]);
			snprintf(pt, sizeof pt, "/proc/%d/ns/%s", (int)sandbox_template_pid(t), nss[k]);
			int okk = stat(pa, &a) == 0 && stat(pb, &b) == 0 && stat(pt, &tt) == 0 &&
			          a.st_ino != b.st_ino && a.st_ino != tt.st_ino && b.st_ino != tt.st_ino;
			tap_ok(okk, "each run has its own %s namespace, not its sibling's or the template's", nss[k]);
		}
	}
	for (int i = 0; i < spawned; i++) {
		(void)sandbox_child_kill_wait(&kids[i], NULL, NULL);
		sandbox_child_close(&kids[i]);
	}

	pid_t first = sandbox_template_pid(t);
	while (sandbox_template_runs(t) < SANDBOX_TEMPLATE_MAX_RUNS) {
		int c = sandbox_template_connect(t);
		if (c < 0)
			break;
		close(c);
	}
	run_probe("ok", "0", 0, &o);
	tap_ok(sandbox_template_pid(t) != first && o.spawned && o.has_frame,
	       "after %d runs a fresh template takes over and serves", SANDBOX_TEMPLATE_MAX_RUNS);
	tap_ok(exited_within(first, 2000), "the retired template exits once idle");
}

/* ---- spawn cost -------------------------------------------------------- */

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

static void bench(int n, unsigned disable)
{
	long *us = calloc((size_t)n, sizeof *us);
	long *spawn_us = calloc((size_t)n, sizeof *us);
	for (int i = 0; i < n; i++) {
		struct timespec a, b, m;
		struct outcome o;
		char *argv[] = {"probe", (disable & SANDBOX_NO_SECCOMP) ? "nofilter" : "filter", "ok", "0", NULL};
		struct sandbox_config cfg;
		struct sandbox_child c;
		char frame[256], etext[256], err[256];
		size_t flen = 0;
		int fd = open_probe();
		config(&cfg, fd, argv, disable);
		clock_gettime(CLOCK_MONOTONIC, &a);
		if (spawn_guest(&cfg, &c, err, sizeof err) < 0) {
			printf("Bail out! %s\n", err);
			exit(1);
		}
		clock_gettime(CLOCK_MONOTONIC, &m);
		collect(&c, frame, sizeof frame, &flen, etext, sizeof etext);
		sandbox_reap(&c, &o.exit);
		clock_gettime(CLOCK_MONOTONIC, &b);
		sandbox_child_close(&c);
		close(fd);
		us[i] = (b.tv_sec - a.tv_sec) * 1000000 + (b.tv_nsec - a.tv_nsec) / 1000;
		spawn_us[i] = (m.tv_sec - a.tv_sec) * 1000000 + (m.tv_nsec - a.tv_nsec) / 1000;
	}
	qsort(us, (size_t)n, sizeof *us, cmp_long);
	qsort(spawn_us, (size_t)n, sizeof *us, cmp_long);
	printf("# disable=0x%x n=%d spawn->exit->reap: p50 %ld us, p90 %ld us, p99 %ld us; "
	       "sandbox_spawn alone: p50 %ld us, p90 %ld us\n",
	       disable, n, us[n / 2], us[n * 9 / 10], us[n * 99 / 100], spawn_us[n / 2], spawn_us[n * 9 / 10]);
	free(us);
	free(spawn_us);
}

static int userns_works(char *why, size_t cap)
{
	struct outcome o;
	run_probe("ok", "0", 0, &o);
	if (o.spawned && o.has_frame)
		return 1;
	snprintf(why, cap, "%.200s", o.spawn_err[0] ? o.spawn_err : o.stderr_text);
	return 0;
}

int main(int argc, char **argv)
{
	char err[256];
	if (argc < 2) {
		printf("Bail out! usage: test-escape PROBE [--bench N]\n");
		return 1;
	}
	probe_path = argv[1];
	if (seccomp_build(&bpf, &bpf_len, err, sizeof err) < 0) {
		printf("Bail out! %s\n", err);
		return 1;
	}
	snprintf(host_pid, sizeof host_pid, "%d", (int)getpid());
	use_template = getenv("CODECELL_TEST_TEMPLATE") != NULL;
	if (use_template)
		printf("# every probe runs in a child of a template guest\n");

	/* A listener in the host's network namespace for row 11. */
	snprintf(abstract_name, sizeof abstract_name, "codecell-escape-%d", (int)getpid());
	int ls = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	memcpy(sa.sun_path + 1, abstract_name, strlen(abstract_name));
	if (ls < 0 ||
	    bind(ls, (struct sockaddr *)&sa,
	         (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(abstract_name))) < 0 ||
	    listen(ls, 4) < 0) {
		printf("Bail out! abstract listener: %s\n", strerror(errno));
		return 1;
	}

	char why[300];
	if (!userns_works(why, sizeof why))
		tap_skip_all("the sandbox cannot start here: %s", why);

	if (argc >= 4 && strcmp(argv[2], "--bench") == 0) {
		int n = atoi(argv[3]);
		bench(n, 0);
		bench(n, SANDBOX_NO_NETNS);
		return 0;
	}

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct row *r = &rows[i];
		char what[32];
		if (r->entry) {
			check_entry(r);
			continue;
		}
		snprintf(what, sizeof what, "row %s filter", r->row);
		check(what, r->probe, arg_for(r->arg), 0, r->filtered);
		snprintf(what, sizeof what, "row %s no-seccomp", r->row);
		check(what, r->probe, arg_for(r->arg), SANDBOX_NO_SECCOMP, r->unfiltered);
	}
	check_allowed();
	check_sigsys_name();
	check_live_guest();
	check_layers();
	check_failures();
	check_spawner_after();
	check_die_with_parent();
	if (use_template)
		check_template();
	close(ls);
	for (size_t i = 0; i < sizeof templates / sizeof templates[0]; i++)
		sandbox_template_stop(templates[i]);
	free(bpf);
	return tap_done();
}
