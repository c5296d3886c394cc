/* runproc: the per-run supervisor process R. The server forks R's; each
 * serves one run at a time (and, reused, up to serve_opts.reuse runs of
 * one connection one after another, each in a fresh sandbox). R runs the
 * same run_main() as `codecell run --host`, its host being the server at
 * the other end of a socketpair (fd 0 and 1 of R). R holds no other fd of
 * the server (no other run's, no client's), so a crash of R ends only its
 * own run, and R's own memory and CPU are bounded by rlimits set after
 * its sandbox is spawned (selflimit.h, as `codecell run` bounds itself:
 * run_config.own_process).
 * Runs in: server (S) and, after fork, R. Input: the run's configuration,
 * decided by S (policy and limits already checked). */
#pragma once

#include <stdbool.h>
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
	/* Runs this R may serve one after another (serve_opts.reuse): after
	 * each, its trailer says whether it can take another, and the server
	 * answers with RUNPROC_AGAIN_LINE (runproc_send_again) or EOF. 1, no
	 * template, or an operator's CPU or data rlimit on the server: one. */
	unsigned reuse;
};

/* The line that hands a reused R its next run: sent by the server alone,
 * with the run's template channel attached (SCM_RIGHTS), after R's
 * trailer and before the next start. */
#define RUNPROC_AGAIN_LINE "{\"v\":1,\"type\":\"again\"}\n"

/* Forks R. Returns its pid and S's end of the socketpair in *fd
 * (non-blocking, close-on-exec), or -errno with err. R's sandbox is
 * spawned at once and waits for the start line (clock_from_start). */
pid_t runproc_fork(const struct runproc_spec *sp, int *fd, char *err, size_t errlen);

/* The trailer R writes after its result and teardown: its own CPU for
 * the run and its peak resident set (selflimit_usage, the figures
 * stats.supervisor carries in the result, measured once more after
 * teardown), and whether it can serve another run ("again"). S parses it
 * with runproc_parse_trailer; it is never forwarded to a client. */
int runproc_parse_trailer(const char *line, size_t len, uint64_t *cpu_us, uint64_t *maxrss_kb, bool *again);

/* R, between two runs: reads fd (its host input) and drops what the
 * server sent for the run that ended (a tool reply that crossed its
 * result) up to the again line, which only the server can send: it
 * carries the next run's template channel, and no client line can carry
 * a descriptor. Reads nothing past the again line. Returns the channel,
 * or -1: EOF (the server wants no more runs from this R), an error, or a
 * descriptor that did not come at the end of an again line. */
int runproc_await_again(int fd);

/* S: hands R (whose trailer said "again") its next run's template channel
 * on the again line; the caller keeps and closes its copy. 0, or -errno
 * (-EAGAIN: R's socket is full; the caller then ends R instead). */
int runproc_send_again(int fd, int template_chan);
