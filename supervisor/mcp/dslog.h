/* dslog: a downstream server's log notifications (notifications/message),
 * decoded once into a bounded, typed entry, and the per-server rate limit
 * that keeps a chatty or hostile server from flooding the client.
 * Runs in: supervisor (codecell mcp). Input: the params of a downstream
 * server's notifications/message (untrusted JSON, already parsed); no I/O. */
#pragma once

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>

/* The data of one message, as JSON text, is cut to this: it goes to the
 * client's log and, through it, maybe into a prompt. */
#define DSLOG_MAX_DATA 4096
/* A logger name longer than this is cut. */
#define DSLOG_MAX_LOGGER 64
/* Messages forwarded per server per window; the rest are counted and the
 * count reported once the window has passed. 20 a second is more than a
 * person reads and little for a client to carry. */
#define DSLOG_MAX_PER_WINDOW 20
#define DSLOG_WINDOW_MS      1000u

/* MCP's logging levels in order (RFC 5424 names); index 0 is debug. */
extern const char *const dslog_levels[8];
/* The index of level in dslog_levels, or -1. */
int dslog_level_index(const char *level);

struct dslog_entry {
	int level;                         /* index in dslog_levels */
	char logger[DSLOG_MAX_LOGGER + 1]; /* "" when absent */
	char data[DSLOG_MAX_DATA + 4];     /* JSON text of data; cut ones end in "..." and are a JSON string */
};

/* Decodes params of notifications/message. 0, or -EINVAL when params is
 * not an object with a known level and a data member (the message is then
 * dropped). */
int dslog_decode(const cJSON *params, struct dslog_entry *out);

struct dslog_limit {
	uint64_t window_start_ms;
	unsigned in_window;
	unsigned long dropped; /* since the last report */
};

/* Whether a message at now may be forwarded. When a new window opens after
 * drops, *report receives how many were dropped (else 0): the caller says
 * so before forwarding this one. */
bool dslog_admit(struct dslog_limit *l, uint64_t now, unsigned long *report);
