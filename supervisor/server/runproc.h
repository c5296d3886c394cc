/* runproc: the per-run supervisor process R. The server forks one R per
 * run; R runs the same run_main() as `codecell run --host`, its host being
 * the server at the other end of a socketpair (fd 0 and 1 of R). R holds
 * no other fd of the server (no other run's, no client's), so a crash of R
 * ends only its own run, and R's own memory and CPU are bounded by
 * rlimits set after its sandbox is spawned (selflimit.h, as `codecell
 * run` bounds itself: run_config.own_process).
 * Runs in: server (S) and, after fork, R. Input: the run's configuration,
 * decided by S (policy and limits already checked). */
#pragma once

#include <stdint.h>
#include <sys/types.h>

#include "runlimits.h"

struct policy;
struct cgroup_host;

struct runproc_spec {
	struct policy *policy; /* loaded and checked by S; R uses its copy */
	struct limits limits;  /* the policy's, with the client's tighter values */
	const char *guest_path;
	const char *cgroup_parent; /* or NULL */
	/* S's cgroup probe, or NULL: R's copy after the fork serves its run
	 * (run_config.cgroup_host). */
	struct cgroup_host *cgroup_host;
	unsigned require; /* RUN_REQUIRE_* */
	/* A channel to the server's template guest (sandbox/template.h) that
	 * R spawns its sandbox through, or -1 to exec a fresh guest. S's copy
	 * is closed by S after the fork; R keeps it as fd 3. */
	int template_chan;
};

/* Forks R. Returns its pid and S's end of the socketpair in *fd
 * (non-blocking, close-on-exec), or -errno with err. R's sandbox is
 * spawned at once and waits for the start line (clock_from_start). */
pid_t runproc_fork(const struct runproc_spec *sp, int *fd, char *err, size_t errlen);

/* The trailer R writes after its result: its own CPU and peak resident
 * set up to its exit (selflimit_usage, the figures stats.supervisor
 * carries in the result, measured once more after teardown). S parses it
 * with runproc_parse_trailer; it is never forwarded to a client. */
int runproc_parse_trailer(const char *line, size_t len, uint64_t *cpu_us, uint64_t *maxrss_kb);
