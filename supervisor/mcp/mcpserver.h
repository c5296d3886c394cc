/* mcpserver: the MCP server side of codecell mcp: the client's JSON-RPC on
 * stdin/stdout (initialize, tools/list, tools/call of execute, search_tools
 * and describe_tool, logging/setLevel, ping, cancellation, elicitation
 * answers), and the routing between program runs and downstream servers:
 * a program's tool call goes to its server, an approval request becomes an
 * elicitation (or a denial), logs and progress become notifications.
 * Runs in: supervisor (codecell mcp). Input: the client's lines (untrusted
 * JSON-RPC), typed results from downstream.c and program.c. */
#pragma once

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "downstream.h"
#include "mcpconfig.h"
#include "policy.h"
#include "program.h"
#include "toolset.h"

/* A client line: the program is at most 4 MiB of source, JSON-escaped. */
#define MCPSERVER_MAX_CLIENT_LINE (16u << 20)
/* Past this size the execute description lists tool names only and the
 * model reads declarations through describe_tool (progressive disclosure). */
#define MCPSERVER_MAX_INLINE_DECLARATIONS (64u << 10)
/* Matches search_tools returns at most. */
#define MCPSERVER_MAX_SEARCH 50
/* Tool calls and elicitations in flight across all programs. */
#define MCPSERVER_MAX_PENDING 4096

struct mcpserver_pending;
struct mcpserver_elicit;

struct mcpserver {
	const struct mcpconfig *cfg;
	struct policy *policy; /* the runs' policy: decides which tools are offered */
	const char *exe;       /* this binary, for the runs */
	struct downstream ds[TOOLSET_MAX_NAMESPACES];
	size_t n_ds;
	struct toolset ts;
	unsigned offered_gen[TOOLSET_MAX_NAMESPACES]; /* the tools_gen of ds[i] that ts holds */
	char *declarations;
	struct program *programs;
	size_t n_programs;
	struct mcpserver_pending *pending;
	size_t n_pending;
	struct mcpserver_elicit *elicits;
	struct host_reader in;
	struct outq out;
	bool client_elicitation;
	int min_level; /* logging/setLevel; 0 = debug */
	int64_t next_request_id;
	uint64_t next_token;
	bool done; /* the client went away */
};

/* Set from a signal handler: serve no longer. */
extern volatile sig_atomic_t mcpserver_stop_requested;

/* Starts every downstream server and waits (up to the start-up timeout)
 * until each has listed its tools or failed three times; then builds the
 * toolset. Whenever a server's list changes later (it was late, it was
 * restarted as a new version, it sent tools/list_changed) the toolset is
 * built again, and the client told with notifications/tools/list_changed
 * when what it is offered changed. 0 or -ENOMEM. */
int mcpserver_init(struct mcpserver *s, const struct mcpconfig *cfg, struct policy *policy, const char *exe);
/* Serves the client on stdin/stdout until it closes stdin. 0, or 1 on a
 * fatal error (message on stderr). */
int mcpserver_run(struct mcpserver *s);
void mcpserver_finish(struct mcpserver *s);
