/* serveopts: the command line of `codecell serve`, parsed into one struct
 * with every bound range-checked and every default named.
 * Runs in: server (S). Input: argv from the operator (trusted, checked). */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "policyset.h"

/* Defaults: a 2-core host runs a few sandboxes at once; a queue a few
 * times deeper absorbs a burst; a request that waits 10 s is better told
 * "busy" than left to its client's own timeout. */
#define SERVE_DEFAULT_MAX_RUNS      8u
#define SERVE_DEFAULT_MAX_QUEUE     64u
#define SERVE_DEFAULT_QUEUE_TIMEOUT 10000u
#define SERVE_DEFAULT_DRAIN_TIMEOUT 30000u
/* The pool: sandboxes ready per CPU. A spawn takes a few ms of wall time
 * (most of it the kernel's wait for a cgroup move), so a client sending
 * programs back to back drains a shallower pool: on 2 CPUs,
 * `bench/serve-load.py -n 300 -w 1 --pool P` gave ~225 runs/s with P = 2
 * and 250-290 with P = 4. An idle pooled sandbox costs ~1.2 MiB PSS
 * (bench/serve.py). */
#define SERVE_DEFAULT_POOL_PER_CPU 2u
#define SERVE_DEFAULT_POOL_MIN     2u
/* Upper bounds: each run is a process and a sandbox; each pooled sandbox
 * holds memory while idle. */
#define SERVE_MAX_RUNS_CEILING  1024u
#define SERVE_MAX_QUEUE_CEILING 65536u
#define SERVE_POOL_CEILING      64u
/* Runs one per-run supervisor process (R) may serve one after another, for
 * one connection only (docs/SERVE.md, "Supervisor reuse"; docs/SECURITY.md
 * has the argument). Each run still gets a fresh sandbox; what R's reuse
 * saves is its fork and, under a hypervisor that traps every page a new
 * process touches, the ~500 pages a fresh R touches again. 1 forks one R
 * per run. */
#define SERVE_DEFAULT_REUSE 64u
#define SERVE_REUSE_CEILING 4096u

struct serve_opts {
	const char *socket_path; /* NULL: stdio or activation */
	mode_t socket_mode;
	gid_t socket_gid; /* (gid_t)-1: unchanged */
	bool stdio;
	bool no_template;                   /* exec each run's guest (sandbox_spawn), not the template */
	bool no_pretouch;                   /* pooled sandboxes touch nothing ahead (guest/pretouch.h) */
	bool no_heapown;                    /* pooled sandboxes share the template's heap (guest/heapown.h) */
	unsigned max_runs, max_queue, pool; /* pool: --pool, else per CPU */
	unsigned reuse;                     /* --reuse: runs per supervisor process */
	uint64_t queue_timeout_ms, drain_timeout_ms;
	const char *cgroup_parent;
	bool metrics; /* --metrics HOST:PORT, parsed into: */
	struct sockaddr_storage metrics_addr;
	socklen_t metrics_addr_len;
	unsigned require;
	const char *guest_path;
	struct policyset policies; /* names and files; loaded by serve_run */
};

/* CPUs this process may run on (its affinity mask), at least 1: what the
 * pool's default and its refills are sized by. */
unsigned serveopts_cpus(void);

/* Parses argv (argv[0] = "serve"). Returns 0, 1 after printing help, or 2
 * after a usage message on stderr. */
int serveopts_parse(int argc, char **argv, struct serve_opts *o);
