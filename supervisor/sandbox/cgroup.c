/* cgroup: per-run resource walls and whole-tree kill/accounting.
 * Runs in: supervisor. Input: kernel cgroup files and operator limits.
 *
 * Layout. Each hierarchy in use has a parent directory owned by codecell:
 *   v2: <v2 parent>/codecell-run-<pid>-<n>        (limits, or tracking only)
 *   v1: <own v1 path>/codecell/codecell-run-<pid>-<n>, per controller mount
 * On a hybrid host (v2 mounted at /sys/fs/cgroup/unified with no controllers)
 * the v2 group still gives cgroup.kill, cpu.stat usage_usec and cgroup.events
 * for the whole tree, while memory/cpu/pids limits come from v1. */
#include "cgroup.h"
#include "util.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/limits.h> /* PATH_MAX; <limits.h> resolves to supervisor/limits.h */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Control files we parse are a few hundred bytes; cpu.stat with every field
 * is under 300. 4 KiB leaves ample room while staying on the stack. */
#define CG_FILE_MAX 4096
/* /proc/self/cgroup has one line per v1 hierarchy (about 12) plus 0::. */
#define CG_PROC_CGROUP_MAX 16384
/* mountinfo can be long in containers (hundreds of mounts); 4 MiB bounds a
 * pathological table while never truncating a real one. */
#define CG_MOUNTINFO_MAX (4u << 20)
/* v2 + memory, cpu, pids, cpuacct v1 hierarchies, at most one each. */
#define CG_MAX_HIER 5
/* Rounds of "read cgroup.procs, SIGKILL each" in v1; pids.max bounds forks,
 * and a process killed this way cannot fork again. */
#define CG_KILL_ROUNDS 64
/* Pids remembered per group while killing, to tell a new arrival (a fork
 * that raced the kill: kill again) from a killed task still exiting (no
 * need to look again). Runs are capped far below this by pids.max; past it
 * every pid counts as new, which only costs extra rounds. */
#define CG_KILL_SEEN_MAX 256
/* runc retries cgroup.procs writes on EINVAL: the task may still be TASK_NEW. */
#define CG_ATTACH_RETRIES 5

#define CG_DIR_V1          "codecell"
#define CG_RUN_PREFIX      "codecell-run-"
#define CG_PROBE_PREFIX    "codecell-probe-"
#define CG_SUPERVISOR_LEAF "codecell-supervisor"

enum {
	ROLE_MEM = 1u << CGROUP_CTRL_MEMORY,
	ROLE_CPU = 1u << CGROUP_CTRL_CPU,
	ROLE_PIDS = 1u << CGROUP_CTRL_PIDS,
	ROLE_CPUACCT = 1u << 3, /* v1 CPU accounting only */
	ROLE_TRACK = 1u << 4,   /* v2 group: kill, cpu.stat, populated */
};

struct hier {
	char parent[PATH_MAX];
	int version; /* 1 or 2 */
	unsigned roles;
	/* The parent directory, opened by the first run that needs it in the
	 * process whose pid is pfd_pid (0: none yet) and kept for its later
	 * runs: a served run's supervisor serves several, and each open is
	 * a walk of a long path through the cgroup filesystems. A process
	 * that inherited the host (a fork) opens its own: the number it
	 * inherited may be closed, or another file, by then. */
	int pfd;
	pid_t pfd_pid;
};

struct cgroup_host {
	enum cgroup_requirement req;
	enum cgroup_mode wall[CGROUP_CTRL_COUNT];
	struct hier h[CG_MAX_HIER];
	int nh;
	bool v2_kill;
	bool moved_self;
	unsigned seq;
	char degraded[256];
};

__attribute__((format(printf, 3, 4))) static void seterr(char *err, size_t errlen, const char *fmt, ...)
{
	if (!err || errlen == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

__attribute__((format(printf, 3, 4))) static int pathf(char *out, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(out, len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -EINVAL;
	return (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/* ------------------------------------------------------------------------ */
/* Pure parsers                                                              */

static const char *line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	return nl ? nl : end;
}

static bool list_has_word(const char *p, const char *end, char sep, const char *word)
{
	size_t wl = strlen(word);
	while (p < end) {
		const char *e = memchr(p, sep, (size_t)(end - p));
		if (!e)
			e = end;
		if ((size_t)(e - p) == wl && memcmp(p, word, wl) == 0)
			return true;
		p = e + 1;
	}
	return false;
}

int cgroup_parse_proc_cgroup(const char *buf, size_t len, const char *controller, char *path, size_t pathlen)
{
	const char *p = buf, *end = buf + len;
	while (p < end) {
		const char *le = line_end(p, end);
		if (le == p) {
			p = le + 1;
			continue;
		}
		/* "<id>:<controller list>:<path>"; the path may itself contain ':' */
		const char *c1 = memchr(p, ':', (size_t)(le - p));
		const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(le - c1 - 1)) : NULL;
		if (!c1 || !c2 || c1 == p)
			return -EINVAL;
		for (const char *q = p; q < c1; q++)
			if (!isdigit((unsigned char)*q))
				return -EINVAL;
		bool match;
		if (!controller)
			match = c2 == c1 + 1 && c1 - p == 1 && *p == '0';
		else
			match = c2 > c1 + 1 && list_has_word(c1 + 1, c2, ',', controller);
		if (match) {
			size_t n = (size_t)(le - c2 - 1);
			if (n == 0 || c2[1] != '/')
				return -EINVAL;
			if (n + 1 > pathlen)
				return -ENAMETOOLONG;
			memcpy(path, c2 + 1, n);
			path[n] = '\0';
			return 0;
		}
		p = le + 1;
	}
	return -ENOENT;
}

bool cgroup_words_contain(const char *buf, size_t len, const char *word)
{
	size_t wl = strlen(word);
	const char *p = buf, *end = buf + len;
	while (p < end) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		const char *s = p;
		while (p < end && !isspace((unsigned char)*p))
			p++;
		if (p > s && (size_t)(p - s) == wl && memcmp(s, word, wl) == 0)
			return true;
	}
	return false;
}

static int parse_dec(const char *p, const char *end, uint64_t *out)
{
	if (p == end)
		return -EINVAL;
	uint64_t v = 0;
	for (; p < end; p++) {
		if (!isdigit((unsigned char)*p))
			return -EINVAL;
		unsigned d = (unsigned)(*p - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -EINVAL;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

int cgroup_parse_keyed(const char *buf, size_t len, const char *key, uint64_t *out)
{
	size_t kl = strlen(key);
	const char *p = buf, *end = buf + len;
	while (p < end) {
		const char *le = line_end(p, end);
		if ((size_t)(le - p) > kl && memcmp(p, key, kl) == 0 && p[kl] == ' ') {
			const char *v = p + kl + 1;
			const char *ve = le;
			while (ve > v && isspace((unsigned char)ve[-1]))
				ve--;
			return parse_dec(v, ve, out);
		}
		p = le + 1;
	}
	return -ENOENT;
}

int cgroup_parse_u64(const char *buf, size_t len, uint64_t *out)
{
	const char *end = buf + len;
	while (end > buf && isspace((unsigned char)end[-1]))
		end--;
	if (end - buf == 3 && memcmp(buf, "max", 3) == 0) {
		*out = CGROUP_UNLIMITED;
		return 0;
	}
	return parse_dec(buf, end, out);
}

/* Copies a mountinfo field, decoding the kernel's \ooo octal escapes. */
static int copy_unescaped(const char *p, const char *e, char *out, size_t outlen)
{
	size_t n = 0;
	while (p < e) {
		char c = *p++;
		if (c == '\\' && e - p >= 3 && p[0] >= '0' && p[0] <= '3' && p[1] >= '0' && p[1] <= '7' &&
		    p[2] >= '0' && p[2] <= '7') {
			c = (char)((p[0] - '0') * 64 + (p[1] - '0') * 8 + (p[2] - '0'));
			p += 3;
		}
		if (n + 1 >= outlen)
			return -ENAMETOOLONG;
		out[n++] = c;
	}
	out[n] = '\0';
	return 0;
}

int cgroup_parse_mountinfo(const char *buf, size_t len, const char *fstype, const char *option, char *mnt,
                           size_t mntlen, char *root, size_t rootlen)
{
	const char *p = buf, *end = buf + len;
	while (p < end) {
		const char *le = line_end(p, end);
		if (le == p) {
			p = le + 1;
			continue;
		}
		/* id parent maj:min root mountpoint opts [optional...] - fstype source superopts */
		const char *f[6];
		size_t fl[6];
		const char *q = p;
		int nf = 0;
		while (nf < 6 && q < le) {
			const char *s = q;
			while (q < le && *q != ' ')
				q++;
			f[nf] = s;
			fl[nf] = (size_t)(q - s);
			nf++;
			if (q < le)
				q++;
		}
		if (nf < 6)
			return -EINVAL;
		/* skip optional fields up to the lone "-" separator */
		const char *fld[3];
		size_t fll[3];
		int got = -1;
		while (q < le && got < 3) {
			const char *s = q;
			while (q < le && *q != ' ')
				q++;
			if (got >= 0) {
				fld[got] = s;
				fll[got] = (size_t)(q - s);
				got++;
			} else if (q - s == 1 && *s == '-') {
				got = 0;
			}
			if (q < le)
				q++;
		}
		if (got < 2)
			return -EINVAL;
		const char *t = fld[0], *te = fld[0] + fll[0];
		const char *so = got == 3 ? fld[2] : le, *soe = got == 3 ? fld[2] + fll[2] : le;
		size_t tl = strlen(fstype);
		if ((size_t)(te - t) == tl && memcmp(t, fstype, tl) == 0 &&
		    (!option || list_has_word(so, soe, ',', option))) {
			int rc = copy_unescaped(f[4], f[4] + fl[4], mnt, mntlen);
			if (rc == 0)
				rc = copy_unescaped(f[3], f[3] + fl[3], root, rootlen);
			return rc;
		}
		p = le + 1;
	}
	return -ENOENT;
}

int cgroup_parse_run_name(const char *name, pid_t *pid)
{
	const char *p;
	bool run;
	if (strncmp(name, CG_RUN_PREFIX, strlen(CG_RUN_PREFIX)) == 0) {
		p = name + strlen(CG_RUN_PREFIX);
		run = true;
	} else if (strncmp(name, CG_PROBE_PREFIX, strlen(CG_PROBE_PREFIX)) == 0) {
		p = name + strlen(CG_PROBE_PREFIX);
		run = false;
	} else {
		return -EINVAL;
	}
	const char *e = p;
	while (isdigit((unsigned char)*e))
		e++;
	uint64_t v, n;
	if (parse_dec(p, e, &v) < 0 || v == 0 || v > INT32_MAX)
		return -EINVAL;
	if (run) {
		if (*e != '-' || parse_dec(e + 1, e + 1 + strlen(e + 1), &n) < 0)
			return -EINVAL;
	} else if (*e != '\0') {
		return -EINVAL;
	}
	*pid = (pid_t)v;
	return 0;
}

/* ------------------------------------------------------------------------ */
/* File helpers                                                              */

/* Path-based helpers serve the host probe (once per supervisor start); a
 * run works relative to its groups' directory fds instead (see "Runs"). */

/* Reads at most cap-1 bytes of dir/file into buf (NUL-terminated). Returns
 * the length or -errno. */
static ssize_t read_at(const char *dir, const char *file, char *buf, size_t cap)
{
	char p[PATH_MAX];
	if (pathf(p, sizeof p, "%s/%s", dir, file) < 0)
		return -ENAMETOOLONG;
	size_t n;
	int r = util_read_file_into(p, 0, buf, cap, &n);
	return r < 0 ? r : (ssize_t)n;
}

/* Reads a whole /proc file into a malloc'd buffer of at most max bytes. */
static ssize_t read_whole(const char *path, size_t max, char **out)
{
	size_t n;
	int r = util_read_file_alloc(path, 0, max, false, out, &n);
	return r < 0 ? r : (ssize_t)n;
}

/* Writes val to the open file fd in one write(2): cgroup files take one
 * value per write. Returns 0 or -errno. */
static int write_val(int fd, const char *val)
{
	size_t len = strlen(val);
	ssize_t w;
	do
		w = write(fd, val, len);
	while (w < 0 && errno == EINTR);
	return w < 0 ? -errno : ((size_t)w != len ? -EIO : 0);
}

/* Writes val to file in the group whose directory fd is dfd (dir names it
 * in err; NULL when file is a whole path). Returns 0 or -errno; -ENOENT when
 * the file does not exist, which callers of optional files take as "not on
 * this kernel". */
static int write_in(int dfd, const char *dir, const char *file, const char *val, char *err, size_t errlen)
{
	const char *d = dir ? dir : "", *sep = dir ? "/" : "";
	int fd = openat(dfd, file, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		seterr(err, errlen, "open %s%s%s: %s", d, sep, file, strerror(e));
		return -e;
	}
	int rc = write_val(fd, val);
	close(fd);
	if (rc < 0)
		seterr(err, errlen, "write '%s' to %s%s%s: %s", val, d, sep, file, strerror(-rc));
	return rc;
}

/* Writes val to dir/file by path (the probe's parents). */
static int write_at(const char *dir, const char *file, const char *val, char *err, size_t errlen)
{
	char p[PATH_MAX];
	if (pathf(p, sizeof p, "%s/%s", dir, file) < 0) {
		seterr(err, errlen, "cgroup path too long: %s/%s", dir, file);
		return -ENAMETOOLONG;
	}
	return write_in(AT_FDCWD, NULL, p, val, err, errlen);
}

static bool exists_at(const char *dir, const char *file)
{
	char p[PATH_MAX];
	return pathf(p, sizeof p, "%s/%s", dir, file) == 0 && access(p, F_OK) == 0;
}

/* Reads a control file of an open group in one pread at offset 0 into buf
 * (NUL-terminated, at most cap-1 bytes). cgroup control files are kernfs
 * seq files whose show() prints the whole file as one record, and
 * seq_read_iter() fills the caller's buffer with every record that fits, so
 * a read shorter than asked is the whole file; one that fills the buffer
 * may be truncated and is refused (-EFBIG) rather than half-parsed. A read
 * at offset 0 also resets the iterator and regenerates the text, which is
 * what lets a held fd be re-read (fs/seq_file.c; test-cgroup proves it). */
static ssize_t pread_whole(int fd, char *buf, size_t cap)
{
	ssize_t n;
	do
		n = pread(fd, buf, cap - 1, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if ((size_t)n == cap - 1)
		return -EFBIG;
	buf[n] = '\0';
	return n;
}

/* Reads file in the group dfd once (open, read, close). */
static ssize_t read_in(int dfd, const char *file, char *buf, size_t cap)
{
	int fd = openat(dfd, file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = pread_whole(fd, buf, cap);
	close(fd);
	return n;
}

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void sleep_us(long us)
{
	struct timespec ts = {.tv_sec = 0, .tv_nsec = us * 1000};
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Joins a mount point with a cgroup path made relative to the mount's root
 * (they differ when the mount was made outside our cgroup namespace). */
static int join_mount(char *out, size_t len, const char *mnt, const char *root, const char *cgpath)
{
	size_t rl = strlen(root);
	const char *rel = cgpath;
	if (strcmp(root, "/") != 0 && strncmp(cgpath, root, rl) == 0 && (cgpath[rl] == '/' || cgpath[rl] == '\0'))
		rel = cgpath + rl;
	while (*rel == '/')
		rel++;
	return *rel ? pathf(out, len, "%s/%s", mnt, rel) : pathf(out, len, "%s", mnt);
}

struct kill_seen {
	pid_t pid[CG_KILL_SEEN_MAX];
	size_t n;
};

/* SIGKILLs every pid listed in cgroup.procs of the group dfd. Returns how
 * many of them were not in *seen yet (and adds them), or -errno. A killed
 * task stays listed until it has finished exiting, so a round that lists
 * only known pids means nothing new arrived: the caller can stop without
 * sleeping. */
static int kill_listed(int dfd, struct kill_seen *seen)
{
	int fd = openat(dfd, "cgroup.procs", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	FILE *f = fdopen(fd, "r");
	if (!f) {
		int e = errno;
		close(fd);
		return -e;
	}
	int fresh = 0;
	long pid;
	while (fscanf(f, "%ld", &pid) == 1) {
		if (pid <= 0 || pid > INT32_MAX)
			continue;
		kill((pid_t)pid, SIGKILL);
		bool known = false;
		for (size_t i = 0; i < seen->n && !known; i++)
			known = seen->pid[i] == (pid_t)pid;
		if (known)
			continue;
		fresh++;
		if (seen->n < CG_KILL_SEEN_MAX)
			seen->pid[seen->n++] = (pid_t)pid;
	}
	fclose(f);
	return fresh;
}

/* Kills until a round finds nothing new (see kill_listed). Returns the
 * first error, or 0. */
static int kill_all_listed(int dfd)
{
	struct kill_seen seen;
	seen.n = 0;
	for (int round = 0; round < CG_KILL_ROUNDS; round++) {
		int n = kill_listed(dfd, &seen);
		if (n <= 0)
			return n < 0 ? n : 0;
	}
	return 0;
}

static int dir_populated(int dfd, int version)
{
	char buf[CG_FILE_MAX];
	ssize_t n;
	if (version == 2 && (n = read_in(dfd, "cgroup.events", buf, sizeof buf)) >= 0) {
		uint64_t v;
		if (cgroup_parse_keyed(buf, (size_t)n, "populated", &v) == 0)
			return v != 0;
	}
	n = read_in(dfd, "cgroup.procs", buf, 64);
	if (n == -EFBIG)
		return 1; /* 63 bytes of pids: certainly populated */
	if (n < 0)
		return (int)n;
	for (ssize_t i = 0; i < n; i++)
		if (isdigit((unsigned char)buf[i]))
			return 1;
	return 0;
}

/* Kills what is inside the group pfd/name (unless the caller just did) and
 * removes it, waiting up to the deadline. The rmdir is itself the proof
 * that nothing is left: the kernel refuses (EBUSY) to remove a v1 or v2
 * group that still has a live task, and only then do we look inside and
 * kill what is listed. */
static int remove_group(int pfd, const char *name, int version, bool killed, uint64_t deadline)
{
	int dfd = -1, rc;
	if (!killed) {
		dfd = openat(pfd, name, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			/* cgroup.kill is absent before 5.14: the pid loop does it */
			if (version == 2)
				write_in(dfd, name, "cgroup.kill", "1", NULL, 0);
			kill_all_listed(dfd);
		}
	}
	/* Start short: after the caller reaped its child the group is usually
	 * empty already and the first rmdir succeeds; a task still exiting
	 * takes tens of microseconds, a stuck one gets the longer waits. */
	long backoff = 50;
	for (;;) {
		if (unlinkat(pfd, name, AT_REMOVEDIR) == 0 || errno == ENOENT) {
			rc = 0;
			break;
		}
		int e = errno;
		if (e != EBUSY || now_ms() >= deadline) {
			rc = -e;
			break;
		}
		if (dfd < 0)
			dfd = openat(pfd, name, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0 && dir_populated(dfd, version) > 0)
			kill_all_listed(dfd);
		sleep_us(backoff);
		if (backoff < 10000)
			backoff *= 2;
	}
	if (dfd >= 0)
		close(dfd);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Host probe                                                                */

static const char *const ctrl_names[CGROUP_CTRL_COUNT] = {"memory", "cpu", "pids"};

const char *cgroup_mode_name(enum cgroup_mode m)
{
	switch (m) {
	case CGROUP_MODE_V2: return "v2";
	case CGROUP_MODE_V1: return "v1";
	case CGROUP_MODE_NONE: break;
	}
	return "none";
}

void cgroup_limits_from(struct cgroup_limits *lim, const struct limits *l)
{
	*lim = (struct cgroup_limits){
	        .memory_bytes = l->memory_bytes ? l->memory_bytes : CGROUP_UNLIMITED,
	        .pids = l->pids ? l->pids : CGROUP_UNLIMITED,
	        .cpu_quota_usec = CGROUP_DEFAULT_CPU_QUOTA_USEC,
	        .cpu_period_usec = CGROUP_DEFAULT_CPU_PERIOD_USEC,
	};
}

static void add_degraded(struct cgroup_host *h, const char *word)
{
	size_t n = strlen(h->degraded);
	snprintf(h->degraded + n, sizeof h->degraded - n, "%s%s", n ? "," : "", word);
}

/* mkdir that treats an existing directory as success. */
static int mkdir_ok(const char *dir)
{
	if (mkdir(dir, 0755) == 0 || errno == EEXIST)
		return 0;
	return -errno;
}

/* Checks that we may create child groups under parent. On v2 it also
 * reports whether cgroup.kill exists for them (5.14+; never at the root).
 *
 * Without creating one where it can: a trial mkdir+rmdir in each of the
 * four hierarchies cost ~0.2 ms of CPU per run here (docs/PERFORMANCE.md).
 * access(W_OK|X_OK) answers the same question for the ways a host refuses
 * (delegation is by ownership and mode of the directory; a read-only
 * cgroupfs answers EROFS), and the run's own mkdir right after still reports
 * anything else as an error. cgroup.kill and cgroup.events exist only in
 * non-root groups, so a non-root parent tells what its children will have;
 * for the root itself the trial child is kept. */
static int probe_child(const char *parent, bool *has_kill)
{
	if (access(parent, W_OK | X_OK) < 0)
		return -errno;
	if (!has_kill)
		return 0;
	if (exists_at(parent, "cgroup.kill")) {
		*has_kill = true;
		return 0;
	}
	if (exists_at(parent, "cgroup.events")) {
		*has_kill = false;
		return 0;
	}
	char p[PATH_MAX];
	if (pathf(p, sizeof p, "%s/" CG_PROBE_PREFIX "%ld", parent, (long)getpid()) < 0)
		return -ENAMETOOLONG;
	if (mkdir(p, 0755) < 0 && errno != EEXIST)
		return -errno;
	*has_kill = exists_at(p, "cgroup.kill");
	if (rmdir(p) < 0)
		return -errno;
	return 0;
}

/* Enables one controller in dir/cgroup.subtree_control (no-op if enabled). */
static int v2_enable(const char *dir, const char *ctrl)
{
	char buf[CG_FILE_MAX];
	ssize_t n = read_at(dir, "cgroup.subtree_control", buf, sizeof buf);
	if (n < 0)
		return (int)n;
	if (cgroup_words_contain(buf, (size_t)n, ctrl))
		return 0;
	char val[32];
	snprintf(val, sizeof val, "+%s", ctrl);
	return write_at(dir, "cgroup.subtree_control", val, NULL, 0);
}

/* True when dir/cgroup.procs lists exactly this process. */
static bool only_self_in(const char *dir)
{
	char buf[CG_FILE_MAX];
	ssize_t n = read_at(dir, "cgroup.procs", buf, sizeof buf);
	if (n <= 0)
		return false;
	uint64_t v;
	return cgroup_parse_u64(buf, (size_t)n, &v) == 0 && v == (uint64_t)getpid();
}

/* Prepares the v2 parent. Fills ok[] with the controllers usable for limits
 * there; returns 0 when the parent can hold run groups at all (tracking),
 * else -errno with a reason in why. */
static int setup_v2(struct cgroup_host *h, const char *parent, const char *grandparent, bool ok[CGROUP_CTRL_COUNT],
                    char *why, size_t whylen)
{
	int rc = mkdir_ok(parent);
	if (rc < 0) {
		seterr(why, whylen, "mkdir %s: %s", parent, strerror(-rc));
		return rc;
	}
	rc = probe_child(parent, &h->v2_kill);
	if (rc < 0) {
		seterr(why, whylen, "cannot create a child group in %s: %s", parent, strerror(-rc));
		return rc;
	}
	char missing[64] = "";
	/* What can be enabled at all: a controller bound to a v1 hierarchy (a
	 * hybrid host) is absent here, and trying it costs two writes per
	 * controller per run for a certain ENOENT. */
	char ctl[256] = "";
	ssize_t ctln = read_at(grandparent ? grandparent : parent, "cgroup.controllers", ctl, sizeof ctl);
	if (ctln > 0 && ctl[ctln - 1] == '\n')
		ctl[--ctln] = '\0';
	for (int c = 0; c < CGROUP_CTRL_COUNT; c++) {
		if (ctln >= 0 && !cgroup_words_contain(ctl, (size_t)ctln, ctrl_names[c])) {
			ok[c] = false;
			size_t n = strlen(missing);
			snprintf(missing + n, sizeof missing - n, "%s%s", n ? " " : "", ctrl_names[c]);
			continue;
		}
		/* The root is exempt from the no-internal-process rule, so enabling
		 * there is always allowed when the controller is bound to v2. */
		if (grandparent)
			v2_enable(grandparent, ctrl_names[c]);
		int e = v2_enable(parent, ctrl_names[c]);
		if (e == -EBUSY && !grandparent && only_self_in(parent)) {
			/* No-internal-process rule: a non-root group with members
			 * cannot delegate controllers. The parent holds only us, so
			 * move into a leaf beside the runs (isolate's daemon/ leaf). */
			char leaf[PATH_MAX];
			char pid[32];
			snprintf(pid, sizeof pid, "%ld", (long)getpid());
			if (pathf(leaf, sizeof leaf, "%s/" CG_SUPERVISOR_LEAF, parent) == 0 && mkdir_ok(leaf) == 0 &&
			    write_at(leaf, "cgroup.procs", pid, NULL, 0) == 0) {
				h->moved_self = true;
				e = v2_enable(parent, ctrl_names[c]);
			}
		}
		ok[c] = e == 0;
		if (!ok[c]) {
			size_t n = strlen(missing);
			snprintf(missing + n, sizeof missing - n, "%s%s", n ? " " : "", ctrl_names[c]);
		}
	}
	if (missing[0]) {
		ssize_t n = ctln;
		seterr(why, whylen,
		       "cgroup v2 controllers [%s] cannot be enabled in %s/cgroup.subtree_control "
		       "(available: '%s'); on a hybrid host they are bound to cgroup v1 hierarchies "
		       "(see /proc/cgroups)",
		       missing, parent, n > 0 ? ctl : "?");
	}
	return 0;
}

/* Finds the v1 hierarchy of ctrl and prepares <own path>/codecell in it. */
static int setup_v1(const char *mountinfo, size_t milen, const char *proccg, size_t pclen, const char *ctrl,
                    char *parent, size_t parentlen)
{
	char mnt[PATH_MAX], root[PATH_MAX], own[PATH_MAX], dir[PATH_MAX];
	int rc = cgroup_parse_mountinfo(mountinfo, milen, "cgroup", ctrl, mnt, sizeof mnt, root, sizeof root);
	if (rc < 0)
		return rc;
	rc = cgroup_parse_proc_cgroup(proccg, pclen, ctrl, own, sizeof own);
	if (rc < 0)
		return rc;
	rc = join_mount(dir, sizeof dir, mnt, root, own);
	if (rc < 0)
		return rc;
	rc = pathf(parent, parentlen, "%s/" CG_DIR_V1, dir);
	if (rc < 0)
		return rc;
	rc = mkdir_ok(parent);
	if (rc < 0)
		return rc;
	return probe_child(parent, NULL);
}

static int add_hier(struct cgroup_host *h, const char *parent, int version, unsigned roles)
{
	for (int i = 0; i < h->nh; i++) {
		if (strcmp(h->h[i].parent, parent) == 0) {
			h->h[i].roles |= roles;
			return 0;
		}
	}
	if (h->nh == CG_MAX_HIER)
		return -E2BIG;
	struct hier *x = &h->h[h->nh++];
	snprintf(x->parent, sizeof x->parent, "%s", parent);
	x->version = version;
	x->roles = roles;
	return 0;
}

int cgroup_host_probe(const char *v2_parent, enum cgroup_requirement req, struct cgroup_host **out, char *err,
                      size_t errlen)
{
	*out = NULL;
	struct cgroup_host *h = calloc(1, sizeof *h);
	if (!h) {
		seterr(err, errlen, "cgroup probe: out of memory");
		return -ENOMEM;
	}
	h->req = req;
	if (req == CGROUP_REQ_OFF) {
		add_degraded(h, "cgroups-off");
		for (int c = 0; c < CGROUP_CTRL_COUNT; c++) {
			char w[32];
			snprintf(w, sizeof w, "no-cgroup-%s", ctrl_names[c]);
			add_degraded(h, w);
		}
		*out = h;
		return 0;
	}

	char *mi = NULL, *pc = NULL;
	int rc;
	ssize_t mil = read_whole("/proc/self/mountinfo", CG_MOUNTINFO_MAX, &mi);
	if (mil < 0) {
		seterr(err, errlen, "read /proc/self/mountinfo: %s", strerror((int)-mil));
		rc = (int)mil;
		goto fail;
	}
	ssize_t pcl = read_whole("/proc/self/cgroup", CG_PROC_CGROUP_MAX, &pc);
	if (pcl < 0) {
		seterr(err, errlen, "read /proc/self/cgroup: %s", strerror((int)-pcl));
		rc = (int)pcl;
		goto fail;
	}

	/* v2: find the mount and the parent for run groups. */
	bool v2ok[CGROUP_CTRL_COUNT] = {false, false, false};
	bool v2_tracking = false, v2_mounted = false;
	char why[1024] = "";
	char mnt[PATH_MAX], root[PATH_MAX], own[PATH_MAX], ownd[PATH_MAX], parent[PATH_MAX];
	rc = cgroup_parse_mountinfo(mi, (size_t)mil, "cgroup2", NULL, mnt, sizeof mnt, root, sizeof root);
	v2_mounted = rc == 0;
	if (rc == 0 && v2_parent) {
		if (pathf(parent, sizeof parent, "%s", v2_parent) < 0)
			rc = -ENAMETOOLONG;
		else
			rc = setup_v2(h, parent, NULL, v2ok, why, sizeof why);
		v2_tracking = rc == 0;
	} else if (rc == 0) {
		rc = cgroup_parse_proc_cgroup(pc, (size_t)pcl, NULL, own, sizeof own);
		if (rc == 0)
			rc = join_mount(ownd, sizeof ownd, mnt, root, own);
		if (rc == 0 && strcmp(ownd, mnt) == 0) {
			/* We sit in the root group: keep our runs under a dir of
			 * our own rather than litter the root. */
			rc = pathf(parent, sizeof parent, "%s/codecell", mnt);
			if (rc == 0)
				rc = setup_v2(h, parent, mnt, v2ok, why, sizeof why);
		} else if (rc == 0) {
			snprintf(parent, sizeof parent, "%s", ownd);
			rc = setup_v2(h, parent, NULL, v2ok, why, sizeof why);
		} else {
			seterr(why, sizeof why, "cannot locate this process's cgroup v2 group: %s", strerror(-rc));
		}
		v2_tracking = rc == 0;
	} else {
		seterr(why, sizeof why, "no cgroup2 filesystem is mounted");
	}
	bool v2_all = v2_tracking && v2ok[0] && v2ok[1] && v2ok[2];

	if (req == CGROUP_REQ_REQUIRED && !v2_all) {
		seterr(err, errlen, "cgroup v2 with memory, cpu and pids is required but unavailable: %s",
		       why[0] ? why : "unknown reason");
		rc = -ENOTSUP;
		goto fail;
	}

	if (v2_tracking) {
		unsigned roles = ROLE_TRACK;
		for (int c = 0; c < CGROUP_CTRL_COUNT; c++)
			if (v2ok[c]) {
				roles |= 1u << c;
				h->wall[c] = CGROUP_MODE_V2;
			}
		add_hier(h, parent, 2, roles);
		if (!v2_all)
			add_degraded(h, "cgroup-v2-controllers-missing");
		if (!h->v2_kill)
			add_degraded(h, "no-cgroup-kill");
	} else {
		/* mounted but not writable for us (not root, nothing delegated) */
		add_degraded(h, v2_mounted ? "cgroup-v2-unusable" : "no-cgroup-v2");
		add_degraded(h, "no-cgroup-kill");
	}

	/* v1 for every wall v2 could not provide, and CPU accounting when no v2
	 * group tracks the run. */
	for (int c = 0; c < CGROUP_CTRL_COUNT; c++) {
		if (h->wall[c] != CGROUP_MODE_NONE)
			continue;
		char p1[PATH_MAX];
		if (setup_v1(mi, (size_t)mil, pc, (size_t)pcl, ctrl_names[c], p1, sizeof p1) == 0 &&
		    add_hier(h, p1, 1, 1u << c) == 0)
			h->wall[c] = CGROUP_MODE_V1;
	}
	if (!v2_tracking) {
		char p1[PATH_MAX];
		if (setup_v1(mi, (size_t)mil, pc, (size_t)pcl, "cpuacct", p1, sizeof p1) == 0)
			add_hier(h, p1, 1, ROLE_CPUACCT);
	}
	for (int c = 0; c < CGROUP_CTRL_COUNT; c++) {
		if (h->wall[c] == CGROUP_MODE_NONE) {
			char w[32];
			snprintf(w, sizeof w, "no-cgroup-%s", ctrl_names[c]);
			add_degraded(h, w);
		}
	}
	free(mi);
	free(pc);
	*out = h;
	return 0;
fail:
	free(mi);
	free(pc);
	free(h);
	return rc;
}

void cgroup_host_free(struct cgroup_host *h)
{
	if (!h)
		return;
	pid_t self = getpid();
	for (int i = 0; i < h->nh; i++)
		if (h->h[i].pfd_pid == self)
			close(h->h[i].pfd);
	free(h);
}

enum cgroup_mode cgroup_host_wall(const struct cgroup_host *h, enum cgroup_controller c)
{
	return (unsigned)c < CGROUP_CTRL_COUNT ? h->wall[c] : CGROUP_MODE_NONE;
}

enum cgroup_mode cgroup_host_mode(const struct cgroup_host *h)
{
	bool any_v1 = false, any_v2 = false;
	for (int c = 0; c < CGROUP_CTRL_COUNT; c++) {
		any_v1 |= h->wall[c] == CGROUP_MODE_V1;
		any_v2 |= h->wall[c] == CGROUP_MODE_V2;
	}
	/* Report the weakest mechanism in use, so "v2" is never claimed for a
	 * run that depends on v1 for any wall. */
	return any_v1 ? CGROUP_MODE_V1 : any_v2 ? CGROUP_MODE_V2 : CGROUP_MODE_NONE;
}

const char *cgroup_host_degraded(const struct cgroup_host *h)
{
	return h->degraded;
}

bool cgroup_host_v2_tracking(const struct cgroup_host *h)
{
	for (int i = 0; i < h->nh; i++)
		if (h->h[i].roles & ROLE_TRACK)
			return true;
	return false;
}

int cgroup_host_describe(const struct cgroup_host *h, char *buf, size_t len)
{
	return pathf(buf, len, "mode=%s memory=%s cpu=%s pids=%s tracking=%s kill=%s%s degraded=%s",
	             cgroup_mode_name(cgroup_host_mode(h)), cgroup_mode_name(h->wall[CGROUP_CTRL_MEMORY]),
	             cgroup_mode_name(h->wall[CGROUP_CTRL_CPU]), cgroup_mode_name(h->wall[CGROUP_CTRL_PIDS]),
	             cgroup_host_v2_tracking(h) ? "v2" : "none", h->v2_kill ? "cgroup.kill" : "sigkill-pids",
	             h->moved_self ? " moved-self=" CG_SUPERVISOR_LEAF : "", h->degraded[0] ? h->degraded : "none");
}

/* ------------------------------------------------------------------------ */
/* Runs                                                                      */

/* A run touches its groups' files a dozen times and more (limits, attach,
 * samples, usage, kill, rmdir). By full path each of those is a walk down
 * /sys/fs/cgroup/<controller>/.../codecell/codecell-run-<pid>-<n>, and those
 * walks were the largest share of a trivial run's supervisor CPU. So each
 * group keeps its parent's and its own directory fd (O_PATH: only for *at
 * lookups), opened once at create: everything else is one component from
 * there. */

/* Stat files a run re-reads (v2 cpu.stat at every CPU sample; usage at the
 * result, again in teardown without a server) are held open and re-read
 * with pread at offset 0 (pread_whole). A file read only once costs the same
 * held or not (its close moves to destroy), so every usage file is held:
 * one group holds at most cpu.stat, memory.peak, memory.events and
 * pids.events (pure v2). */
#define CG_HELD_MAX 4

struct held {
	const char *file; /* a string literal below; NULL = free slot */
	int fd;
};

struct run_dir {
	char path[PATH_MAX]; /* for messages and cgroup_run_v2_path() */
	int version;
	unsigned roles;
	int pfd; /* the hierarchy's parent for codecell runs (mkdirat, unlinkat): the host's */
	int dfd; /* this group */
	struct held held[CG_HELD_MAX];
};

struct cgroup_run {
	struct cgroup_host *host;
	char name[64];
	struct run_dir d[CG_MAX_HIER];
	int nd;
	int v2_fd;        /* the v2 group's dfd, for CLONE_INTO_CGROUP */
	bool pidns_init;  /* attached with CGROUP_ATTACH_PIDNS_INIT */
	bool init_reaped; /* cgroup_run_reaped(): that init is gone */
};

/* Reads file of group d through its held fd, opening it the first time. */
static ssize_t held_read(struct run_dir *d, const char *file, char *buf, size_t cap)
{
	struct held *free_slot = NULL;
	for (int i = 0; i < CG_HELD_MAX; i++) {
		if (!d->held[i].file) {
			if (!free_slot)
				free_slot = &d->held[i];
		} else if (strcmp(d->held[i].file, file) == 0) {
			return pread_whole(d->held[i].fd, buf, cap);
		}
	}
	int fd = openat(d->dfd, file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = pread_whole(fd, buf, cap);
	if (free_slot) {
		free_slot->file = file;
		free_slot->fd = fd;
	} else {
		close(fd); /* not expected (CG_HELD_MAX): correct, only slower */
	}
	return n;
}

static int held_keyed(struct run_dir *d, const char *file, const char *key, uint64_t *out)
{
	char buf[CG_FILE_MAX];
	ssize_t n = held_read(d, file, buf, sizeof buf);
	return n < 0 ? (int)n : cgroup_parse_keyed(buf, (size_t)n, key, out);
}

static int held_u64(struct run_dir *d, const char *file, uint64_t *out)
{
	char buf[CG_FILE_MAX];
	ssize_t n = held_read(d, file, buf, sizeof buf);
	return n < 0 ? (int)n : cgroup_parse_u64(buf, (size_t)n, out);
}

static int apply_limits(const struct run_dir *d, const struct cgroup_limits *lim, char *err, size_t errlen)
{
	char v[64];
	int rc;
	const char *dir = d->path;
	int dfd = d->dfd;
	if (d->roles & ROLE_MEM) {
		if (d->version == 2) {
			if (lim->memory_bytes == CGROUP_UNLIMITED)
				snprintf(v, sizeof v, "max");
			else
				snprintf(v, sizeof v, "%llu", (unsigned long long)lim->memory_bytes);
			if ((rc = write_in(dfd, dir, "memory.max", v, err, errlen)) < 0)
				return rc;
			/* Without swap.max=0 a hog could page out past memory.max.
			 * The file is absent when swap accounting is off: then
			 * there is nothing to escape into. */
			if ((rc = write_in(dfd, dir, "memory.swap.max", "0", err, errlen)) < 0 && rc != -ENOENT)
				return rc;
			/* Kill the whole sandbox on OOM, not one arbitrary task:
			 * a half-killed run would keep running degraded. */
			if ((rc = write_in(dfd, dir, "memory.oom.group", "1", err, errlen)) < 0)
				return rc;
		} else {
			if (lim->memory_bytes == CGROUP_UNLIMITED)
				snprintf(v, sizeof v, "-1");
			else
				snprintf(v, sizeof v, "%llu", (unsigned long long)lim->memory_bytes);
			if ((rc = write_in(dfd, dir, "memory.limit_in_bytes", v, err, errlen)) < 0)
				return rc;
			/* memsw (memory+swap) must be written after the memory
			 * limit: the kernel refuses memsw < limit_in_bytes. Absent
			 * without swap accounting, as above. */
			if ((rc = write_in(dfd, dir, "memory.memsw.limit_in_bytes", v, err, errlen)) < 0 &&
			    rc != -ENOENT)
				return rc;
		}
	}
	if (d->roles & ROLE_CPU) {
		if (d->version == 2) {
			if (lim->cpu_quota_usec == CGROUP_UNLIMITED)
				snprintf(v, sizeof v, "max %llu", (unsigned long long)lim->cpu_period_usec);
			else
				snprintf(v, sizeof v, "%llu %llu", (unsigned long long)lim->cpu_quota_usec,
				         (unsigned long long)lim->cpu_period_usec);
			if ((rc = write_in(dfd, dir, "cpu.max", v, err, errlen)) < 0)
				return rc;
		} else {
			snprintf(v, sizeof v, "%llu", (unsigned long long)lim->cpu_period_usec);
			if ((rc = write_in(dfd, dir, "cpu.cfs_period_us", v, err, errlen)) < 0)
				return rc;
			if (lim->cpu_quota_usec == CGROUP_UNLIMITED)
				snprintf(v, sizeof v, "-1");
			else
				snprintf(v, sizeof v, "%llu", (unsigned long long)lim->cpu_quota_usec);
			if ((rc = write_in(dfd, dir, "cpu.cfs_quota_us", v, err, errlen)) < 0)
				return rc;
		}
	}
	if (d->roles & ROLE_PIDS) {
		if (lim->pids == CGROUP_UNLIMITED)
			snprintf(v, sizeof v, "max");
		else
			snprintf(v, sizeof v, "%llu", (unsigned long long)lim->pids);
		if ((rc = write_in(dfd, dir, "pids.max", v, err, errlen)) < 0)
			return rc;
	}
	return 0;
}

static int check_limits(const struct cgroup_limits *lim, char *err, size_t errlen)
{
	if (lim->cpu_period_usec < CGROUP_CPU_PERIOD_MIN_USEC || lim->cpu_period_usec > CGROUP_CPU_PERIOD_MAX_USEC) {
		seterr(err, errlen, "cgroup cpu period %llu us out of range [%u, %u]",
		       (unsigned long long)lim->cpu_period_usec, CGROUP_CPU_PERIOD_MIN_USEC,
		       CGROUP_CPU_PERIOD_MAX_USEC);
		return -ERANGE;
	}
	if (lim->cpu_quota_usec != CGROUP_UNLIMITED &&
	    (lim->cpu_quota_usec < CGROUP_CPU_QUOTA_MIN_USEC || lim->cpu_quota_usec > INT64_MAX / 1000)) {
		seterr(err, errlen, "cgroup cpu quota %llu us out of range (minimum %u)",
		       (unsigned long long)lim->cpu_quota_usec, CGROUP_CPU_QUOTA_MIN_USEC);
		return -ERANGE;
	}
	if (lim->memory_bytes == 0 || lim->pids == 0) {
		seterr(err, errlen, "cgroup limits: memory and pids must be > 0 (CGROUP_UNLIMITED for none)");
		return -ERANGE;
	}
	if (lim->memory_bytes != CGROUP_UNLIMITED && lim->memory_bytes > INT64_MAX) {
		seterr(err, errlen, "cgroup memory limit %llu too large", (unsigned long long)lim->memory_bytes);
		return -ERANGE;
	}
	return 0;
}

int cgroup_run_create(struct cgroup_host *h, const struct cgroup_limits *lim, struct cgroup_run **out, char *err,
                      size_t errlen)
{
	*out = NULL;
	int rc = check_limits(lim, err, errlen);
	if (rc < 0)
		return rc;
	struct cgroup_run *r = calloc(1, sizeof *r);
	if (!r) {
		seterr(err, errlen, "cgroup run: out of memory");
		return -ENOMEM;
	}
	r->host = h;
	r->v2_fd = -1;
	snprintf(r->name, sizeof r->name, CG_RUN_PREFIX "%ld-%u", (long)getpid(), h->seq++);
	pid_t self = getpid();
	for (int i = 0; i < h->nh; i++) {
		struct hier *x = &h->h[i];
		struct run_dir *d = &r->d[r->nd];
		d->pfd = d->dfd = -1;
		if (pathf(d->path, sizeof d->path, "%s/%s", x->parent, r->name) < 0) {
			seterr(err, errlen, "cgroup path too long: %s/%s", x->parent, r->name);
			rc = -ENAMETOOLONG;
			goto fail;
		}
		if (x->pfd_pid != self) {
			int fd = open(x->parent, O_PATH | O_DIRECTORY | O_CLOEXEC);
			if (fd < 0) {
				int e = errno;
				seterr(err, errlen, "open %s: %s", x->parent, strerror(e));
				rc = -e;
				goto fail;
			}
			x->pfd = fd;
			x->pfd_pid = self;
		}
		d->pfd = x->pfd; /* the host's: not closed with the run */
		if (mkdirat(d->pfd, r->name, 0755) < 0) {
			int e = errno;
			if (e == EEXIST) {
				/* Left by an earlier supervisor that had our pid: empty
				 * it and start clean rather than inherit its settings. */
				remove_group(d->pfd, r->name, x->version, false, now_ms() + CGROUP_DESTROY_WAIT_MS);
				e = mkdirat(d->pfd, r->name, 0755) < 0 ? errno : 0;
			}
			if (e) {
				seterr(err, errlen, "mkdir %s: %s", d->path, strerror(e));
				rc = -e;
				goto fail;
			}
		}
		d->version = x->version;
		d->roles = x->roles;
		r->nd++; /* from here destroy removes it */
		d->dfd = openat(d->pfd, r->name, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (d->dfd < 0) {
			int e = errno;
			seterr(err, errlen, "open %s: %s", d->path, strerror(e));
			rc = -e;
			goto fail;
		}
		if ((rc = apply_limits(d, lim, err, errlen)) < 0)
			goto fail;
		if (x->version == 2)
			r->v2_fd = d->dfd;
	}
	*out = r;
	return 0;
fail:
	cgroup_run_destroy(r);
	return rc;
}

int cgroup_run_v2_fd(const struct cgroup_run *r)
{
	return r ? r->v2_fd : -1;
}

const char *cgroup_run_v2_path(const struct cgroup_run *r)
{
	for (int i = 0; r && i < r->nd; i++)
		if (r->d[i].version == 2)
			return r->d[i].path;
	return NULL;
}

int cgroup_run_attach(struct cgroup_run *r, pid_t pid, unsigned flags, char *err, size_t errlen)
{
	char v[32];
	snprintf(v, sizeof v, "%ld", (long)pid);
	for (int i = 0; i < r->nd; i++) {
		if (r->d[i].version == 2 && (flags & CGROUP_ATTACH_V2_DONE))
			continue;
		int rc;
		for (int t = 0;; t++) {
			rc = write_in(r->d[i].dfd, r->d[i].path, "cgroup.procs", v, err, errlen);
			if (rc != -EINVAL || t + 1 >= CG_ATTACH_RETRIES)
				break;
			sleep_us(100);
		}
		if (rc < 0)
			return rc;
	}
	if (flags & CGROUP_ATTACH_PIDNS_INIT)
		r->pidns_init = true;
	return 0;
}

static struct run_dir *dir_with(struct cgroup_run *r, unsigned role)
{
	for (int i = 0; i < r->nd; i++)
		if (r->d[i].roles & role)
			return &r->d[i];
	return NULL;
}

int cgroup_run_usage_of(struct cgroup_run *r, unsigned what, struct cgroup_usage *u)
{
	*u = (struct cgroup_usage){UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX};
	struct run_dir *d, *t = dir_with(r, ROLE_TRACK);
	uint64_t v;
	char st[CG_FILE_MAX];
	ssize_t stn = -ENOENT;
	if (what & CGROUP_USAGE_CPU) {
		/* The v2 group counts every task without a cpu controller; v1
		 * needs cpuacct (which may share a mount with cpu). */
		if (t)
			stn = held_read(t, "cpu.stat", st, sizeof st);
		if (stn >= 0 && cgroup_parse_keyed(st, (size_t)stn, "usage_usec", &v) == 0)
			u->cpu_usec = v;
		else if (((d = dir_with(r, ROLE_CPUACCT)) && held_u64(d, "cpuacct.usage", &v) == 0) ||
		         ((d = dir_with(r, ROLE_CPU)) && d->version == 1 && held_u64(d, "cpuacct.usage", &v) == 0))
			u->cpu_usec = v / 1000;
	}
	if ((what & CGROUP_USAGE_THROTTLE) && (d = dir_with(r, ROLE_CPU))) {
		/* Both throttle keys come from one read of cpu.stat; on pure v2
		 * the tracking group is the cpu one and its cpu.stat was just
		 * read for usage_usec. */
		if (d != t || stn < 0)
			stn = held_read(d, "cpu.stat", st, sizeof st);
		if (stn >= 0) {
			if (cgroup_parse_keyed(st, (size_t)stn, "nr_throttled", &v) == 0)
				u->cpu_nr_throttled = v;
			if (d->version == 2 && cgroup_parse_keyed(st, (size_t)stn, "throttled_usec", &v) == 0)
				u->cpu_throttled_usec = v;
			else if (d->version == 1 && cgroup_parse_keyed(st, (size_t)stn, "throttled_time", &v) == 0)
				u->cpu_throttled_usec = v / 1000;
		}
	}
	if ((d = dir_with(r, ROLE_MEM))) {
		/* Never written through this fd: since 6.12 a write to
		 * memory.peak resets the peak seen by that fd only. */
		if ((what & CGROUP_USAGE_MEMORY_PEAK) &&
		    held_u64(d, d->version == 2 ? "memory.peak" : "memory.max_usage_in_bytes", &v) == 0)
			u->memory_peak_bytes = v;
		if ((what & CGROUP_USAGE_OOM) &&
		    held_keyed(d, d->version == 2 ? "memory.events" : "memory.oom_control", "oom_kill", &v) == 0)
			u->oom_kills = v;
	}
	if ((what & CGROUP_USAGE_PIDS) && (d = dir_with(r, ROLE_PIDS)) && held_keyed(d, "pids.events", "max", &v) == 0)
		u->pids_max_events = v;
	return 0;
}

int cgroup_run_usage(struct cgroup_run *r, struct cgroup_usage *u)
{
	return cgroup_run_usage_of(r, CGROUP_USAGE_ALL, u);
}

int cgroup_run_populated(const struct cgroup_run *r)
{
	for (int i = 0; i < r->nd; i++) {
		int p = dir_populated(r->d[i].dfd, r->d[i].version);
		if (p != 0)
			return p;
	}
	return 0;
}

int cgroup_run_kill(struct cgroup_run *r)
{
	int first = 0;
	bool v2_killed = false;
	for (int i = 0; i < r->nd; i++) {
		/* cgroup.kill is atomic against concurrent forks. It is absent
		 * before 5.14 (ENOENT: the pid loop below does the work). */
		if (r->d[i].version == 2) {
			int rc = write_in(r->d[i].dfd, r->d[i].path, "cgroup.kill", "1", NULL, 0);
			if (rc == 0)
				v2_killed = true;
			else if (rc != -ENOENT && !first)
				first = rc;
		}
	}
	/* The pid loop is the fallback without cgroup.kill, and it catches a
	 * task that reached a v1 group but not the v2 one. Neither can be left
	 * when cgroup.kill worked and the run's processes all descend from the
	 * init of their own pid namespace (CGROUP_ATTACH_PIDNS_INIT): the kill
	 * reached that init, which was placed in the v2 group before anything
	 * ran, and the kernel kills a pid namespace's every task when its init
	 * dies (zap_pid_ns_processes). So the sweep, a read of cgroup.procs in
	 * every hierarchy, is skipped then; cgroup_run_destroy's rmdir still
	 * refuses a group with a live task and sweeps that one. */
	if (v2_killed && r->pidns_init)
		return first;
	/* No sleeping here: a killed task cannot fork any more (copy_process
	 * refuses with a fatal signal pending), so once a round lists only
	 * pids already killed, the group can only shrink. The caller waits for
	 * the exit by reaping its child, which blocks without polling. */
	for (int i = 0; i < r->nd; i++) {
		int n = kill_all_listed(r->d[i].dfd);
		if (n < 0 && !first)
			first = n;
	}
	return first;
}

void cgroup_run_reaped(struct cgroup_run *r)
{
	if (r && r->pidns_init)
		r->init_reaped = true;
}

void cgroup_run_destroy(struct cgroup_run *r)
{
	if (!r)
		return;
	uint64_t deadline = now_ms() + CGROUP_DESTROY_WAIT_MS;
	/* Once the pid namespace's init is reaped, no task of the run is left:
	 * the kernel reaps an init only after every other task of its
	 * namespace has been released (zap_pid_ns_processes waits for them),
	 * and every task of the run is in that namespace. Another kill would
	 * find nothing; the rmdir below checks anyway (EBUSY: kill, retry). */
	if (!r->init_reaped)
		cgroup_run_kill(r);
	for (int i = 0; i < r->nd; i++) {
		struct run_dir *d = &r->d[i];
		for (int k = 0; k < CG_HELD_MAX; k++)
			if (d->held[k].file)
				close(d->held[k].fd);
		if (d->dfd >= 0)
			close(d->dfd);
		remove_group(d->pfd, r->name, d->version, true, deadline);
	}
	free(r);
}

int cgroup_cleanup_stale(struct cgroup_host *h)
{
	int removed = 0;
	for (int i = 0; i < h->nh; i++) {
		/* A directory's link count is 2 plus its subdirectories, on
		 * cgroupfs (kernfs, v1 and v2) as on most file systems: at 2
		 * no run group is there, stale or live, and reading the
		 * directory would find none (one stat instead of an open, two
		 * reads and a close, per hierarchy and run). Any other count,
		 * 1 where a file system does not keep it, reads it. */
		struct stat st;
		if (stat(h->h[i].parent, &st) == 0 && S_ISDIR(st.st_mode) && st.st_nlink == 2)
			continue;
		DIR *dir = opendir(h->h[i].parent);
		if (!dir)
			return -errno;
		struct dirent *de;
		while ((de = readdir(dir))) {
			pid_t pid;
			if (cgroup_parse_run_name(de->d_name, &pid) < 0 || pid == getpid())
				continue;
			/* Liveness by pid: a live pid (even a reused one) keeps its
			 * groups; only a certainly dead owner loses them. */
			if (kill(pid, 0) == 0 || errno != ESRCH)
				continue;
			if (remove_group(dirfd(dir), de->d_name, h->h[i].version, false,
			                 now_ms() + CGROUP_DESTROY_WAIT_MS) == 0)
				removed++;
		}
		closedir(dir);
	}
	return removed;
}
