/* cgroup: per-run resource walls (memory, CPU, pids) plus whole-tree kill and
 * CPU/memory accounting, through cgroup v2, cgroup v1 controllers, or none.
 * Runs in: supervisor (root, or owner of a delegated v2 subtree). Input: kernel
 * files (/proc/self/cgroup, /proc/self/mountinfo, cgroup control files) and
 * operator limits already range-checked by their parsers. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "runlimits.h"

enum cgroup_mode {
	CGROUP_MODE_NONE = 0, /* no cgroup limits at all */
	CGROUP_MODE_V1,       /* at least one limit lives in a cgroup v1 hierarchy */
	CGROUP_MODE_V2,       /* limits live in cgroup v2 only */
};

/* The three walls a run can have; each is provided by v2, v1 or nothing. */
enum cgroup_controller {
	CGROUP_CTRL_MEMORY = 0,
	CGROUP_CTRL_CPU,
	CGROUP_CTRL_PIDS,
	CGROUP_CTRL_COUNT,
};

/* Per-run limits; CGROUP_UNLIMITED (or 0 for memory/pids) means no limit. */
#define CGROUP_UNLIMITED UINT64_MAX
/* One full CPU: quota == period. 100 ms is the kernel's default CFS period. */
#define CGROUP_DEFAULT_CPU_PERIOD_USEC 100000u
#define CGROUP_DEFAULT_CPU_QUOTA_USEC  100000u
/* The kernel accepts CFS periods of 1 ms .. 1 s and quotas of at least 1 ms. */
#define CGROUP_CPU_PERIOD_MIN_USEC 1000u
#define CGROUP_CPU_PERIOD_MAX_USEC 1000000u
#define CGROUP_CPU_QUOTA_MIN_USEC  1000u

struct cgroup_limits {
	uint64_t memory_bytes;    /* memory.max / memory.limit_in_bytes */
	uint64_t pids;            /* pids.max */
	uint64_t cpu_quota_usec;  /* cpu.max quota / cpu.cfs_quota_us */
	uint64_t cpu_period_usec; /* cpu.max period / cpu.cfs_period_us */
};

/* Fills lim from the run limits: memory and pids as given, one CPU. */
void cgroup_limits_from(struct cgroup_limits *lim, const struct limits *l);

/* Accounting for one run; a field the host cannot measure is UINT64_MAX. */
struct cgroup_usage {
	uint64_t cpu_usec;           /* v2 cpu.stat usage_usec, or v1 cpuacct.usage / 1000 */
	uint64_t cpu_nr_throttled;   /* periods in which cpu.max/cfs quota throttled the run */
	uint64_t cpu_throttled_usec; /* time spent throttled */
	uint64_t memory_peak_bytes;  /* v2 memory.peak, or v1 memory.max_usage_in_bytes */
	uint64_t oom_kills;          /* memory.events / memory.oom_control oom_kill */
	uint64_t pids_max_events;    /* pids.events max: forks refused by pids.max */
};

struct cgroup_host;
struct cgroup_run;

/* Probes the host once per supervisor start and prepares the parent groups.
 * v2_parent: a delegated v2 directory to create runs under; NULL = automatic:
 * this process's own v2 cgroup, or <mount>/codecell when that is the root.
 * req: REQUIRED fails (-ENOTSUP, reason in err) unless v2 memory+cpu+pids all
 * work; AUTO takes v2 where it works, else writable v1 controllers, else none,
 * and records each degradation; OFF uses no cgroup at all.
 * Side effects: may write +memory +cpu +pids to cgroup.subtree_control of the
 * v2 parent (and of the root when the parent is <mount>/codecell); when that
 * parent holds only this process, moves it into <parent>/codecell-supervisor
 * (the v2 no-internal-process rule). Caller owns *out; free with
 * cgroup_host_free(). Returns 0 or -errno with a message in err. */
int cgroup_host_probe(const char *v2_parent, enum cgroup_requirement req, struct cgroup_host **out, char *err,
                      size_t errlen);
/* Frees the host and closes the hierarchies' parent directories this
 * process opened for its runs (cgroup_run_create keeps them open for the
 * next run): destroy those runs first. Accepts NULL. */
void cgroup_host_free(struct cgroup_host *h);

const char *cgroup_mode_name(enum cgroup_mode m); /* "v2", "v1", "none" */
enum cgroup_mode cgroup_host_mode(const struct cgroup_host *h);
/* Which mechanism provides one wall. */
enum cgroup_mode cgroup_host_wall(const struct cgroup_host *h, enum cgroup_controller c);
/* Comma-separated degradation words ("" when none), e.g.
 * "cgroup-v2-controllers-missing,no-cgroup-kill". Stable for the run report. */
const char *cgroup_host_degraded(const struct cgroup_host *h);
/* True when a v2 group tracks each run: cgroup.kill / cpu.stat / populated work
 * for the whole tree even without v2 controllers (hybrid hosts). */
bool cgroup_host_v2_tracking(const struct cgroup_host *h);
/* One line for logs and the run report, e.g. "mode=v1 memory=v1 cpu=v1
 * pids=v1 tracking=v2 kill=cgroup.kill degraded=cgroup-v2-controllers-missing".
 * Returns 0, or -ENAMETOOLONG when buf is too small (buf then truncated). */
int cgroup_host_describe(const struct cgroup_host *h, char *buf, size_t len);

/* Creates codecell-run-<pid>-<n> in every hierarchy in use and writes every
 * limit BEFORE any process enters (memory.max, memory.swap.max=0,
 * memory.oom.group=1, cpu.max, pids.max, or their v1 equivalents). In mode
 * NONE it succeeds with a run that has no directories. Caller owns *out; free
 * with cgroup_run_destroy(). Returns 0 or -errno with the failing file in err. */
int cgroup_run_create(struct cgroup_host *h, const struct cgroup_limits *lim, struct cgroup_run **out, char *err,
                      size_t errlen);
/* O_PATH|O_DIRECTORY fd of the run's v2 group (with limits, or tracking only
 * on hybrid hosts) for clone3 CLONE_INTO_CGROUP; -1 when there is none.
 * Owned by the run. */
int cgroup_run_v2_fd(const struct cgroup_run *r);
/* The run's v2 group directory, or NULL. */
const char *cgroup_run_v2_path(const struct cgroup_run *r);

/* The child was created with CLONE_INTO_CGROUP on cgroup_run_v2_fd(), or
 * already written to its cgroup.procs. */
#define CGROUP_ATTACH_V2_DONE 1u
/* pid is pid 1 of a pid namespace of its own, and every process that will
 * ever be in the run descends from it (the sandbox's guest). Lets
 * cgroup_run_kill and cgroup_run_destroy skip work that the namespace's
 * death makes redundant (see there). */
#define CGROUP_ATTACH_PIDNS_INIT 2u
/* Writes pid into cgroup.procs of each hierarchy (v1, and v2 unless flags has
 * CGROUP_ATTACH_V2_DONE). Call while the child is still blocked on its sync
 * fd, so it never runs outside its limits. Returns 0 or -errno with err. */
int cgroup_run_attach(struct cgroup_run *r, pid_t pid, unsigned flags, char *err, size_t errlen);
/* Which counters cgroup_run_usage_of reads; each costs one file read. */
#define CGROUP_USAGE_CPU         1u  /* cpu_usec */
#define CGROUP_USAGE_THROTTLE    2u  /* cpu_nr_throttled, cpu_throttled_usec */
#define CGROUP_USAGE_MEMORY_PEAK 4u  /* memory_peak_bytes */
#define CGROUP_USAGE_OOM         8u  /* oom_kills */
#define CGROUP_USAGE_PIDS        16u /* pids_max_events */
#define CGROUP_USAGE_ALL         31u
/* Reads the counters in what (CGROUP_USAGE_*); all others, and those the
 * host cannot measure, are UINT64_MAX. The files stay open in the run and
 * are re-read at the next call, so a periodic CPU sample is one pread.
 * Returns 0 or -errno. */
int cgroup_run_usage_of(struct cgroup_run *r, unsigned what, struct cgroup_usage *u);
/* cgroup_run_usage_of(r, CGROUP_USAGE_ALL, u). */
int cgroup_run_usage(struct cgroup_run *r, struct cgroup_usage *u);
/* 1 when any process is still in the run's groups, 0 when empty, -errno. */
int cgroup_run_populated(const struct cgroup_run *r);
/* Kills every process of the run: cgroup.kill=1 where available, and SIGKILL
 * to every pid listed in each hierarchy's cgroup.procs, a sweep skipped when
 * cgroup.kill worked and the run was attached with CGROUP_ATTACH_PIDNS_INIT.
 * Returns 0 or -errno. */
int cgroup_run_kill(struct cgroup_run *r);
/* The caller has reaped the process attached with CGROUP_ATTACH_PIDNS_INIT
 * (it was killed and waited for): its whole namespace is gone, so
 * cgroup_run_destroy need not kill again. No effect on other runs. */
void cgroup_run_reaped(struct cgroup_run *r);
/* Kills (unless cgroup_run_reaped), waits (bounded by
 * CGROUP_DESTROY_WAIT_MS) until unpopulated, rmdirs every directory. Reap the
 * run's direct child first. Accepts NULL. */
void cgroup_run_destroy(struct cgroup_run *r);
/* Removes codecell-run-<pid>-<n> (and codecell-probe-<pid>) directories whose
 * <pid> is dead, left by a killed supervisor. Returns how many were removed,
 * or -errno. Call once at start, after cgroup_host_probe(). */
int cgroup_cleanup_stale(struct cgroup_host *h);

/* Upper bound for waiting on a killed run to empty before rmdir gives up. */
#define CGROUP_DESTROY_WAIT_MS 2000

/* ---- Pure parsers, over buffers (no I/O); exported for tests and fuzzing. ---- */

/* Finds the cgroup path of this process in /proc/self/cgroup text: the v2 line
 * ("0::/path") when controller is NULL, else the v1 line whose comma-separated
 * controller list contains controller as a whole word ("memory",
 * "name=systemd"). Returns 0, -ENOENT when absent, -EINVAL on a malformed
 * line, -ENAMETOOLONG when path does not fit. */
int cgroup_parse_proc_cgroup(const char *buf, size_t len, const char *controller, char *path, size_t pathlen);
/* Whole-word membership in a whitespace-separated list (cgroup.controllers,
 * cgroup.subtree_control): "cpu" does not match "cpuset". */
bool cgroup_words_contain(const char *buf, size_t len, const char *word);
/* Value of key in a flat keyed file ("key value" lines: memory.events,
 * cpu.stat, pids.events, memory.oom_control). Returns 0, -ENOENT when the key
 * is absent, -EINVAL when its value is not a decimal u64. */
int cgroup_parse_keyed(const char *buf, size_t len, const char *key, uint64_t *out);
/* A single-value file (memory.peak, cpuacct.usage, pids.max): a decimal u64 or
 * "max" (CGROUP_UNLIMITED), optional trailing newline. 0 or -EINVAL. */
int cgroup_parse_u64(const char *buf, size_t len, uint64_t *out);
/* Finds a mount in /proc/self/mountinfo text with the given fstype ("cgroup2",
 * "cgroup") and, when option is not NULL, whose super options contain option
 * as a whole comma-separated word. Octal escapes (\040) are decoded. Returns
 * the mount point and the mount's root within its filesystem; 0, -ENOENT,
 * -EINVAL (malformed line) or -ENAMETOOLONG. */
int cgroup_parse_mountinfo(const char *buf, size_t len, const char *fstype, const char *option, char *mnt,
                           size_t mntlen, char *root, size_t rootlen);
/* Parses "codecell-run-<pid>-<n>" or "codecell-probe-<pid>": 0 with *pid, or
 * -EINVAL for any other name. */
int cgroup_parse_run_name(const char *name, pid_t *pid);
