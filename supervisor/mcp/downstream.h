/* downstream: one downstream MCP server over stdio, as codecell mcp's
 * client: started once, initialized, its tools listed (every page, at every
 * start and again when it sends notifications/tools/list_changed), its
 * tools/call requests in flight in parallel (one JSON-RPC id each), every
 * call bounded by a deadline, its log messages during calls passed on
 * (bounded, dslog.h), and the server restarted (with back-off) when it
 * exits, breaks the protocol or sends a message over the size limit.
 * Runs in: supervisor (codecell mcp). Input: the server's stdout (untrusted
 * JSON-RPC lines, at most max_response bytes each). */
#pragma once

#include <cjson/cJSON.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>

#include "dslog.h"
#include "host.h"
#include "mcpchild.h"
#include "mcpconfig.h"
#include "outq.h"
#include "toolresult.h"

/* tools/list pages followed before the list is taken as complete: a server
 * that keeps handing out cursors is not allowed to stall start-up. */
#define DOWNSTREAM_MAX_PAGES 64
/* Calls in flight or queued per server. */
#define DOWNSTREAM_MAX_CALLS 1024
/* Bytes queued for a server that does not read its input (answers to its
 * own pings, say): past this it is treated as failed and restarted, so it
 * cannot make codecell mcp hold memory without bound. */
#define DOWNSTREAM_MAX_QUEUED (16u << 20)
/* At shutdown a server gets this long after its stdin closes, and again
 * after SIGTERM, before it is killed (MCP's stdio shutdown). */
#define DOWNSTREAM_STOP_GRACE_MS 500u
/* Back-off between restarts: doubles from the first to the last. */
#define DOWNSTREAM_BACKOFF_MIN_MS 250u
#define DOWNSTREAM_BACKOFF_MAX_MS 30000u
/* A server that keeps saying its tools changed is listed at most this
 * often: each list can make the client fetch and re-read the declarations. */
#define DOWNSTREAM_RELIST_MIN_MS 1000u

enum downstream_state {
	DOWNSTREAM_DOWN,         /* not running; restarts at restart_at_ms */
	DOWNSTREAM_INITIALIZING, /* initialize sent */
	DOWNSTREAM_LISTING,      /* tools/list sent after initialize; calls wait */
	DOWNSTREAM_READY,
};

struct downstream_call;

/* Called once per call with its outcome (r is the callee's to keep:
 * toolresult_finish it). */
typedef void (*downstream_done_fn)(void *ctx, uint64_t token, struct toolresult *r);
/* Called with a log message the server sent while calls to it were in
 * flight; dropped > 0: that many were dropped by the rate limit before it. */
struct downstream;
typedef void (*downstream_log_fn)(void *ctx, const struct downstream *d, const struct dslog_entry *e,
                                  unsigned long dropped);

struct downstream {
	const struct mcpconfig_server *cfg;
	const struct mcpconfig *limits;
	enum downstream_state state;
	struct mcpchild child;
	struct host_reader rd;
	struct outq out;
	int64_t next_id, init_id, list_id;
	unsigned pages;         /* of the list in progress */
	bool relisting;         /* a tools/list in progress while READY (calls go on) */
	bool relist;            /* the server said its tools changed: list again */
	uint64_t relist_at_ms;  /* no list starts before this (DOWNSTREAM_RELIST_MIN_MS) */
	uint64_t deadline_ms;   /* of the start-up step in progress */
	uint64_t restart_at_ms; /* DOWN: when to start again */
	unsigned failures;      /* consecutive failed starts */
	bool listed;            /* a tool list has been completed */
	bool ever_ready;
	cJSON *tools;       /* the last complete tool list, every page (owned) */
	cJSON *listing;     /* the pages of the list in progress (owned) */
	unsigned tools_gen; /* bumped when a completed list differs from the one before */
	struct dslog_limit log_limit;
	downstream_log_fn log;
	char last_error[256];
	struct downstream_call *calls;
	size_t n_calls;
	unsigned restarts;
	downstream_done_fn done;
	void *ctx;
};

void downstream_init(struct downstream *d, const struct mcpconfig_server *cfg, const struct mcpconfig *limits,
                     downstream_done_fn done, downstream_log_fn log, void *ctx);
void downstream_finish(struct downstream *d); /* stops the server, fails its calls */

/* Starts the server now (the first time). */
void downstream_start(struct downstream *d, uint64_t now);

/* Queues a call of the server's tool `tool` with arguments args (an object;
 * consumed). The outcome comes through done(ctx, token, ...), never from
 * inside this call. */
void downstream_call(struct downstream *d, uint64_t token, const char *tool, cJSON *args, uint64_t now);
/* Forgets the call with this token (the program ended): the server is told
 * with notifications/cancelled; done is not called for it. */
void downstream_forget(struct downstream *d, uint64_t token);

/* Poll integration: fills up to 2 pollfds and returns how many; then
 * downstream_io with the same entries; downstream_tick for deadlines. */
int downstream_pollfds(struct downstream *d, struct pollfd *p);
void downstream_io(struct downstream *d, const struct pollfd *p, int n, uint64_t now);
void downstream_tick(struct downstream *d, uint64_t now);
/* The earliest time downstream_tick has something to do; UINT64_MAX if none. */
uint64_t downstream_next_ms(const struct downstream *d);
