/* report: the outcome of one run — status, message, value, statistics and
 * what was enforced — and its two renderings (host JSON, plain text).
 * Runs in: supervisor. Input: facts gathered by run.c; guest-provided values
 * arrive here already parsed by guestmsg.c. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>

enum run_status {
	RUN_OK = 0,
	RUN_ERROR,
	RUN_TIMEOUT,
	RUN_CPU_LIMIT,
	RUN_MEMORY_LIMIT,
	RUN_OUTPUT_LIMIT,
	RUN_TOOL_CALL_LIMIT,
	RUN_PROTOCOL_ERROR,
	RUN_SANDBOX_ERROR,
	RUN_CANCELLED,
	RUN_BUSY, /* codecell serve: the run waited past the queue timeout, or was refused */
	RUN__COUNT
};

const char *report_status_name(enum run_status s);
/* The status a result's "status" names; RUN__COUNT for none. */
enum run_status report_status_from_name(const char *name, size_t len);
/* The process exit code for a status (docs/PROTOCOL.md). */
int report_exit_code(enum run_status s);

struct report {
	enum run_status status;
	bool decided;      /* status is final: the first terminal event wins */
	char message[512]; /* for every non-ok status: what happened, for a model */
	cJSON *value;      /* owned: the program's result (RUN_OK) */
	cJSON *error;      /* owned: {name, message, stack} for RUN_ERROR */
	cJSON *unhandled;  /* owned: unhandled rejections, or NULL */
	/* statistics */
	uint64_t wall_ms, cpu_ms, memory_peak_bytes, tool_calls, output_bytes;
	bool cpu_known, memory_known;
	/* the supervisor's own usage (stats.supervisor; a one-run process only) */
	bool self_known, self_limited;
	uint64_t self_cpu_ms, self_memory_peak_bytes;
	uint64_t self_data_bytes, self_cpu_seconds; /* its rlimits, when self_limited */
	/* enforcement, as verified */
	cJSON *enforced; /* owned */
};

void report_init(struct report *r);
void report_finish(struct report *r);
/* Sets the status if none was decided yet; later calls are ignored, so the
 * first limit hit is the one reported. Returns true if it took effect. */
__attribute__((format(printf, 3, 4))) bool report_decide(struct report *r, enum run_status s, const char *fmt, ...);
/* The host protocol's final "result" message (caller owns). */
cJSON *report_to_json(const struct report *r);
/* Plain mode: the result as compact JSON on stdout (two-space indented
 * when pretty; null for undefined), or the error on stderr. */
void report_print_plain(const struct report *r, bool pretty, int out_fd, int err_fd);
/* Plain mode: which walls were missing, as one stderr line (--json and the
 * host protocol carry them in enforced.degraded); nothing when none were. */
void report_print_degraded(const struct report *r, int err_fd);
/* Plain mode: one of the program's log lines on err_fd as it happens,
 * "[level] " before any level but log and info. */
void report_print_log(int err_fd, const char *level, const char *text, size_t len);
/* The inverse of report_to_json, for a client printing a result another
 * supervisor decided (`codecell run --server`): the status, its message,
 * the value and unhandled rejections as their exact text, the error and
 * enforced. result is a result line's members (jsonraw_members) and root
 * the same line parsed. Returns 0, or -EPROTO when it is not a result. */
struct jsonraw_member;
int report_from_result(const struct jsonraw_member *m, size_t n, const cJSON *root, struct report *out);
