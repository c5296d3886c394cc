/* envelope: one client line of `codecell serve`, decoded once: the run it
 * belongs to, its type, the server-level fields of a start (policy_name,
 * limits), and the line to forward to that run's supervisor with those
 * fields removed (every other value kept as the exact bytes the client
 * wrote, so numbers and strings cross unchanged, as with `codecell run`).
 * Also the one encoder that tags a supervisor line with its run id.
 * Runs in: server (S). Input: lines from socket clients (trusted like a
 * host, but possibly buggy: bounded, never crashes the server). Pure: no
 * I/O; allocates only the forwarded line. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "msgtype.h"

/* A run id is chosen by the client: a UUID is 36 bytes; 64 leaves room for
 * a prefix and keeps every error line short. Letters, digits and ._:- only,
 * so the id can be copied into a line without escaping. */
#define ENVELOPE_MAX_RUN_ID 64
/* A policy name is an operator's word (--policy NAME=FILE). */
#define ENVELOPE_MAX_POLICY_NAME 64
/* A start's "limits" object names each limit at most once; there are
 * seven a client may set. */
#define ENVELOPE_MAX_LIMITS 8
/* A limit's text: "500ms", "64MiB", "1000"; 32 bytes is far above any. */
#define ENVELOPE_MAX_LIMIT_TEXT 32

struct envelope_limit {
	char key[16];
	char text[ENVELOPE_MAX_LIMIT_TEXT + 1];
};

struct envelope {
	enum hostmsg type;                 /* START, TOOL_RESULT, CANCEL, APPROVAL, STATS, HEALTH or METRICS */
	char run[ENVELOPE_MAX_RUN_ID + 1]; /* "" when the line had none */
	char policy_name[ENVELOPE_MAX_POLICY_NAME + 1]; /* start only; "" = the default */
	/* start only: the client sends no other start on this connection
	 * ("last": true), so its supervisor is not kept armed for one */
	bool last;
	struct envelope_limit limits[ENVELOPE_MAX_LIMITS];
	size_t n_limits;
	char *fwd; /* owned: the line for the run's supervisor, '\n'-terminated (run messages only) */
	size_t fwd_len;
};

/* Decodes one line (without its '\n'). Returns 0, or -EPROTO with a
 * message for the client in err (*out then holds nothing to free, but
 * out->run holds the run id when one could be read, for the error line),
 * or -ENOMEM. Run messages (start, tool_result, cancel, approval) need a
 * "run"; server messages (stats, health, metrics) do not. Free with
 * envelope_free(). */
int envelope_decode(const char *line, size_t len, struct envelope *out, char *err, size_t errlen);
void envelope_free(struct envelope *e); /* accepts NULL */

/* Whether s is a valid run id (the grammar above). */
bool envelope_run_id_ok(const char *s, size_t len);

/* A supervisor line ({"v":1,"type":...}, from our own per-run supervisor)
 * with "run":id added as its first member, '\n'-terminated. Caller frees;
 * NULL when line is not an object or on ENOMEM. */
char *envelope_tag(const char *line, size_t len, const char *run, size_t *out_len);
