/* audit: the run's audit log, one JSON line per event (run start, each
 * tool/fs/network decision, approvals, run end); fields in docs/POLICY.md.
 * Runs in: supervisor. Input: decisions and counters from the run loop; the
 * guest-chosen strings in them (names, paths) are escaped by cJSON, never
 * interpreted. Secret header values are never passed in, and any value
 * registered with audit_redact() is scrubbed from every line as well. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "policy.h"

/* One line longer than this is cut to its event/ts/seq fields plus
 * "truncated": true: a guest-chosen path must not make the log unbounded. */
#define AUDIT_MAX_LINE 16384
/* Secrets registered for scrubbing: one per credential binding. */
#define AUDIT_MAX_REDACT 32
/* Audit bytes one run may write. A run writes a line per request it makes
 * (a few hundred bytes each): 1,000 tool calls take about 300 KB. 16 MiB is
 * far above that and keeps a program that floods denied requests from
 * filling the operator's disk (a 20 s flood once wrote ~1 GB). Past it, one
 * "audit_truncated" event is written, later events are counted, not
 * written, and run_end (always written) carries the count. */
#define AUDIT_MAX_RUN_BYTES (16u << 20)

struct audit;

/* Opens the sink the policy names: "off" (events dropped), a file (opened
 * O_APPEND|O_CREAT|O_NOFOLLOW, mode 0600), or "host" (lines written to
 * host_fd, as {"v":1,"type":"audit",...}, unless audit_set_host_writer()
 * routes them through the host protocol writer). Returns NULL with a message
 * in err on failure (e.g. the file cannot be opened: the run must not start
 * unaudited). Free with audit_close(). */
struct audit *audit_open(const struct policy *p, int host_fd, char *err, size_t errlen);

/* Routes host-sink lines through fn (which takes ownership of msg), so they
 * interleave correctly with the host protocol's other output. */
void audit_set_host_writer(struct audit *a, void (*fn)(void *ctx, cJSON *msg), void *ctx);

/* Registers a secret value (e.g. a resolved credential) to be replaced by
 * "[redacted]" wherever it appears in a line. Copies it; values shorter
 * than 4 bytes are refused (-EINVAL: they would scrub ordinary text). */
int audit_redact(struct audit *a, const char *secret);

/* The run's id: 16 hex characters, random per audit_open(). */
const char *audit_run_id(const struct audit *a);

/* Writes one event. ev is an object with the event's own fields; this adds
 * "v", "ts", "run", "seq" and "event", then frees ev. 0 or -errno (a failed
 * write is reported, never fatal for the program's request). Accepts a NULL
 * audit (no-op) and a NULL ev (-ENOMEM from a failed builder). */
int audit_emit(struct audit *a, const char *event, cJSON *ev);

/* The events of docs/POLICY.md "Audit log", built from plain values. */
int audit_run_start(struct audit *a, const struct policy *p, const void *code, size_t code_len, const char *filename);
int audit_decision(struct audit *a, const char *kind /* "tool"|"fs"|"network" */, const char *what,
                   enum policy_verdict v, const char *rule, cJSON *detail /* owned; may be NULL */);
int audit_approval(struct audit *a, enum policy_approval_kind k, const char *key, bool allow,
                   const char *source /* "host"|"cache"|"timeout"|"no_host" */);

struct audit_end {
	const char *status; /* the result status, e.g. "ok", "timeout" */
	uint64_t wall_ms, cpu_ms, memory_peak_bytes;
	uint64_t tool_calls, fs_ops, fetches, denials, approvals;
	uint64_t output_bytes, net_bytes_in, net_bytes_out, fs_bytes_read, fs_bytes_written;
};
int audit_run_end(struct audit *a, const struct audit_end *e);

/* Flushes and closes the sink. Accepts NULL. */
void audit_close(struct audit *a);
