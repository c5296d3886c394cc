/* mcpconfig: the operator's `codecell mcp` configuration file (JSONC):
 * the downstream servers, the policy file and the limits, decoded once into
 * a typed, bounded struct; every error says FILE:LINE:COL.
 * Runs in: supervisor (codecell mcp, at start). Input: the operator's file
 * (trusted, checked strictly: unknown keys are errors). */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "toolset.h"

/* Arguments and environment entries per server: a command line, not a
 * script. */
#define MCPCONFIG_MAX_ARGS 64
#define MCPCONFIG_MAX_ENV  64
/* Header lines per HTTP server. */
#define MCPCONFIG_MAX_HEADERS 32

struct mcpconfig_server {
	char *name;  /* the program's namespace: a JavaScript identifier */
	char **argv; /* command, then args; NULL-terminated */
	char **env;  /* "NAME=value" added to the inherited environment; NULL-terminated */
	/* A streamable HTTP server: argv and env then start this binary as
	 * `codecell mcp --http-bridge URL` (httpbridge.c), the headers (with
	 * their credentials) in its environment, never on its command line. */
	char *url;
	char *headers; /* "Name: value" lines */
};

struct mcpconfig {
	struct mcpconfig_server servers[TOOLSET_MAX_NAMESPACES];
	size_t n_servers;
	char *policy_path;           /* absolute or relative to the config file's directory; NULL: built-in default */
	uint64_t call_timeout_ms;    /* one downstream tools/call */
	uint64_t startup_timeout_ms; /* start, initialize and list tools */
	uint64_t max_response;       /* one downstream JSON-RPC line */
	uint64_t max_runs;           /* programs running at once */
};

#define MCPCONFIG_DEFAULT_CALL_TIMEOUT_MS    60000u
#define MCPCONFIG_DEFAULT_STARTUP_TIMEOUT_MS 30000u
/* A tool result past 4 MiB would not fit the guest's frame limit anyway
 * (1 MiB by default, 64 MiB at most); the server is restarted instead. */
#define MCPCONFIG_DEFAULT_MAX_RESPONSE (4ull << 20)
#define MCPCONFIG_MAX_MAX_RESPONSE     (64ull << 20)
#define MCPCONFIG_DEFAULT_MAX_RUNS     4u

/* Loads path. 0, or -EINVAL with a message in err (FILE:LINE:COL: ...),
 * or -errno. Caller frees with mcpconfig_finish(). */
int mcpconfig_load(const char *path, struct mcpconfig *out, char *err, size_t errlen);
void mcpconfig_finish(struct mcpconfig *c);
