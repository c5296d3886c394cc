/* sandbox: spawns the guest in fresh namespaces with an empty read-only
 * root, no capabilities, no_new_privs, rlimits and exactly five fds (a
 * sixth, the heap image, which the guest reads and closes before anything
 * else), and hands it the seccomp program to load as its first act.
 * Runs in: supervisor (parent side) and the pre-exec child (trusted code;
 * no guest input until the guest is exec'd). */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "jail.h"

/* Guest fd layout (the guest's contract, see common/filter.h):
 * 0, 1 /dev/null; 2 stderr pipe; 3 protocol socket; 4 seccomp program. */
#define SANDBOX_FD_ERR  2
#define SANDBOX_FD_SOCK 3
#define SANDBOX_FD_BPF  4
/* A one-shot guest's heap image (guest/image.h), when there is one: read
 * and closed by the guest before its filter is loaded. */
#define SANDBOX_FD_IMAGE 5

/* How long the parent waits for the child to finish its setup and exec.
 * Setup takes about 1-2 ms; seconds mean something is wrong (a stuck
 * before_release, a wedged kernel), and the spawn fails rather than hang. */
#define SANDBOX_SETUP_TIMEOUT_MS 5000
/* Guest fds: 0-4 plus two the pre-exec child needs until execveat. */
#define SANDBOX_NOFILE 8
/* The template guest's RLIMIT_NOFILE: its own 0-4, a control socket, and
 * per run in flight a channel, a pidfd and the fds being handed over
 * (template.h bounds the runs at TEMPLATE_MAX_RUNS). */
#define SANDBOX_TEMPLATE_NOFILE 1024

struct sandbox_config {
	int guest_fd;            /* O_PATH|O_CLOEXEC fd of the static guest binary */
	int image_fd;            /* its heap image (CLOEXEC), or -1; not for the template */
	char *const *guest_argv; /* NULL-terminated, passed unchanged */
	const void *bpf;         /* struct sock_filter[], from seccomp_build() */
	size_t bpf_len;          /* bytes; ignored with SANDBOX_NO_SECCOMP */
	int cgroup_v2_fd;        /* cgroup v2 dir for CLONE_INTO_CGROUP, or -1 */
	/* Called in the parent after the id maps are written, while the child
	 * is still blocked (e.g. cgroup v1 placement). Nonzero aborts. */
	int (*before_release)(pid_t pid, void *arg);
	void *before_release_arg;
	uid_t outside_uid; /* host ids the sandbox's uid/gid 0 map to */
	gid_t outside_gid;
	uint64_t stack_bytes; /* RLIMIT_STACK */
	uint64_t cpu_seconds; /* RLIMIT_CPU (soft = hard: SIGKILL), 0 = none */
	unsigned disable;     /* enum sandbox_disable bits; tests only */
	const char *hostname; /* "codecell" by default */
	/* Spawns the template guest (template.h) instead of a run's guest: it
	 * keeps its capabilities inside its own user namespace, no CPU limit,
	 * SANDBOX_TEMPLATE_NOFILE fds, and its empty root holds one directory
	 * (JAIL_RUN_MOUNTPOINT) for its run children's roots. */
	int template_mode;
};

/* What was actually enforced, for the result's "enforced" object. */
struct sandbox_enforced {
	const char *namespaces[8]; /* names, NULL-terminated: "user", "pid", ... */
	int seccomp;               /* the guest was handed the filter (it loads it) */
	int no_new_privs;
	int caps_dropped;   /* all sets and the bounding set empty */
	int empty_root;     /* pivot_root into an empty read-only tmpfs */
	int into_cgroup;    /* 1 CLONE_INTO_CGROUP; 2 cgroup.procs fallback; 0 none */
	int userns_limit;   /* max_user_namespaces set to 0 inside (a second wall) */
	int hostname;       /* the UTS namespace got the fixed hostname */
	int clone_fallback; /* clone3 was hidden (ENOSYS): clone(2) made the child */
};

/* Notices the child sends before exec: SANDBOX_NOTE_* in jail.h. */

struct sandbox_child {
	pid_t pid;  /* in the supervisor's pid namespace */
	int pidfd;  /* CLOEXEC */
	int sock;   /* supervisor end of the SOCK_STREAM socketpair (CLOEXEC, nonblocking) */
	int err_fd; /* read end of the guest's stderr pipe (CLOEXEC, nonblocking) */
	/* A child of the template guest is not ours, so waitid() cannot reap
	 * it: its parent, the template, reports the exit on this channel
	 * (template.h). -1 for a child sandbox_spawn() made. */
	int status_fd;
	int exit_known; /* status_fd delivered the exit: wstatus and ru hold it */
	int wstatus;    /* wait(2)-style status */
	struct rusage ru;
	struct sandbox_enforced enforced;
};

/* Defaults: no guest, no cgroup, outside ids 65534 when the supervisor is
 * root (sandbox root must not be host root) else the supervisor's own ids,
 * 8 MiB stack, no CPU rlimit, hostname "codecell". */
void sandbox_config_init(struct sandbox_config *cfg);

/* Spawns the guest and returns once it has been exec'd (or failed). On
 * success fills *out (caller owns it: sandbox_child_close()). Returns 0 or
 * -errno with a human message in err; on failure no child is left. */
int sandbox_spawn(const struct sandbox_config *cfg, struct sandbox_child *out, char *err, size_t errlen);

/* The fd that turns readable when the child has ended: the pidfd for a
 * child of ours, the status channel for a template's child. */
int sandbox_child_exit_fd(const struct sandbox_child *c);

/* Without blocking: 1 when the child has ended (*wstatus set, wait(2)
 * style; the child is left for sandbox_child_wait()), 0 when it still
 * runs, -errno. */
int sandbox_child_poll(struct sandbox_child *c, int *wstatus);

/* Kills the child (SIGKILL through the pidfd), waits for its end and reaps
 * it. *wstatus and *ru (either may be NULL) get its status and resource
 * usage. A template's child is reaped by the template, which reports both;
 * a template that does not answer within SANDBOX_SETUP_TIMEOUT_MS leaves
 * *ru zeroed and returns -ETIMEDOUT. Returns 0 or -errno. */
int sandbox_child_kill_wait(struct sandbox_child *c, int *wstatus, struct rusage *ru);

/* Closes the fds of c (accepts a zeroed or already closed child). Does not
 * kill or reap: the run loop does that through c->pidfd. */
void sandbox_child_close(struct sandbox_child *c);

/* Terminal state of the guest, from sandbox_reap(). */
struct sandbox_exit {
	int exited;            /* 1: exit status in code; 0: killed by signal */
	int code;              /* exit status or signal number */
	int core;              /* 1 if the kernel reported a core dump attempt */
	long syscall;          /* SIGSYS: the offending syscall number, else -1 */
	char syscall_name[32]; /* SIGSYS: its name ("ptrace"), else "" */
};

/* Waits for the guest to end (blocking) and reaps it. Returns 0 or -errno.
 * When it was killed by SIGSYS it tries /proc/<pid>/syscall on the zombie
 * (WNOWAIT), as nsjail does; on current kernels that reads "-1" because the
 * dead task's stack is freed, so syscall stays -1. The reliable source is
 * the kernel's AUDIT_SECCOMP record (type 1326, "syscall=N"), readable by a
 * root supervisor through a NETLINK_AUDIT socket bound to the
 * AUDIT_NLGRP_READLOG group; not implemented yet. */
int sandbox_reap(struct sandbox_child *c, struct sandbox_exit *out);
