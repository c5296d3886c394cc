/* httpbridge: a downstream MCP server reached over streamable HTTP, made to
 * look like a stdio one: `codecell mcp --http-bridge URL` (started by
 * codecell mcp as the server's command) reads JSON-RPC lines on stdin,
 * POSTs each to URL with libcurl (the credential headers from its
 * environment, the session id the server gave at initialize, the protocol
 * version), and writes every JSON-RPC message of the answers (a JSON body or
 * an event stream) as one line on stdout. So the server gets the same
 * lifecycle as a stdio one: bounds, deadlines, restarts (a session the server
 * forgot ends the bridge, and the restart initializes again).
 * Runs in: supervisor (a child of codecell mcp; never in the sandbox).
 * Input: JSON-RPC lines from codecell mcp (trusted), HTTP answers from the
 * server (untrusted: bounded, and re-encoded as one line each). */
#pragma once

/* Environment the bridge reads (set by mcpconfig from the configuration;
 * never on the command line, where other users could read credentials). */
#define HTTPBRIDGE_ENV_HEADERS    "CODECELL_MCP_HTTP_HEADERS"    /* "Name: value" lines */
#define HTTPBRIDGE_ENV_MAX        "CODECELL_MCP_HTTP_MAX"        /* bytes per answer */
#define HTTPBRIDGE_ENV_TIMEOUT_MS "CODECELL_MCP_HTTP_TIMEOUT_MS" /* per request */

/* Requests in flight at once (one thread each). */
#define HTTPBRIDGE_MAX_INFLIGHT 64

#include <stddef.h>

int httpbridge_main(const char *url);

/* Splits a text/event-stream body (untrusted) into its events and calls fn
 * with each event's data (its data: lines joined by "\n"), in order; an
 * event over max bytes is dropped. A pure function, no I/O. */
void httpbridge_events(const char *s, size_t n, size_t max, void (*fn)(void *ctx, const char *data, size_t len),
                       void *ctx);
