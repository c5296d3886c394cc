/* procstatus: what the kernel says a sandboxed process holds, read from
 * /proc/<pid>/status, /proc/<pid>/stat and /proc/<pid>/syscall.
 * Runs in: supervisor (and tests). Input: procfs text for a pid the caller
 * spawned; the parser is a pure function over a buffer, bounded, no I/O. */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* /proc/<pid>/status is about 1.5 KiB on 6.x kernels; 16 KiB leaves room for
 * new fields while bounding what we read from a file the guest can't grow. */
#define PROCSTATUS_MAX_BYTES (16u << 10)

enum procstatus_field {
	PROCSTATUS_CAP_INH = 1u << 0,
	PROCSTATUS_CAP_PRM = 1u << 1,
	PROCSTATUS_CAP_EFF = 1u << 2,
	PROCSTATUS_CAP_BND = 1u << 3,
	PROCSTATUS_CAP_AMB = 1u << 4,
	PROCSTATUS_NO_NEW_PRIVS = 1u << 5,
	PROCSTATUS_SECCOMP = 1u << 6,
	PROCSTATUS_SECCOMP_FILTERS = 1u << 7, /* Linux 5.9+ only */
	PROCSTATUS_UID = 1u << 8,
	PROCSTATUS_GID = 1u << 9,
	PROCSTATUS_GROUPS = 1u << 10,
};
/* Fields every kernel we support prints; parse fails without them. */
#define PROCSTATUS_REQUIRED                                                                                            \
	(PROCSTATUS_CAP_INH | PROCSTATUS_CAP_PRM | PROCSTATUS_CAP_EFF | PROCSTATUS_CAP_BND | PROCSTATUS_CAP_AMB |      \
	 PROCSTATUS_NO_NEW_PRIVS | PROCSTATUS_SECCOMP)

struct procstatus {
	uint64_t cap_inh, cap_prm, cap_eff, cap_bnd, cap_amb;
	int no_new_privs;    /* 0 or 1 */
	int seccomp;         /* 0 none, 1 strict, 2 filter */
	int seccomp_filters; /* number of attached filters, -1 if not printed */
	uint32_t uid[4];     /* real, effective, saved, fs (as seen by the reader) */
	uint32_t gid[4];
	int ngroups;   /* supplementary groups */
	unsigned seen; /* enum procstatus_field bits found */
};

/* Parses status text of len bytes (need not be NUL-terminated). Returns 0,
 * or -EINVAL when a required field is missing or a known field is malformed
 * (a field printed twice is malformed too: the text is not what we think). */
int procstatus_parse(const char *buf, size_t len, struct procstatus *out);

/* Reads and parses /proc/<pid>/status. Returns 0 or -errno. */
int procstatus_read(pid_t pid, struct procstatus *out);

/* The fields of /proc/<pid>/stat codecell uses, in clock ticks. */
struct procstat {
	unsigned long long utime, stime; /* fields 14, 15: CPU time */
	unsigned long long starttime;    /* field 22: since boot; with the pid, names one process */
};

/* Parses stat text of len bytes (need not be NUL-terminated). The comm
 * field may hold spaces and parentheses, so fields are counted after the
 * last ')'. Returns 0 or -EINVAL. */
int procstatus_parse_stat(const char *buf, size_t len, struct procstat *out);

/* Reads and parses /proc/<pid>/stat. Returns 0 or -errno (-ENOENT: no
 * such process). */
int procstatus_read_stat(pid_t pid, struct procstat *out);

/* utime + stime of stat text in milliseconds (hz: clock ticks per second),
 * through procstatus_parse_stat. 0 or -EINVAL. */
int procstatus_parse_cpu_ms(const char *buf, size_t len, long hz, uint64_t *ms);
/* The CPU time of a live process from /proc/<pid>/stat: the fallback when no
 * cgroup counts it. 0 or -errno. */
int procstatus_cpu_ms(pid_t pid, uint64_t *ms);

/* Parses /proc/<pid>/syscall text: the first field is the syscall number
 * the task is blocked in, "-1" when it is in user space, or "running".
 * Sets *nr (-1 when not in a syscall). Returns 0 or -EINVAL. */
int procstatus_parse_syscall(const char *buf, size_t len, long *nr);
