/* runclient: `codecell run --server PATH`, the command line as a client of
 * a running `codecell serve`. The program runs in one of the server's
 * pooled sandboxes (a fresh sandbox per run, as always) instead of one this
 * process would set up, and the command behaves as plain mode does: logs
 * on stderr as they come, the result on stdout (or the whole result with
 * --json), the same exit codes. The start says "no_host", so the run's
 * supervisor fails tool calls and denies approvals exactly as plain mode's
 * does; a signal here cancels the run and still prints its result.
 * Runs in: the codecell process of a `codecell run --server`, outside any
 * sandbox. Input: lines from the server's socket (the operator's own
 * server: trusted like a host, still bounded and checked, never crashing
 * this process). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* The limits a start may lower (docs/SERVE.md); as many as --server takes. */
#define RUNCLIENT_MAX_LIMITS 8

struct runclient_opts {
	const char *socket_path;
	const char *policy_name; /* NULL: the server's default policy */
	const char *code;        /* the program, code_len bytes */
	size_t code_len;
	const char *filename;
	const char *ns_name;   /* the tool namespace the program sees */
	const char *workspace; /* absolute, or NULL */
	struct {
		const char *key, *text; /* a start's "limits" member: wall, cpu, ... */
	} limits[RUNCLIENT_MAX_LIMITS];
	size_t n_limits;
	bool json_report, pretty;
};

/* Runs the program through the server and prints its outcome. Returns the
 * process exit code: the result's (docs/PROTOCOL.md), 2 when the server
 * cannot be reached or refuses the start line, 4 when the connection ends
 * before the result. */
int runclient_main(const struct runclient_opts *o);
