/* mcpchild: starting and stopping the child processes of codecell mcp (the
 * downstream servers and the `codecell run --host` of each program), each
 * in its own session so that a kill reaches what it started too (npx starts
 * node), with its stdin and stdout as non-blocking pipes.
 * Runs in: supervisor (codecell mcp). Input: argv and environment from the
 * operator's config or built by codecell mcp itself. */
#pragma once

#include <stdint.h>
#include <sys/types.h>

struct mcpchild {
	pid_t pid;   /* 0 when none */
	int to_fd;   /* the child's stdin (we write), non-blocking */
	int from_fd; /* the child's stdout (we read), non-blocking */
};

/* Starts argv[0] (looked up in PATH) with envp. stderr is inherited: it is
 * the operator's log. 0 or -errno. An exec failure shows as the child
 * exiting with status 127 and a message on stderr. */
int mcpchild_spawn(struct mcpchild *c, char *const *argv, char *const *envp);

/* Stops the child the way MCP's stdio transport says a client should:
 * closes its stdin, waits up to grace_ms for it to exit, sends SIGTERM,
 * waits grace_ms again, then kills its whole session (SIGKILL); reaps it.
 * grace_ms 0 kills at once (a server that broke the protocol). Stores a
 * short description of how it ended in why (may be NULL). */
void mcpchild_stop(struct mcpchild *c, unsigned grace_ms, char *why, size_t why_len);

/* Reaps the child if it has exited, without blocking: 1 (and the pipes
 * closed, why filled), 0 when still running. */
int mcpchild_reap(struct mcpchild *c, char *why, size_t why_len);

/* Milliseconds on the monotonic clock. */
uint64_t mcpchild_now_ms(void);
