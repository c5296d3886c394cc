/* jail: the child-side steps that turn a freshly cloned process into a
 * sandbox: a fresh empty read-only root, the guest's fd layout with nothing
 * else open, and the rlimits. Shared by the two places that make a guest:
 * the supervisor's pre-exec child (supervisor/sandbox/sandbox.c) and the
 * template guest's run child (guest/template.c), so that the walls are
 * written once.
 * Runs in: a new child, before any program byte is read (trusted code).
 * Each step returns 0 or -errno and names itself in *step; the caller dies
 * on any failure, because a half-built sandbox must never run a program.
 * No allocation: the supervisor's child must not touch malloc. */
#pragma once

#include <stdint.h>

/* Guest fds 0-3 (0,1 /dev/null; 2 stderr; 3 protocol socket), then at most
 * the filter pipe (exec path) and what the setup itself still needs. */
#define JAIL_MAX_FDS 8
/* close_range() is verified over fds up to here: the select() range that
 * any inherited descriptor of an ordinary process falls in. */
#define JAIL_FD_CHECK_END 1024

/* TEST-ONLY: layers to leave out, so that each layer can be shown to hold
 * with the others off (tests/security). Production passes 0. Here
 * because the template guest honours them per run too (tmplmsg.h). */
enum sandbox_disable {
	SANDBOX_NO_SECCOMP = 1u << 0,      /* no fd 4; the guest runs unfiltered */
	SANDBOX_NO_NETNS = 1u << 1,        /* share the supervisor's network ns */
	SANDBOX_NO_CAPDROP = 1u << 2,      /* keep securebits and capabilities */
	SANDBOX_NO_PIVOT = 1u << 3,        /* keep the host's file tree (new mount ns) */
	SANDBOX_NO_RLIMITS = 1u << 4,      /* inherit the supervisor's rlimits */
	SANDBOX_NO_USERNS_LIMIT = 1u << 5, /* leave max_user_namespaces alone */
};

/* One record on a sync socket (SOCK_SEQPACKET, so records keep their
 * bounds), from a child being set up to the supervisor waiting for it.
 * err > 0: the step failed and the child exits. err == 0: a notice, the
 * step named a wall this kernel or container would not raise; the child
 * goes on. EOF on the socket means the setup is complete. */
struct jail_report {
	int err;        /* errno of the failed step, 0 for a notice */
	char step[120]; /* NUL-terminated name of the step or notice */
};

/* The directory the template guest's root keeps (its only inode besides
 * the root; relative, see jail_pivot): each run child mounts its own empty
 * root there and pivots. */
#define JAIL_RUN_MOUNTPOINT "run-root"
/* The template guest's proc fd (jail_pivot's proc_fd), after fds 0-4. */
#define JAIL_TEMPLATE_PROC_FD 5
/* Notice names on a sync socket (struct jail_report, err 0). */
#define JAIL_NOTE_USERNS_LIMIT "userns-limit"
#define JAIL_NOTE_HOSTNAME     "hostname"
/* The same notices as bits, for reports (bit i is sandbox.c's name i). */
#define SANDBOX_NOTE_NO_USERNS_LIMIT (1u << 0)
#define SANDBOX_NOTE_NO_HOSTNAME     (1u << 1)

/* Mounts an empty tmpfs on mountpoint (a directory in the current root, in
 * a private mount namespace of our own), pivots into it, detaches the old
 * root and remounts the new one read-only, nosuid, nodev, noexec. With
 * leave_dir set (a relative name), that one directory is made in the new
 * root: the mount point for the next level (the template guest's run
 * children pivot through it). With proc_fd also set, *proc_fd becomes an
 * O_PATH fd (no close-on-exec) to a proc instance of the caller's pid
 * namespace that is mounted nowhere. */
int jail_pivot(const char *mountpoint, const char *leave_dir, int *proc_fd, const char **step);

/* For the template guest's run children only, whose current root is the
 * template's: an empty, read-only tmpfs holding nothing but mountpoint,
 * itself reached by jail_pivot. Mounts a fresh empty tmpfs on mountpoint,
 * moves it over "/" and chroots into it, then remounts it read-only,
 * nosuid, nodev, noexec. What it leaves under the new root is that empty
 * read-only template root, covered and out of reach; what it saves is
 * pivot_root's walk over every thread on the host (chroot_fs_refs), a cost
 * that grows with the host's thread count (docs/SECURITY.md "Template
 * guest"). Never for a root that holds anything: jail_pivot detaches it. */
int jail_cover_root(const char *mountpoint, const char **step);

/* Places src[i] at fd i for i < nsrc, then keep[j] at keep_base + j with
 * close-on-exec, closes every other fd and checks that nothing else is open
 * up to JAIL_FD_CHECK_END. keep[] is updated in place as each fd moves, so
 * that a caller reporting a failure on one of them finds it. Requires
 * nsrc <= keep_base and keep_base + nkeep <= JAIL_MAX_FDS. */
int jail_fds(const int *src, int nsrc, int *keep, int nkeep, int keep_base, const char **step);

/* Writes text to path (relative to dirfd, or AT_FDCWD) in one write(2):
 * /proc id maps and sysctls take a whole value per write. 0 or -errno. */
int jail_write_at(int dirfd, const char *path, const char *text);

struct jail_rlimits {
	uint64_t stack_bytes; /* RLIMIT_STACK */
	uint64_t cpu_seconds; /* RLIMIT_CPU, soft = hard (SIGKILL); 0 = none */
	uint64_t nofile;      /* RLIMIT_NOFILE */
};

/* Zero for core, fsize, memlock, msgqueue, rtprio, nice; the given stack,
 * CPU and fd limits. Only lowering is possible (raising needs
 * CAP_SYS_RESOURCE in the initial namespace), so a value above the inherited
 * hard limit fails rather than silently running with a weaker limit. */
int jail_rlimits(const struct jail_rlimits *l, const char **step);
