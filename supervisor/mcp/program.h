/* program: one program run for the execute tool: a `codecell run --host`
 * child of this same binary (the sandbox, the policy engine and the limits
 * are the ones every run has), and the host side of its NDJSON protocol
 * (docs/PROTOCOL.md section 2), its lines decoded once into typed values.
 * Runs in: supervisor (codecell mcp). Input: the run's stdout (written by
 * our own supervisor, but carrying guest-chosen names, arguments, log text
 * and values: treated as untrusted and bounded). */
#pragma once

#include <cjson/cJSON.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>

#include "host.h"
#include "mcpchild.h"
#include "outq.h"

/* The file name stack traces show; error lines are read from it. */
#define PROGRAM_FILENAME "execute.js"
/* One line from the run: a tool call's arguments or the result, bounded by
 * the run's own frame limit (64 MiB at most) plus the envelope. */
#define PROGRAM_MAX_LINE ((64u << 20) + (64u << 10))

/* A run still going when it must stop (its client went away) gets this
 * long after stdin closes (it cancels: docs/PROTOCOL.md) and after SIGTERM
 * to tear its sandbox down before it is killed. */
#define PROGRAM_STOP_GRACE_MS 2000u

enum program_line_type { PROGRAM_TOOL_CALL, PROGRAM_LOG, PROGRAM_APPROVAL, PROGRAM_RESULT, PROGRAM_OTHER };

struct program_line {
	/* A run still going when it must stop (its client went away) gets this
 * long after stdin closes (it cancels: docs/PROTOCOL.md) and after SIGTERM
 * to tear its sandbox down before it is killed. */
#define PROGRAM_STOP_GRACE_MS 2000u

	enum program_line_type type;
	cJSON *root;                        /* owned; the pointers below borrow from it */
	const char *id;                     /* TOOL_CALL, APPROVAL */
	const char *ns, *name;              /* TOOL_CALL; APPROVAL of kind tool */
	cJSON *args;                        /* TOOL_CALL: the positional arguments (an array) */
	const char *level, *message;        /* LOG */
	const char *kind;                   /* APPROVAL: tool, fs or network */
	cJSON *detail;                      /* APPROVAL */
	const char *status;                 /* RESULT */
	cJSON *value;                       /* RESULT: NULL when the program's value was undefined */
	const char *err_name, *err_message; /* RESULT with an error */
	long err_line;                      /* RESULT: the program's line from the stack, or 0 */
};

struct program {
	struct program *next;
	uint64_t token;
	struct mcpchild child;
	struct host_reader rd;
	struct outq out;
	cJSON *request_id;     /* the client's tools/call id (owned) */
	cJSON *progress_token; /* owned; NULL when the client gave none */
	unsigned calls_done;
	bool finished; /* the result line was handled */
};

/* Starts the run: exe (this binary) run --host [--policy policy_path]
 * with code and namespaces ({ns: [names]}, consumed). 0 or -errno. */
int program_start(struct program *p, const char *exe, const char *policy_path, const char *code, cJSON *namespaces);
/* Writes one host message (consumed) to the run. */
void program_send(struct program *p, cJSON *msg);
void program_stop(struct program *p);

/* Decodes one line from the run. 0, or -EPROTO (why filled). */
int program_decode(const char *line, size_t len, struct program_line *out, char *why, size_t why_len);
void program_line_free(struct program_line *l);

int program_pollfds(struct program *p, struct pollfd *pfd);
/* Reads what is there; each complete line is handed to on_line. Returns 1
 * when the run's output ended (EOF or an error), else 0. */
int program_io(struct program *p, const struct pollfd *pfd, int n,
               void (*on_line)(void *ctx, struct program *p, const char *line, size_t len), void *ctx);
