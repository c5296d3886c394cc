/* run_int: the state of one run, shared by its two halves: run.c (the
 * lifecycle: setup, the poll loop, limits, teardown, output) and dispatch.c
 * (each decoded message to its handler: the in-flight table, approvals,
 * decisions, executors, replies). Not for other modules.
 * Runs in: supervisor. Input: none (a data layout). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audit.h"
#include "cgroup.h"
#include "fetch.h"
#include "frame.h"
#include "fsops.h"
#include "guestmsg.h"
#include "host.h"
#include "outq.h"
#include "policy.h"
#include "report.h"
#include "run.h"
#include "sandbox.h"
#include "selflimit.h"

/* Guest stderr is diagnostics only; keep the tail for the report. */
#define RUN_ERRTAIL_BYTES 2048
/* Guest frames served per loop turn: the limit clock and the other fds get
 * their turn between batches, however fast the guest writes. */
#define RUN_FRAMES_PER_TURN 64
/* Byte cap on each output queue (to the guest, to the host), past which the
 * run stops taking guest requests: room for two largest frames and slack for
 * small lines, so progress never stalls on a legal reply. */
#define RUN_QUEUE_CAP(max_frame) (2 * (max_frame) + (64u << 10))

/* Approvals waiting at once: each holds a request slot too, so the in-flight
 * limit bounds them; this is the table size. */
#define RUN_MAX_APPROVALS 64

struct inflight {
	uint64_t guest_id;
	uint64_t host_id;
	bool used;
};

/* A decoded request with its decisions, held until an approval answers. */
struct held {
	struct guest_msg msg;
	struct policy_fs_decision from, to; /* fs: path and rename target */
	struct policy_net_decision net;     /* fetch */
};

/* A request held until the host answers an approval_request. */
struct approval {
	uint64_t id;       /* our approval id, sent as a string */
	uint64_t guest_id; /* the request it holds */
	enum policy_approval_kind kind;
	char key[600];     /* cache key (docs/POLICY.md, Approvals) */
	struct held *held; /* owned: executed as decided on allow */
	uint64_t deadline_ms;
	bool used;
};

struct run {
	const struct run_config *cfg;
	struct report rep;
	uint64_t t0_ms, deadline_ms, next_cpu_ms;
	uint64_t cpu_base_ms; /* clock_from_start: the sandbox's CPU time before "start" */
	/* SIGTERM, SIGINT and SIGHUP, blocked and read here: a stop request
	 * ends the run like a host's cancel (-1 if signalfd failed). */
	int sigfd;

	/* guest */
	struct sandbox_child child;
	bool spawned, reaped;
	struct frame_reader fr;
	struct outq to_guest;
	bool ready, started, sock_eof;
	/* The walls this sandbox lacks (the report's "degraded"), built once
	 * at the spawn for --require and moved into the report at "ready". */
	cJSON *degraded;
	/* A write to the guest failed (it exited, or shut its end): what was
	 * queued for it is dropped, but its socket is still read to its end,
	 * since the result it wrote before exiting may be unread there. */
	bool sock_wr_dead;
	bool guest_pending; /* frames may be buffered, or unread, past a turn's budget */
	size_t queue_cap;   /* RUN_QUEUE_CAP(limits.max_frame) */
	char errtail[RUN_ERRTAIL_BYTES];
	size_t errtail_len;

	/* host */
	struct host_reader hr;
	struct outq to_host;
	bool host_eof;
	struct host_msg start; /* the host's start message, kept for its fields */
	bool have_start;

	/* requests in flight, a fixed table of max_inflight slots */
	struct inflight *inflight;
	size_t n_inflight;
	uint64_t next_host_id;

	/* executors, created with the start message (NULL: nothing to reach) */
	struct fsops *fs;
	struct fetcher *net;
	uint64_t fs_ops, fetches;
	uint64_t fs_bytes_read, fs_bytes_written, net_bytes_in, net_bytes_out;
	struct policy_caps *caps;
	struct audit *audit;
	struct policy_approval_cache *approval_cache;
	/* RUN_MAX_APPROVALS entries, allocated at the program's first ask
	 * (NULL until then): ~40 KiB that most runs never use, and that the
	 * run's zeroed struct on the stack would otherwise touch page by page. */
	struct approval *approvals;
	uint64_t next_approval_id;
	uint64_t denials, approvals_asked;

	/* cgroups */
	struct cgroup_host *cgh;
	struct cgroup_run *cgr;

	void *bpf;
	size_t bpf_len;

	/* the supervisor's own bounds (cfg->own_process only) */
	struct selflimit_bounds self;
	bool self_limited;
};

uint64_t run_now_ms(void);

/* ---- dispatch.c ---- */

/* One guest frame: decode, then hand to its handler. */
void dispatch_frame(struct run *r, const uint8_t *p, size_t n);
/* One host line: decode, then hand to its handler. */
void dispatch_host_line(struct run *r, const char *line, size_t len);
/* Creates the executors for the run's policy (with the host's workspace). */
int dispatch_executors_create(struct run *r, const char *workspace, char *err, size_t errlen);
/* Approvals past their deadline are answered "no". */
void dispatch_expire_approvals(struct run *r, uint64_t now);
/* Finished fetches become replies. */
void dispatch_collect_fetches(struct run *r);
/* Ends the run with sandbox_error when an audit write failed (rc < 0). */
void dispatch_audited(struct run *r, int rc);
/* Frees the held requests and the executors. */
void dispatch_finish(struct run *r);

/* Frames and queues msg (consumed) to the guest. -EMSGSIZE when it exceeds
 * the frame limit (not queued; its size in *bytes, which may be NULL). */
int dispatch_guest_send(struct run *r, cJSON *msg, size_t *bytes);
/* Queues one host message (consumed); the run fails on ENOMEM. */
void dispatch_host_send(struct run *r, cJSON *msg);

/* ---- run.c ---- */

/* The guest said "ready": record what the sandbox enforces. */
void run_ready(struct run *r);
/* Sends the start frame if it may go now: not sent yet, the program known
 * (the host's start message, or a FILE outside host mode), and the guest
 * ready, or, for a sandbox spawned for this request (not a pooled one),
 * spawned (run.c says why that is safe). The one place that decides. */
void run_start_when_due(struct run *r);
/* Whether a host answers this run's tool calls and approvals: host mode,
 * unless its start said "no_host" (`codecell run --server`, which must
 * behave as plain mode does). The one place that decides. */
static inline bool run_has_host(const struct run *r)
{
	return r->cfg->host_mode && !(r->have_start && r->start.no_host);
}
/* Whether the host offered ns.name for this run (a namespace offered as
 * null offers every name). When not, list gets the offered tools
 * ("ns.a, ns.b, other.*") for the program's error message. */
bool run_tool_offered(const struct run *r, const char *ns, const char *name, char *list, size_t cap);
