/* runlimits: the per-run limits the supervisor enforces, with their defaults.
 * Runs in: supervisor. Input: filled from the command line and the policy
 * file (trusted operator input, range-checked by their parsers). */
#pragma once

#include <stdint.h>

enum cgroup_requirement {
	CGROUP_REQ_AUTO = 0, /* use the best available mode, report degradation */
	CGROUP_REQ_REQUIRED, /* fail closed unless cgroup v2 limits work */
	CGROUP_REQ_OFF,      /* do not use cgroups (rlimits + heap cap + timers) */
};

struct limits {
	uint64_t wall_ms;      /* wall-clock budget from spawn to result */
	uint64_t cpu_ms;       /* CPU time of the whole sandbox */
	uint64_t memory_bytes; /* cgroup memory.max; the guest heap cap is derived from it */
	uint64_t heap_bytes;   /* Duktape heap cap inside the guest */
	uint64_t pids;         /* cgroup pids.max */
	uint64_t output_bytes; /* logs + result bytes */
	uint64_t tool_calls;   /* tool calls per run */
	uint64_t max_frame;    /* largest guest frame payload */
	uint64_t max_inflight; /* requests awaiting a reply at once */
	uint64_t stack_bytes;  /* RLIMIT_STACK for the guest: Duktape needs >= 1 MiB */
	enum cgroup_requirement cgroup;
};

/* Defaults chosen for a code-mode program: seconds of work, tens of MiB. */
#define LIMITS_DEFAULT_WALL_MS    30000u
#define LIMITS_DEFAULT_CPU_MS     10000u
#define LIMITS_DEFAULT_MEMORY     (256ull << 20)
#define LIMITS_DEFAULT_HEAP       (128ull << 20)
#define LIMITS_DEFAULT_PIDS       8u
#define LIMITS_DEFAULT_OUTPUT     (1ull << 20)
#define LIMITS_DEFAULT_TOOL_CALLS 1000u
#define LIMITS_DEFAULT_MAX_FRAME  (1ull << 20)
#define LIMITS_DEFAULT_INFLIGHT   64u
#define LIMITS_DEFAULT_STACK      (8ull << 20)

static inline void limits_init_default(struct limits *l)
{
	*l = (struct limits){
	        .wall_ms = LIMITS_DEFAULT_WALL_MS,
	        .cpu_ms = LIMITS_DEFAULT_CPU_MS,
	        .memory_bytes = LIMITS_DEFAULT_MEMORY,
	        .heap_bytes = LIMITS_DEFAULT_HEAP,
	        .pids = LIMITS_DEFAULT_PIDS,
	        .output_bytes = LIMITS_DEFAULT_OUTPUT,
	        .tool_calls = LIMITS_DEFAULT_TOOL_CALLS,
	        .max_frame = LIMITS_DEFAULT_MAX_FRAME,
	        .max_inflight = LIMITS_DEFAULT_INFLIGHT,
	        .stack_bytes = LIMITS_DEFAULT_STACK,
	        .cgroup = CGROUP_REQ_AUTO,
	};
}

/* The heap cap sits inside the memory limit, with room for the guest's own
 * code and buffers, unless the heap was given explicitly (tests use a heap
 * above the memory limit to prove the cgroup wall). One rule for
 * `codecell run` and `codecell serve`, so both run a program alike. */
static inline void limits_fit_heap(struct limits *l)
{
	if (l->heap_bytes + (16u << 20) > l->memory_bytes && l->memory_bytes > (32u << 20))
		l->heap_bytes = l->memory_bytes - (16u << 20);
}
