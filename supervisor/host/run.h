/* run: one execution, from sandbox spawn to the final report — the
 * supervisor's event loop between the host, the guest and the kernel.
 * Runs in: supervisor. Input: untrusted guest frames (decoded by guestmsg.c),
 * host NDJSON lines (decoded by host.c), and kernel events (pidfd, timers). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "runlimits.h"

struct policy;
struct cgroup_host;

/* After the run, how long the result may wait for a host that is not
 * reading its output: the sandbox is already gone by then; past this the
 * supervisor gives up on the host rather than hang in write(2). */
#define RUN_HOST_DRAIN_MS 5000

/* Walls a deployment may lack (the result's enforced.degraded says which);
 * --require makes a missing one fail the run before the program starts. */
enum run_require {
	RUN_REQUIRE_CGROUP = 1u << 0,       /* every cgroup v2 limit (memory, cpu, pids, kill) */
	RUN_REQUIRE_USERNS_LIMIT = 1u << 1, /* the nested user namespace limit */
	RUN_REQUIRE_HOSTNAME = 1u << 2,     /* the sandbox's own hostname */
	RUN_REQUIRE_ALL = (1u << 3) - 1,
};

/* Parses --require's comma-separated list (cgroup, userns-limit, hostname,
 * all) into RUN_REQUIRE_* bits. Returns 0 or -EINVAL. */
int run_parse_require(const char *list, unsigned *out);

struct run_config {
	struct limits limits;
	bool host_mode;   /* NDJSON on stdin/stdout; else plain mode */
	bool json_report; /* plain mode: print the host-format result JSON */
	bool pretty;      /* plain mode: indent printed JSON by two spaces */
	unsigned require; /* RUN_REQUIRE_* walls that must hold, else sandbox_error */
	const char *code; /* program source, or NULL to take it from the host's start */
	size_t code_len;
	const char *filename;   /* for messages and stacks */
	const char *guest_path; /* the static guest binary */
	char **guest_args;      /* extra guest argv (test probes), NULL-terminated or NULL */
	/* The guest builds its heap by running the prelude instead of
	 * copying the image beside its binary (guest/image.h): slower; for
	 * comparing the two, and the path a guest without an image takes. */
	bool no_image;
	unsigned disable;          /* TEST-ONLY: sandbox layers to leave out (sandbox.h) */
	const char *cgroup_parent; /* delegated v2 parent, or NULL for automatic */
	cJSON *namespaces;         /* borrowed: {name: [tools] | null}; NULL = {"codemode": null} */
	cJSON *env;                /* borrowed: {NAME: value}, or NULL */
	const char *workspace;     /* host directory for /workspace, or NULL */
	struct policy *policy;     /* borrowed, never NULL (policy_default() without a file) */
	/* The process serves this run alone (`codecell run`, and each R that
	 * `codecell serve` forks): the supervisor limits its own CPU and
	 * memory with setrlimit (selflimit.h) right after the sandbox is
	 * spawned, so the guest does not inherit them, and its usage is the
	 * run's, reported in stats.supervisor. */
	bool own_process;
	/* With own_process, a process that serves several runs one after
	 * another (a reused R, runproc.h): this run's index from 0 and how
	 * many the process may serve in all (selflimit_apply's hard CPU limit
	 * covers them; each later run renews the soft one), and the
	 * process's CPU before this run, so stats.supervisor is the run's
	 * own. All 0 for a process that serves one run. */
	unsigned own_run_index, own_runs;
	uint64_t own_cpu_base_us;
	/* A channel to a template guest (sandbox/template.h) to spawn the run
	 * through, borrowed; -1 spawns by exec (sandbox_spawn). */
	int template_chan;
	/* codecell serve (supervisor/server): the wall and CPU limits count
	 * from the start message, not from the spawn, so a sandbox spawned
	 * ahead of time (the server's pool) waits for its program with no
	 * deadline; its owner, the server, ends it if it is never used. */
	bool clock_from_start;
	/* codecell serve: write RUN_ARMED_LINE to the host when the guest
	 * says "ready", so the server knows which pooled sandboxes a start
	 * would not wait for. Never for `codecell run`: it is not a host
	 * protocol message. */
	bool announce_armed;
	/* codecell serve: the server removes what dead supervisors left (their
	 * cgroups and scratch directories) at its start and every
	 * SERVE_CLEANUP_MS, so a run's supervisor need not scan for them at
	 * every spawn. */
	bool no_stale_cleanup;
	/* A cgroup probe made by the process this one was forked from (the
	 * server's, with CGROUP_REQ_AUTO), borrowed; used when the run's
	 * limits.cgroup is AUTO instead of probing the host again. Run
	 * groups are named after the process that creates them, so a forked
	 * R's are its own. NULL probes here. */
	struct cgroup_host *cgroup_host;
};

/* The line a run's supervisor in `codecell serve` (announce_armed)
 * writes when its sandbox's guest has said "ready": the sandbox is
 * spawned, its filter loaded, and a start goes straight to the program.
 * Once per run, before any other line of that run. Of the pooled
 * supervisors a start may take (bound to its connection first), the
 * server takes one that said it before one still spawning (a start handed
 * to that waits for the spawn), counts them in its stats, and never
 * forwards the line to a client. */
#define RUN_ARMED_LINE "{\"v\":1,\"type\":\"armed\"}\n"

/* Runs the program and writes the report (host JSON or plain text).
 * Returns the process exit code (docs/PROTOCOL.md). */
int run_main(const struct run_config *cfg);
