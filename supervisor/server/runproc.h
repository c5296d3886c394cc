/* runproc: the per-run supervisor process R. The server forks one R per
 * run; R runs the same run_main() as `codecell run --host`, its host being
 * the server at the other end of a socketpair (fd 0 and 1 of R). R holds
 * no other fd of the server (no other run's, no client's), so a crash of R
 * ends only its own run, and R's own memory and CPU are bounded by
 * rlimits set after its sandbox is spawned.
 * Runs in: server (S) and, after fork, R. Input: the run's configuration,
 * decided by S (policy and limits already checked). */
#pragma once

#include <stdint.h>
#include <sys/types.h>

#include "runlimits.h"

struct policy;

/* R's own data limit (RLIMIT_DATA: heap and private mappings): its
 * buffers are bounded by the frame limit (a frame reader, the host line
 * reader at 2 frames + 1 MiB, two output queues at 2 frames each, cJSON
 * trees of a line a few times its size), plus libcurl with TLS and the
 * resolver's thread stacks (8 MiB each) when the policy allows fetch. 256
 * MiB covers the fixed part with room; 16 per frame covers the rest. Past
 * it R fails an allocation and ends its run with sandbox_error. */
#define RUNPROC_DATA_BASE      (256ull << 20)
#define RUNPROC_DATA_PER_FRAME 16u
/* R's own CPU (RLIMIT_CPU, seconds, soft = hard): R does little but relay
 * (the guest's CPU is the guest's); it cannot need more than the run's
 * wall time plus the result drain, so a runaway R is stopped at that
 * bound plus this slack instead of spinning forever. */
#define RUNPROC_CPU_SLACK_S 10u

struct runproc_spec {
	struct policy *policy; /* loaded and checked by S; R uses its copy */
	struct limits limits;  /* the policy's, with the client's tighter values */
	const char *guest_path;
	const char *cgroup_parent; /* or NULL */
	unsigned require;          /* RUN_REQUIRE_* */
	/* A channel to the server's template guest (sandbox/template.h) that
	 * R spawns its sandbox through, or -1 to exec a fresh guest. S's copy
	 * is closed by S after the fork; R keeps it as fd 3. */
	int template_chan;
};

/* Forks R. Returns its pid and S's end of the socketpair in *fd
 * (non-blocking, close-on-exec), or -errno with err. R's sandbox is
 * spawned at once and waits for the start line (clock_from_start). */
pid_t runproc_fork(const struct runproc_spec *sp, int *fd, char *err, size_t errlen);

/* The trailer R writes after its result: its own getrusage. S parses it
 * with runproc_parse_trailer; it is never forwarded to a client. */
int runproc_parse_trailer(const char *line, size_t len, uint64_t *cpu_us, uint64_t *maxrss_kb);
